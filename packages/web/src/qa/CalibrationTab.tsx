import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localDate } from '@banzu/core';
import type { Profile, QaCalibration, QaCalibrationMonth, QaCalibrationSession, QaForm } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { centerDateTime, useRefusal } from '../api/center';
import { showScore } from './format';

/** Who can be invited: QA and the floor's leads (the server says the same). */
const calibrators = new Set(['qa', 'supervisor', 'manager', 'admin']);
const kappaText = (kappa: number | null) => (kappa === null ? '—' : kappa.toFixed(2));

/** Each inspector's score, then per item the range of points given and whether the answers differ; `final` once the session closed. */
function Spread({ result, final = false }: { result: QaCalibration; final?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>
        {t(final ? 'qa.calibration.finalKappa' : 'qa.calibration.kappa')}: {kappaText(result.kappa)}
      </Typography.Text>
      <Space wrap>
        {result.inspectors.map((i) => (
          <Tag key={i.id}>
            {i.name} {showScore(i.score)}
          </Tag>
        ))}
      </Space>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={result.items}
        columns={[
          { title: t('qa.columns.item'), dataIndex: 'text' },
          { title: t('qa.calibration.range'), render: (_, i) => (i.min === i.max ? String(i.min) : `${i.min} – ${i.max}`) },
          { title: t('qa.columns.average'), render: (_, i) => i.mean.toFixed(1) },
          { title: '', render: (_, i) => (new Set(i.categories).size > 1 ? <Tag color="orange">{t('qa.calibration.disagree')}</Tag> : null) },
        ]}
      />
    </Space>
  );
}

/** 发起校准: a call, a sheet and the inspectors invited to score it blind. */
function NewSession({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const [forms, setForms] = useState<QaForm[]>([]);
  const [people, setPeople] = useState<Profile[]>([]);
  const [draft, setDraft] = useState({ callId: '', formId: undefined as string | undefined, inspectorIds: [] as string[], note: '' });
  useEffect(() => {
    if (!open) return;
    api<QaForm[]>('GET', '/api/v1/qa/forms').then((list) => {
      setForms(list);
      setDraft((d) => ({ ...d, formId: d.formId ?? list[0]?.id }));
    }, refuse);
    api<Profile[]>('GET', '/api/v1/users').then((list) => setPeople(list.filter((u) => calibrators.has(u.role) && !u.disabled)), refuse);
  }, [open, refuse]);
  const submit = async () => {
    try {
      await api('POST', '/api/v1/qa/calibration-sessions', { ...draft, callId: draft.callId.trim() });
      message.success(t('qa.calibration.created'));
      setDraft((d) => ({ ...d, callId: '', inspectorIds: [], note: '' }));
      onOpened();
    } catch (err) {
      refuse(err);
    }
  };
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={t('qa.calibration.new')}
      okButtonProps={{ disabled: !draft.callId.trim() || !draft.formId || draft.inspectorIds.length < 2 }}
      onCancel={onClose}
      onOk={() => void submit()}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          aria-label={t('qa.calibration.callId')}
          placeholder={t('qa.calibration.callId')}
          value={draft.callId}
          onChange={(e) => setDraft((d) => ({ ...d, callId: e.target.value }))}
        />
        <Select
          aria-label={t('qa.calibration.form')}
          placeholder={t('qa.calibration.form')}
          value={draft.formId}
          onChange={(formId) => setDraft((d) => ({ ...d, formId }))}
          options={forms.map((f) => ({ value: f.id, label: `${f.name} · ${t('qa.form.version', { version: f.version })}` }))}
        />
        <Select
          mode="multiple"
          aria-label={t('qa.calibration.invitees')}
          placeholder={t('qa.calibration.invitees')}
          value={draft.inspectorIds}
          onChange={(inspectorIds) => setDraft((d) => ({ ...d, inspectorIds }))}
          options={people.map((p) => ({ value: p.id, label: p.displayName }))}
          optionFilterProp="label"
        />
        <Input.TextArea
          aria-label={t('qa.calibration.note')}
          placeholder={t('qa.calibration.note')}
          value={draft.note}
          onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
        />
      </Space>
    </Modal>
  );
}

