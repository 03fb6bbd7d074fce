import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Drawer, Empty, Input, Progress, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localDate } from '@banzu/core';
import type { QaEvaluation, QaLog, QaLogOverview, QaLogOverviewRow, QaLogRow, QaLogSummary } from '@banzu/contract';
import { api } from '../api/client';
import { centerDateTime, useRefusal } from '../api/center';
import { ExportButton } from '../download/index';
import { initialLanguage } from '../i18n/index';
import { EvaluationCard } from './AgentEvaluations';
import { showScore } from './format';

const percent = (v: number | null) => (v === null ? 0 : Math.round(v * 100));

/** Heard against the daily target, with the bar a lead reads at a glance. */
function HeardOfTarget({ s }: { s: QaLogSummary }) {
  return (
    <Space>
      <span>
        {s.heard} / {s.target}
      </span>
      <Progress size="small" percent={percent(s.progress)} style={{ width: 120 }} />
    </Space>
  );
}

/** The day's figures: heard against the target, calibration sheets apart, average, fatal failures, disputes. */
function Summary({ s }: { s: QaLogSummary }) {
  const { t } = useTranslation();
  return (
    <Space wrap size="large">
      <Statistic title={t('qa.log.heard')} value={s.heard} suffix={`/ ${s.target}`} />
      <Progress type="circle" size={56} percent={percent(s.progress)} />
      <Statistic title={t('qa.log.calibrations')} value={s.calibrations} />
      <Statistic title={t('qa.log.average')} value={showScore(s.averageScore)} />
      <Statistic title={t('qa.log.fatal')} value={s.fatal} />
      <Statistic title={t('qa.log.disputes')} value={s.disputes} />
    </Space>
  );
}

/** The inspector's note of the day: written by the inspector, read by the lead. */
function Note({ log, onSaved }: { log: QaLog; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const [text, setText] = useState(log.note?.text ?? '');
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await api('PUT', '/api/v1/qa/log/note', { date: log.date, text });
      void message.success(t('qa.log.saved'));
      onSaved();
    } catch (err) {
      refuse(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t('qa.log.note')}>
      {log.mayWrite ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input.TextArea aria-label={t('qa.log.note')} placeholder={t('qa.log.notePlaceholder')} rows={4} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="primary" loading={saving} onClick={() => void save()}>
            {t('qa.log.save')}
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{log.note?.text ?? t('qa.log.noNote')}</Typography.Paragraph>
      )}
    </Card>
  );
}

/** The QA lead's overview of a day: each inspector against the target; a click opens that inspector's log. */
function Overview({ overview, picked, onPick }: { overview: QaLogOverview | null; picked?: string; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <Table<QaLogOverviewRow>
      size="small"
      rowKey="inspectorId"
      pagination={false}
      loading={overview === null}
      dataSource={overview?.rows ?? []}
      rowClassName={(r) => (r.inspectorId === picked ? 'ant-table-row-selected' : '')}
      onRow={(r) => ({ onClick: () => onPick(r.inspectorId), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('qa.log.inspector'), dataIndex: 'name' },
        { title: t('qa.log.heardOfTarget'), render: (_, r) => <HeardOfTarget s={r} /> },
        { title: t('qa.log.calibrations'), dataIndex: 'calibrations' },
        { title: t('qa.log.average'), render: (_, r) => showScore(r.averageScore) },
        { title: t('qa.log.fatal'), dataIndex: 'fatal' },
        { title: t('qa.log.disputes'), dataIndex: 'disputes' },
        { title: t('qa.log.note'), render: (_, r) => (r.noted ? <Tag color="green">{t('qa.log.noted')}</Tag> : <Tag>{t('qa.log.noNote')}</Tag>) },
      ]}
    />
  );
}

/**
 * 质检日志 (seed 004: 每天60条的录音监听和质检日志): one day of an inspector's work on the center's
 * calendar — what was heard against the daily target, each evaluation (a click opens it as 评分记录
 * shows it), the note of the day, Excel export. An inspector keeps the own; a lead (supervisor,
 * manager) sees each inspector's day in an overview and opens anyone's log.
 *
 * @example
 * <LogTab timeZone="Asia/Shanghai" lead={false} />
 */
