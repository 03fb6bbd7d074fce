import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FaultKind, Handover, HandoverDraft, HandoverItem, HandoverLeader, ShiftClose, SystemFault } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import { useAuth } from '../auth/AuthProvider';
import { handoversEn, handoversZh } from './messages';
import { initialLanguage } from '../i18n/index';
import { ExportButton } from '../download/index';

const items: HandoverItem[] = ['situation', 'equipment', 'tools', 'quality', 'records'];
const faultKinds: FaultKind[] = ['system', 'equipment', 'tool'];
const floorWide = new Set(['supervisor', 'manager', 'admin']);

function useMessages() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? handoversEn : handoversZh;
}

/** The language the server writes the pre-filled items in: the console's. */
function useItemLanguage(): 'en' | 'zh-CN' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** The five items of a handover, as written. */
function HandoverItems({ handover }: { handover: Pick<Handover, 'items'> }) {
  const m = useMessages();
  return (
    <Descriptions size="small" column={1} bordered>
      {items.map((item) => (
        <Descriptions.Item key={item} label={m.items[item]}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 0 }}>{handover.items[item]}</Typography.Paragraph>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** 交接班: the incoming leader's handovers to take over, the outgoing leader's form pre-filled from what is open, closing the shift, the log. */
function ShiftTab({ timeZone }: { timeZone: string }) {
  const m = useMessages();
  const lang = useItemLanguage();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  const [teamId, setTeamId] = useState<string | null>(user?.teamId ?? null);
  const [shift, setShift] = useState('早班');
  const [draft, setDraft] = useState<HandoverDraft | null>(null);
  const [text, setText] = useState<Record<HandoverItem, string> | null>(null);
  const [leaders, setLeaders] = useState<HandoverLeader[]>([]);
  const [incoming, setIncoming] = useState<string | undefined>();
  const [history, setHistory] = useState<Handover[]>([]);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const failed = useCallback((err: unknown) => void message.error((err as ApiError).message), [message]);
  // The shift's name only labels the draft: typing it does not pre-fill again, the button does.
  const shiftName = useRef(shift);
  shiftName.current = shift;

  const teamQuery = teamId ? `team=${encodeURIComponent(teamId)}&` : '';
  const prefill = useCallback(() => {
    if (!teamId) return;
    api<HandoverDraft>('GET', `/api/v1/handovers/prefill?${teamQuery}shift=${encodeURIComponent(shiftName.current.trim() || '当班')}&lang=${lang}`)
      .then((d) => {
        setDraft(d);
        setText(d.items);
      })
      .catch(failed);
  }, [teamId, teamQuery, lang, failed]);
  const loadHistory = useCallback(() => {
    void api<{ items: Handover[] }>('GET', `/api/v1/handovers?${teamQuery}limit=50`).then((r) => setHistory(r.items), failed);
  }, [teamQuery, failed]);
  const [forMe, setForMe] = useState<Handover[]>([]);
  const me = user?.id;
  const loadForMe = useCallback(() => {
    void api<{ items: Handover[] }>('GET', '/api/v1/handovers?limit=50').then((r) => setForMe(r.items.filter((x) => x.incoming.id === me && x.status === 'handed_over')), failed);
  }, [me, failed]);

  const role = user?.role;
  useEffect(() => {
    void api<HandoverLeader[]>('GET', '/api/v1/handovers/leaders').then(setLeaders, failed);
    if (role && floorWide.has(role)) {
      void api<{ id: string; name: string }[]>('GET', '/api/v1/teams').then((list) => {
        setTeams(list);
        setTeamId((current) => current ?? list[0]?.id ?? null);
      }, failed);
    }
    loadForMe();
  }, [role, loadForMe, failed]);
  useEffect(() => {
    prefill();
    loadHistory();
  }, [prefill, loadHistory]);

  const current = history.find((x) => x.date === draft?.date && x.shift === shift.trim());
  const handOver = () =>
    api<Handover>('POST', '/api/v1/handovers', { teamId, shift: shift.trim(), incomingLeaderId: incoming ?? '', items: text ?? {} })
      .then(() => {
        void message.success(m.handOver);
        loadHistory();
      })
      .catch(failed);
  const closeShift = () =>
    api<ShiftClose>('POST', '/api/v1/handovers/close-shift', { teamId, shift: shift.trim() })
      .then(() => {
        void message.success(m.closed);
        loadHistory();
      })
      .catch(failed);
  const acknowledge = (h: Handover) =>
    api<Handover>('POST', `/api/v1/handovers/${h.id}/acknowledge`, { note: notes[h.id] ?? '' })
      .then(() => {
        void message.success(m.acknowledged);
        loadForMe();
        loadHistory();
      })
      .catch(failed);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      {forMe.length > 0 && (
        <Card title={m.forMe} size="small">
          {forMe.map((h) => (
            <Card key={h.id} type="inner" size="small" title={`${h.teamName} · ${h.date} ${h.shift} · ${m.columns.outgoing}: ${h.outgoing.name}`} style={{ marginBottom: 12 }}>
              <HandoverItems handover={h} />
              <Space style={{ marginTop: 12 }}>
                <Input
                  aria-label={m.acknowledgement}
                  placeholder={m.acknowledgement}
                  value={notes[h.id] ?? ''}
                  onChange={(e) => setNotes({ ...notes, [h.id]: e.target.value })}
                  style={{ width: 320 }}
                />
                <Button type="primary" onClick={() => void acknowledge(h)}>
                  {m.acknowledge}
                </Button>
              </Space>
            </Card>
          ))}
        </Card>
      )}
      <Card
        title={m.write}
        size="small"
        extra={
          <Space wrap>
            {teams.length > 0 && (
              <Select aria-label={m.team} value={teamId} onChange={setTeamId} options={teams.map((t) => ({ value: t.id, label: t.name }))} style={{ width: 180 }} />
            )}
            <Input aria-label={m.shift} placeholder={m.shiftPlaceholder} value={shift} onChange={(e) => setShift(e.target.value)} style={{ width: 120 }} />
            <Button onClick={prefill}>{m.refill}</Button>
          </Space>
        }
      >
        {text && (
          <Form layout="vertical">
            {items.map((item) => (
              <Form.Item key={item} label={m.items[item]} htmlFor={`handover-${item}`}>
                <Input.TextArea id={`handover-${item}`} autoSize={{ minRows: 2, maxRows: 8 }} value={text[item]} onChange={(e) => setText({ ...text, [item]: e.target.value })} />
              </Form.Item>
            ))}
            <Space wrap>
              <Select
                aria-label={m.incoming}
                placeholder={m.incoming}
                value={incoming}
                onChange={setIncoming}
                options={leaders.map((l) => ({ value: l.id, label: l.teamName ? `${l.name}（${l.teamName}）` : l.name }))}
                style={{ width: 240 }}
              />
              <Button type="primary" disabled={!incoming || current !== undefined} onClick={() => void handOver()}>
                {m.handOver}
              </Button>
              <Button danger disabled={current?.closedAt != null} onClick={() => void closeShift()}>
                {m.closeShift}
              </Button>
              {current && current.status === 'handed_over' && <Typography.Text type="warning">{m.handedOver.replace('{{name}}', current.incoming.name)}</Typography.Text>}
              {current?.closedAt && <Tag color="default">{m.closed}</Tag>}
            </Space>
          </Form>
        )}
      </Card>
      <Card title={m.history} size="small" extra={<ExportButton href={`/api/v1/handovers/export.xlsx?${teamQuery}limit=200&lang=${initialLanguage()}`}>{m.export}</ExportButton>}>
        <Table<Handover>
          rowKey="id"
          size="small"
          dataSource={history}
          pagination={{ pageSize: 10 }}
          locale={{ emptyText: m.none }}
          expandable={{ expandedRowRender: (h) => <HandoverItems handover={h} /> }}
          columns={[
            { title: m.columns.date, dataIndex: 'date' },
            { title: m.columns.shift, dataIndex: 'shift' },
            { title: m.columns.outgoing, render: (_, h) => h.outgoing.name },
            { title: m.columns.incoming, render: (_, h) => h.incoming.name },
            { title: m.columns.status, render: (_, h) => <Tag color={h.status === 'acknowledged' ? 'green' : 'orange'}>{m.status[h.status]}</Tag> },
            {
              title: m.columns.acknowledgedAt,
              render: (_, h) => (h.acknowledgedAt ? `${centerDateTime(h.acknowledgedAt, timeZone)}${h.acknowledgement ? ` · ${h.acknowledgement}` : ''}` : '—'),
            },
            { title: m.columns.closedAt, render: (_, h) => (h.closedAt ? `${centerDateTime(h.closedAt, timeZone)} · ${h.closedBy?.name ?? ''}` : '—') },
          ]}
        />
      </Card>
    </Space>
  );
}

/** 故障记录 (seed 003): faults with start, effect, who was told; an open one ends with its resolution. */
function FaultsTab({ timeZone }: { timeZone: string }) {
  const m = useMessages();
  const { message } = App.useApp();
  const [faults, setFaults] = useState<SystemFault[] | null>(null);
  const [recording, setRecording] = useState(false);
  const [ending, setEnding] = useState<SystemFault | null>(null);
  const [form] = Form.useForm();
  const [endForm] = Form.useForm();
  const failed = useCallback((err: unknown) => void message.error((err as ApiError).message), [message]);
  const load = useCallback(() => void api<{ items: SystemFault[] }>('GET', '/api/v1/faults').then((r) => setFaults(r.items), failed), [failed]);
  useEffect(load, [load]);

  const record = async () => {
    const v = (await form.validateFields()) as { kind: FaultKind; title: string; startedAt: Dayjs; effect?: string; told?: string };
    await api('POST', '/api/v1/faults', { kind: v.kind, title: v.title, startedAt: v.startedAt.format(), effect: v.effect ?? '', told: v.told ?? '' })
      .then(() => {
        void message.success(m.fault.saved);
        setRecording(false);
        form.resetFields();
        load();
      })
      .catch(failed);
  };
  const end = async () => {
    const v = (await endForm.validateFields()) as { resolution: string; endedAt: Dayjs };
    await api('PATCH', `/api/v1/faults/${ending!.id}`, { resolution: v.resolution, endedAt: v.endedAt.format() })
      .then(() => {
        void message.success(m.fault.ended);
        setEnding(null);
        endForm.resetFields();
        load();
      })
      .catch(failed);
  };

  if (faults === null) return null;
  return (
    <>
      <Button type="primary" onClick={() => setRecording(true)} style={{ marginBottom: 12 }}>
        {m.fault.record}
      </Button>
      {faults.length === 0 ? (
        <Empty description={m.none} />
      ) : (
        <Table<SystemFault>
          rowKey="id"
          size="small"
          dataSource={faults}
          pagination={{ pageSize: 20 }}
          columns={[
            { title: m.fault.kind, render: (_, f) => m.fault.kinds[f.kind] },
            { title: m.fault.title, dataIndex: 'title' },
            { title: m.team, render: (_, f) => f.teamName ?? m.fault.wholeFloor },
            { title: m.fault.startedAt, render: (_, f) => centerDateTime(f.startedAt, timeZone) },
            { title: m.fault.effect, dataIndex: 'effect' },
            { title: m.fault.told, dataIndex: 'told' },
            { title: m.fault.resolution, render: (_, f) => f.resolution ?? '' },
            {
              title: m.fault.endedAt,
              render: (_, f) =>
                f.endedAt ? (
                  centerDateTime(f.endedAt, timeZone)
                ) : (
                  <Space>
                    <Tag color="red">{m.fault.open}</Tag>
                    <Button size="small" onClick={() => setEnding(f)}>
                      {m.fault.end}
                    </Button>
                  </Space>
                ),
            },
            { title: m.fault.recordedBy, render: (_, f) => f.recordedBy.name },
          ]}
        />
      )}
      <Modal open={recording} title={m.fault.record} onCancel={() => setRecording(false)} onOk={() => void record()} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'system', startedAt: dayjs() }}>
          <Form.Item name="kind" label={m.fault.kind}>
            <Select options={faultKinds.map((k) => ({ value: k, label: m.fault.kinds[k] }))} />
          </Form.Item>
          <Form.Item name="title" label={m.fault.title} rules={[{ required: true, message: m.fault.title }]}>
            <Input />
          </Form.Item>
          <Form.Item name="startedAt" label={m.fault.startedAt}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="effect" label={m.fault.effect}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="told" label={m.fault.told}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={ending !== null} title={`${m.fault.end}：${ending?.title ?? ''}`} onCancel={() => setEnding(null)} onOk={() => void end()} destroyOnHidden>
        <Form form={endForm} layout="vertical" initialValues={{ endedAt: dayjs() }}>
          <Form.Item name="resolution" label={m.fault.resolution} rules={[{ required: true, message: m.fault.resolution }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="endedAt" label={m.fault.endedAt}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * 交接班: the shift handover with seed 000's five items pre-filled from what is open, handed to a named
 * leader who acknowledges, closing the shift, the log; and the system fault log.
 *
 * @example
 * <Route path="/handovers" element={<HandoversPage />} />
 */
export function HandoversPage() {
  const m = useMessages();
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  return (
    <Tabs
      items={[
        { key: 'shift', label: m.tabs.shift, children: <ShiftTab timeZone={timeZone} /> },
        { key: 'faults', label: m.tabs.faults, children: <FaultsTab timeZone={timeZone} /> },
      ]}
    />
  );
}