/** 按通话查看: every calibration sheet of a call, sessions or not. */
function ByCall() {
  const { t } = useTranslation();
  const [callId, setCallId] = useState('');
  const [result, setResult] = useState<QaCalibration | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async () => {
    try {
      setResult(await api<QaCalibration>('GET', `/api/v1/qa/calibrations/${encodeURIComponent(callId.trim())}`));
      setError(null);
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <Card size="small" title={t('qa.calibration.byCall')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space.Compact>
          <Input aria-label={t('qa.columns.call')} placeholder={t('qa.columns.call')} value={callId} onChange={(e) => setCallId(e.target.value)} />
          <Button disabled={!callId.trim()} onClick={() => void look()}>
            {t('qa.calibration.show')}
          </Button>
        </Space.Compact>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        {result && <Spread result={result} />}
      </Space>
    </Card>
  );
}

/**
 * 校准: the month's calibration sessions with who has scored and their agreement (an invitee yet to
 * score sees no one's sheet), closing one (its creator or a floor lead: the kappa is final), opening a session, the month's agreement per item (the ambiguous items
 * of the sheet first), and any call's calibration sheets.
 */
export function CalibrationTab({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const [month, setMonth] = useState<Dayjs>(dayjs(localDate(Date.now(), timeZone)).startOf('month'));
  const [sessions, setSessions] = useState<QaCalibrationSession[] | null>(null);
  const [items, setItems] = useState<QaCalibrationMonth | null>(null);
  const [creating, setCreating] = useState(false);
  const m = month.format('YYYY-MM');
  const load = useCallback(() => {
    api<QaCalibrationSession[]>('GET', `/api/v1/qa/calibration-sessions?month=${m}`).then(setSessions, (err) => {
      setSessions([]);
      refuse(err);
    });
    api<QaCalibrationMonth>('GET', `/api/v1/qa/calibration-items?month=${m}`).then(setItems, () => setItems(null));
  }, [m, refuse]);
  useEffect(load, [load]);
  const close = async (s: QaCalibrationSession) => {
    try {
      await api('POST', `/api/v1/qa/calibration-sessions/${s.id}/close`);
      message.success(t('qa.calibration.closedDone'));
    } catch (err) {
      refuse(err);
    }
    load();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker picker="month" aria-label={t('qa.calibration.month')} value={month} allowClear={false} onChange={(d) => d && setMonth(d)} />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('qa.calibration.new')}
        </Button>
      </Space>
      <Card size="small" title={t('qa.calibration.sessions')}>
        <Table<QaCalibrationSession>
          size="small"
          rowKey="id"
          loading={sessions === null}
          dataSource={sessions ?? []}
          pagination={false}
          expandable={{
            expandedRowRender: (s) =>
              s.blind ? (
                <Typography.Text type="secondary">{t('qa.calibration.blind')}</Typography.Text>
              ) : s.result ? (
                <Spread result={s.result} final={s.closed !== null} />
              ) : (
                <Typography.Text type="secondary">{t('qa.calibration.noSheets')}</Typography.Text>
              ),
          }}
          columns={[
            { title: t('qa.columns.startedAt'), render: (_, s) => centerDateTime(s.callStartedAt, timeZone) },
            { title: t('qa.columns.call'), dataIndex: 'callId' },
            { title: t('qa.columns.agent'), dataIndex: 'agentName' },
            { title: t('qa.calibration.form'), render: (_, s) => `${s.formName} · ${t('qa.form.version', { version: s.formVersion })}` },
            { title: t('qa.calibration.note'), dataIndex: 'note' },
            {
              title: t('qa.calibration.invitees'),
              render: (_, s) =>
                s.invitees.map((i) => (
                  <Tag key={i.id} color={i.scored ? 'green' : undefined}>
                    {/* Not scored when the session closed: it will not be. */}
                    {i.name} {i.scored ? t('qa.calibration.scored') : s.closed ? t('qa.calibration.missed') : t('qa.calibration.waiting')}
                  </Tag>
                )),
            },
            { title: 'κ', render: (_, s) => (s.blind ? <Tag>{t('qa.calibration.mark')}</Tag> : kappaText(s.result?.kappa ?? null)) },
            { title: t('qa.calibration.createdBy'), render: (_, s) => `${s.createdBy.name} ${centerDateTime(s.createdAt, timeZone)}` },
            {
              title: t('qa.calibration.status'),
              render: (_, s) =>
                s.closed ? (
                  <Tag title={t('qa.calibration.closedBy', { name: s.closed.by.name, at: centerDateTime(s.closed.at, timeZone) })}>{t('qa.calibration.closed')}</Tag>
                ) : (
                  <Space>
                    <Tag color="blue">{t('qa.calibration.open')}</Tag>
                    {s.mayClose && (
                      <Popconfirm title={t('qa.calibration.closeConfirm')} onConfirm={() => close(s)}>
                        <Button size="small">{t('qa.calibration.close')}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      {items && items.items.length > 0 && (
        <Card size="small" title={t('qa.calibration.items', { n: items.sessions })}>
          <Table
            size="small"
            rowKey={(i) => `${i.formId}/${i.key}`}
            pagination={false}
            dataSource={items.items}
            columns={[
              { title: t('qa.columns.item'), render: (_, i) => `${i.text}（${i.formName}）` },
              { title: 'κ', render: (_, i) => kappaText(i.kappa) },
              { title: t('qa.calibration.sessionsOfItem'), dataIndex: 'sessions' },
              { title: t('qa.calibration.disagreements'), dataIndex: 'disagreements' },
              { title: t('qa.calibration.gap'), render: (_, i) => `${i.meanGap.toFixed(1)} / ${i.points}` },
            ]}
          />
        </Card>
      )}
      <ByCall />
      <NewSession
        open={creating}
        onClose={() => setCreating(false)}
        onOpened={() => {
          setCreating(false);
          load();
        }}
      />
    </Space>
  );
}
