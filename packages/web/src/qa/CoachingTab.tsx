import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DisciplinePointPage, MetricInfo, Profile, QaCoaching } from '@banzu/contract';
import { api, type ApiError } from '../api/client';

const share = (p: { failed: number; of: number }) => (p.of === 0 ? '—' : `${p.failed} / ${p.of}`);
const outcomeColors = { improved: 'green', unchanged: 'default', worse: 'red', pending: 'blue' } as const;

/** A figure as its unit reads: a share in per cent, seconds as seconds, a score or points with one decimal. */
function figure(value: number | null, measure: string, metrics: MetricInfo[], seconds: string): string {
  if (value === null) return '—';
  const unit = metrics.find((m) => m.id === measure)?.unit;
  if (unit === 'ratio') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'seconds') return `${Math.round(value)} ${seconds}`;
  return String(Math.round(value * 10) / 10);
}

/** 新建辅导: coaching opened from a KPI behind its target or a discipline item of an agent of the team. */
function OpenCoaching({ open, onClose, onOpened, metrics }: { open: boolean; onClose(): void; onOpened(): void; metrics: MetricInfo[] }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [agents, setAgents] = useState<Profile[]>([]);
  const [points, setPoints] = useState<DisciplinePointPage['items']>([]);
  const kind = Form.useWatch('kind', form) as 'kpi' | 'discipline' | undefined;
  const agentId = Form.useWatch('agentId', form) as string | undefined;
  useEffect(() => {
    if (open) void api<Profile[]>('GET', '/api/v1/users?role=agent').then(setAgents, () => setAgents([]));
  }, [open]);
  useEffect(() => {
    if (kind !== 'discipline' || !agentId) return setPoints([]);
    void api<DisciplinePointPage>('GET', `/api/v1/discipline/points?agentId=${encodeURIComponent(agentId)}`).then(
      (page) => setPoints(page.items.filter((p) => p.status !== 'withdrawn')),
      () => setPoints([]),
    );
  }, [kind, agentId]);
  const en = i18n.language === 'en';
  const submit = async () => {
    const v = (await form.validateFields()) as {
      kind: 'kpi' | 'discipline';
      agentId: string;
      metric?: string;
      pointId?: string;
      focus: string;
      actions?: string;
      followUpOn: Dayjs;
    };
    const body = {
      source: { kind: v.kind, id: v.kind === 'kpi' ? v.metric : v.pointId },
      agentId: v.agentId,
      focus: v.focus,
      actions: v.actions ?? '',
      followUpOn: v.followUpOn.format('YYYY-MM-DD'),
    };
    await api('POST', '/api/v1/qa/coaching', body)
      .then(() => {
        void message.success(t('qa.coaching.saved'));
        form.resetFields();
        onOpened();
      })
      .catch((err: ApiError) => void message.error(err.message));
  };
  return (
    <Modal open={open} title={t('qa.coaching.new')} onCancel={onClose} onOk={() => void submit()} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'kpi', followUpOn: dayjs().add(7, 'day') }}>
        <Form.Item name="agentId" label={t('qa.coaching.agent')} rules={[{ required: true, message: t('qa.coaching.agent') }]}>
          <Select showSearch optionFilterProp="label" options={agents.map((a) => ({ value: a.id, label: a.employeeNo ? `${a.displayName}（${a.employeeNo}）` : a.displayName }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('qa.coaching.source')}>
          <Radio.Group
            options={[
              { value: 'kpi', label: t('qa.coaching.sources.kpi') },
              { value: 'discipline', label: t('qa.coaching.sources.discipline') },
            ]}
          />
        </Form.Item>
        {kind === 'discipline' ? (
          <Form.Item name="pointId" label={t('qa.coaching.point')} rules={[{ required: true, message: t('qa.coaching.point') }]}>
            <Select options={points.map((p) => ({ value: p.id, label: `${p.occurredAt.slice(0, 10)} ${p.ruleText}（${p.points}）` }))} />
          </Form.Item>
        ) : (
          <Form.Item name="metric" label={t('qa.coaching.metric')} rules={[{ required: true, message: t('qa.coaching.metric') }]}>
            <Select showSearch optionFilterProp="label" options={metrics.filter((m) => m.better !== null).map((m) => ({ value: m.id, label: en ? m.en : m.zh }))} />
          </Form.Item>
        )}
        <Form.Item name="focus" label={t('qa.coaching.focus')} rules={[{ required: true, message: t('qa.coaching.focus') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="actions" label={t('qa.coaching.actions')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="followUpOn" label={t('qa.coaching.followUpOn')}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 辅导记录: each coaching record with what started it (an evaluation, a KPI, a discipline item) and its
 * follow-up — the figure before and after, and whether the coached items fail less. Coaches open new ones.
 */
export function CoachingTab({ coach = false }: { coach?: boolean }) {
  const { t, i18n } = useTranslation();
  const [records, setRecords] = useState<QaCoaching[] | null>(null);
  const [metrics, setMetrics] = useState<MetricInfo[]>([]);
  const [opening, setOpening] = useState(false);
  const load = useCallback(() => void api<QaCoaching[]>('GET', '/api/v1/qa/coaching').then(setRecords), []);
  useEffect(load, [load]);
  useEffect(() => void api<MetricInfo[]>('GET', '/api/v1/metrics').then(setMetrics, () => setMetrics([])), []);
  if (records === null) return null;
  const en = i18n.language === 'en';
  const measureName = (r: QaCoaching) =>
    r.result.measure === 'qaScore' || r.result.measure === 'disciplinePoints' ? t(`qa.coaching.measures.${r.result.measure}`) : en ? r.source.labelEn : r.source.label;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {coach && (
        <Button type="primary" onClick={() => setOpening(true)}>
          {t('qa.coaching.new')}
        </Button>
      )}
      {records.length === 0 && <Empty description={t('qa.none')} />}
      {records.map((r) => (
        <Card key={r.id} size="small" title={`${r.agentName} · ${r.focus}`} extra={`${t('qa.coaching.followUpOn')}: ${r.followUpOn}`}>
          <p>
            <Tag>{t(`qa.coaching.sources.${r.source.kind}`)}</Tag>
            {en ? r.source.labelEn : r.source.label}
            <Typography.Text type="secondary">
              {' '}
              · {t('qa.coaching.coach')} {r.coachName}
            </Typography.Text>
          </p>
          {r.actions && <p>{r.actions}</p>}
          <p>
            {measureName(r)}: {t('qa.coaching.beforeFigure')} {figure(r.result.before, r.result.measure, metrics, t('qa.coaching.seconds'))} → {t('qa.coaching.afterFigure')}{' '}
            {figure(r.result.after, r.result.measure, metrics, t('qa.coaching.seconds'))}{' '}
            <Tag color={outcomeColors[r.result.outcome]}>{t(`qa.coaching.outcomes.${r.result.outcome}`)}</Tag>
            {r.followUpDue && <Tag color="purple">{t('qa.coaching.due')}</Tag>}
          </p>
          {r.followUp.map((f) => {
            const before = f.before.of ? f.before.failed / f.before.of : null;
            const after = f.after.of ? f.after.failed / f.after.of : null;
            const better = before !== null && after !== null && after < before;
            return (
              <div key={f.itemKey}>
                <Tag>{f.itemKey}</Tag>
                {t('qa.coaching.before')} {share(f.before)} → {t('qa.coaching.after')} {share(f.after)}{' '}
                {after !== null && <Tag color={better ? 'green' : 'orange'}>{better ? t('qa.coaching.improved') : t('qa.coaching.notYet')}</Tag>}
              </div>
            );
          })}
        </Card>
      ))}
      {coach && (
        <OpenCoaching
          open={opening}
          metrics={metrics}
          onClose={() => setOpening(false)}
          onOpened={() => {
            setOpening(false);
            load();
          }}
        />
      )}
    </Space>
  );
}