export function LogTab({ timeZone, lead }: { timeZone: string; lead: boolean }) {
  const { t } = useTranslation();
  const refuse = useRefusal();
  // The center's today, not the browser's.
  const [date, setDate] = useState<Dayjs>(() => dayjs(localDate(Date.now(), timeZone)));
  const [inspector, setInspector] = useState<string | undefined>(undefined);
  const [overview, setOverview] = useState<QaLogOverview | null>(null);
  const [log, setLog] = useState<QaLog | null>(null);
  const [opened, setOpened] = useState<QaEvaluation | null>(null);
  const day = date.format('YYYY-MM-DD');
  const query = new URLSearchParams({ date: day });
  if (inspector) query.set('inspector', inspector);
  const search = query.toString();
  // A lead reads an inspector's log once one is picked; an inspector the own at once.
  const showsLog = !lead || inspector !== undefined;

  const loadLog = useCallback(() => {
    if (showsLog) api<QaLog>('GET', `/api/v1/qa/log?${search}`).then(setLog, refuse);
  }, [search, showsLog, refuse]);
  useEffect(() => {
    setLog(null);
    loadLog();
  }, [loadLog]);
  const loadOverview = useCallback(() => {
    if (lead) api<QaLogOverview>('GET', `/api/v1/qa/log/overview?date=${day}`).then(setOverview, refuse);
  }, [lead, day, refuse]);
  useEffect(() => {
    setOverview(null);
    loadOverview();
  }, [loadOverview]);
  const open = (r: QaLogRow) => void api<QaEvaluation>('GET', `/api/v1/qa/evaluations/${r.evaluationId}`).then(setOpened, refuse);

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker aria-label={t('qa.log.date')} value={date} allowClear={false} onChange={(d) => d && setDate(d)} />
        {lead && (
          <Select
            aria-label={t('qa.log.inspector')}
            placeholder={t('qa.log.inspector')}
            value={inspector}
            onChange={setInspector}
            options={(overview?.rows ?? []).map((r) => ({ value: r.inspectorId, label: r.name }))}
            style={{ width: 160 }}
          />
        )}
        {showsLog && <ExportButton href={`/api/v1/qa/log/export.xlsx?${search}&lang=${initialLanguage()}`}>{t('qa.log.export')}</ExportButton>}
      </Space>
      {lead && <Overview overview={overview} picked={inspector} onPick={setInspector} />}
      {lead && !showsLog && <Typography.Text type="secondary">{t('qa.log.pick')}</Typography.Text>}
      {showsLog && log === null && <Spin />}
      {showsLog && log !== null && (
        <Card size="small" title={t('qa.log.title', { name: log.inspector.name, date: log.date })}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Summary s={log.summary} />
            {log.rows.length === 0 ? (
              <Empty description={t('qa.log.none')} />
            ) : (
              <Table<QaLogRow>
                size="small"
                rowKey="evaluationId"
                pagination={false}
                dataSource={log.rows}
                onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
                columns={[
                  { title: t('qa.log.scoredAt'), render: (_, r) => centerDateTime(r.scoredAt, timeZone).slice(11) },
                  { title: t('qa.columns.agent'), render: (_, r) => `${r.employeeNo ?? ''} ${r.agentName}` },
                  { title: t('qa.log.callStart'), render: (_, r) => centerDateTime(r.callStartedAt, timeZone) },
                  { title: t('qa.log.score'), render: (_, r) => showScore(r.score) },
                  { title: t('qa.fatal'), render: (_, r) => r.fatal && <Tag color="red">{t('qa.fatal')}</Tag> },
                  {
                    title: t('qa.log.failed'),
                    render: (_, r) =>
                      r.failedItems.map((i) => (
                        <Tag key={i.key} color={i.fatal ? 'red' : 'orange'}>
                          {i.text}
                        </Tag>
                      )),
                  },
                  { title: t('qa.log.comment'), dataIndex: 'comment' },
                ]}
              />
            )}
            {/* Keyed by the day and inspector: the draft starts from that day's saved note. */}
            <Note key={`${log.inspector.id}/${log.date}`} log={log} onSaved={loadLog} />
          </Space>
        </Card>
      )}
      <Drawer open={opened !== null} size={900} onClose={() => setOpened(null)} destroyOnHidden>
        {opened && <EvaluationCard evaluation={opened} timeZone={timeZone} />}
      </Drawer>
    </Space>
  );
}
