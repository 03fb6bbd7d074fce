import { useCallback, useEffect, useState } from 'react';
import { App, Badge, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Popover, Radio, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import { BellOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Ticket, TicketDetail, TicketNotification, TicketPage, TicketView } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useFloor, useNow } from '../live/FloorProvider';
import { CallbackFields } from './CallbackFields';
import { deadlineClock } from './format';
import { TicketReportCard } from './TicketReportCard';
import { centerDateTime } from '../api/center';

type ViewKey = TicketView | 'register' | 'all';
const leaderViews: ViewKey[] = ['team', 'mine', 'near_deadline', 'overdue', 'callback', 'register', 'all'];
const agentViews: ViewKey[] = ['mine', 'near_deadline', 'overdue', 'callback'];
const POLL_MS = 30_000;

/** The deadline clock of a ticket: time left, late, or when it was closed. */
export function TicketClock({ ticket, now, timeZone }: { ticket: Ticket; now: number; timeZone: string }) {
  const { t } = useTranslation();
  if (ticket.closedAt) return <Typography.Text type="secondary">{t('tickets.closedAt', { time: centerDateTime(ticket.closedAt, timeZone) })}</Typography.Text>;
  const clock = deadlineClock(Date.parse(ticket.dueAt), now);
  const near = !clock.late && now >= Date.parse(ticket.remindAt);
  return (
    <Typography.Text type={clock.late ? 'danger' : near ? 'warning' : undefined} strong={clock.late || near}>
      {t(clock.late ? 'tickets.late' : 'tickets.left', { time: clock.text })}
    </Typography.Text>
  );
}

type ActionKind = 'assign' | 'close' | 'reopen' | 'callback' | 'bounce' | 'note';

/** The form of one handling step; resolves with the request body. */
function ActionForm({ kind, fieldVisit }: { kind: ActionKind; fieldVisit: boolean }) {
  const { t } = useTranslation();
  const assigneeKind = Form.useWatch('kind');
  if (kind === 'assign')
    return (
      <>
        <Form.Item name="kind" label={t('tickets.assignTo')} initialValue="user">
          <Radio.Group options={(['user', 'team', 'department', 'field_team'] as const).map((k) => ({ value: k, label: t(`tickets.assigneeKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="value" label={t('tickets.assigneeValue')} rules={[{ required: true }]}>
          <Input placeholder={assigneeKind === 'user' ? '8002' : ''} />
        </Form.Item>
        <Form.Item name="note" label={t('tickets.noteText')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </>
    );
  if (kind === 'callback') return <CallbackFields />;
  if (kind === 'close' && fieldVisit)
    return (
      <>
        <Form.Item name="resolution" label={t('tickets.resolution')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="signedBy" label={t('tickets.signedBy')}>
          <Input />
        </Form.Item>
        <Form.Item name="rating" label={t('tickets.visitRating')}>
          <InputNumber min={1} max={5} />
        </Form.Item>
      </>
    );
  const field = kind === 'close' ? 'resolution' : kind === 'note' ? 'text' : 'reason';
  const label = kind === 'close' ? t('tickets.resolution') : kind === 'note' ? t('tickets.noteText') : t('tickets.reason');
  return (
    <Form.Item name={field} label={label} rules={kind === 'note' || kind === 'bounce' ? [{ required: true }] : []}>
      <Input.TextArea rows={3} />
    </Form.Item>
  );
}

/** The request body of a step from its form's values. */
function bodyOf(kind: ActionKind, values: Record<string, unknown>): unknown {
  if (kind === 'close' && values.signedBy) return { resolution: values.resolution ?? '', visit: { signedBy: values.signedBy, rating: values.rating ?? null } };
  if (kind !== 'assign') return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
  const value = String(values.value ?? '').trim();
  const note = values.note ? { note: values.note } : {};
  switch (values.kind) {
    case 'team':
      return { teamId: value, ...note };
    case 'department':
      return { department: value, ...note };
    case 'field_team':
      return { fieldTeam: value, ...note };
    default:
      return { userId: value, ...note };
  }
}

/** The actions a ticket's state allows. */
function actionsFor(ticket: Ticket, dispatcher: boolean): ActionKind[] {
  if (ticket.status === 'closed') return ticket.callbackDue ? ['callback', 'reopen'] : ['reopen'];
  return [...(dispatcher ? (['assign'] as const) : []), 'note', ...(ticket.status === 'assigned' ? (['bounce'] as const) : []), 'close'];
}

/** One ticket with its history and the steps it allows. */
function TicketDrawer({ id, onClose, onChanged, timeZone, now }: { id: string | null; onClose(): void; onChanged(): void; timeZone: string; now: number }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [acting, setActing] = useState<ActionKind | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    setTicket(null);
    if (id) api<TicketDetail>('GET', `/api/v1/tickets/${id}`).then(setTicket, (err: ApiError) => message.error(err.message));
  }, [id, message]);
  const dispatcher = user?.role !== 'agent';
  const submit = async () => {
    if (!ticket || !acting) return;
    const values = await form.validateFields();
    const path = acting === 'note' ? 'notes' : acting;
    try {
      setTicket(await api<TicketDetail>('POST', `/api/v1/tickets/${ticket.id}/${path}`, bodyOf(acting, values)));
      setActing(null);
      form.resetFields();
      void message.success(t('tickets.done'));
      onChanged();
    } catch (err) {
      void message.error((err as ApiError).message);
    }
  };
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={ticket ? `${ticket.no} · ${ticket.title}` : ''}>
      {ticket && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('tickets.columns.type')}>{ticket.typeName}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.status')}>{t(`tickets.status.${ticket.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.customer')}>{ticket.customerName ?? ticket.caller ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.owner')}>{ticket.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.assignee')}>{ticket.assignee?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.deadline')}>{centerDateTime(ticket.dueAt, timeZone)}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.clock')} span={2}>
              <TicketClock ticket={ticket} now={now} timeZone={timeZone} />
              {ticket.escalation && (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  {t(`tickets.escalation.${ticket.escalation}`)}
                </Tag>
              )}
            </Descriptions.Item>
          </Descriptions>
          {ticket.description && <Typography.Paragraph>{ticket.description}</Typography.Paragraph>}
          <Space wrap>
            {actionsFor(ticket, dispatcher).map((kind) => (
              <Button key={kind} type={kind === 'close' || kind === 'callback' ? 'primary' : 'default'} onClick={() => setActing(kind)}>
                {t(`tickets.actions.${kind}`)}
              </Button>
            ))}
          </Space>
          <Card size="small" title={t('tickets.steps')}>
            <Timeline
              items={ticket.steps.map((s) => ({
                color: s.action === 'escalation' ? 'red' : s.action === 'reminder' ? 'orange' : 'blue',
                content: (
                  <>
                    <Typography.Text strong>{t(`tickets.stepNames.${s.action}`, { defaultValue: s.action })}</Typography.Text>{' '}
                    <Typography.Text type="secondary">
                      {centerDateTime(s.at, timeZone)} · {s.userName ?? t('tickets.system')}
                    </Typography.Text>
                    <div>{stepText(s.detail)}</div>
                  </>
                ),
              }))}
            />
          </Card>
        </Space>
      )}
      <Modal open={acting !== null} title={acting ? t(`tickets.actions.${acting}`) : ''} onOk={() => void submit()} onCancel={() => setActing(null)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false}>
          {acting && <ActionForm kind={acting} fieldVisit={ticket?.assignee?.kind === 'field_team'} />}
        </Form>
      </Modal>
    </Drawer>
  );
}

/** What a step said, in one line: the note, reason, resolution, assignee or callback. */
function stepText(detail: Record<string, unknown>): string {
  const to = detail.to as { name?: string } | undefined;
  const result = detail.result as { solved?: boolean; satisfaction?: number | null } | undefined;
  return [to?.name, detail.text, detail.reason, detail.resolution, detail.note, detail.title, result ? `${result.solved ? '✔' : '✘'} ${result.satisfaction ?? ''}` : undefined]
    .filter((v) => typeof v === 'string' && v !== '')
    .join(' · ');
}

/** The bell with the ticket notifications (assigned, reminders, escalations), polled. */
function Notifications() {
  const { t } = useTranslation();
  const { floor } = useFloor();
  const [items, setItems] = useState<TicketNotification[]>([]);
  // Each notification also comes as a message on the live channel: the bell reads them again at once.
  const live = floor?.messages.filter((m) => m.id.startsWith('ticket-')).length ?? 0;
  const load = useCallback(
    () =>
      api<{ items: TicketNotification[] }>('GET', '/api/v1/ticket-notifications?unread=true').then(
        (r) => setItems(r.items),
        () => {},
      ),
    [],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    if (live > 0) void load();
  }, [live, load]);
  const content = (
    <Space orientation="vertical" style={{ width: 320 }}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('tickets.noNotifications')}</Typography.Text>
      ) : (
        items.slice(0, 10).map((n) => (
          <Typography.Text key={n.id} type={n.kind === 'escalation' ? 'danger' : undefined}>
            {n.message}
          </Typography.Text>
        ))
      )}
      {items.length > 0 && (
        <Button size="small" onClick={() => void api('POST', '/api/v1/ticket-notifications/read', {}).then(load)}>
          {t('tickets.markRead')}
        </Button>
      )}
    </Space>
  );
  return (
    <Popover content={content} title={t('tickets.notifications')} trigger="click">
      <Badge count={items.length} size="small">
        <Button icon={<BellOutlined />} aria-label={t('tickets.notifications')} />
      </Badge>
    </Popover>
  );
}

/** The leader's (and the agent's) ticket lists: mine, the team's, near deadline, overdue, waiting for callback; with the deadline clock. */
export function TicketsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { floor } = useFloor();
  const timeZone = floor?.timeZone ?? 'Asia/Shanghai';
  const now = useNow(floor?.clockOffset ?? 0);
  const views = user?.role === 'agent' ? agentViews : leaderViews;
  const [view, setView] = useState<ViewKey>(views[0]!);
  const [page, setPage] = useState<TicketPage | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // A register (市长专线) is a ticket type of its own list.
  const query = view === 'all' ? '' : view === 'register' ? 'register=true' : `view=${view}`;
  const load = useCallback(() => api<TicketPage>('GET', `/api/v1/tickets?${query}`).then(setPage, () => setPage({ total: 0, items: [] })), [query]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('tickets.title')}
        </Typography.Title>
        <Space>
          <Notifications />
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('tickets.refresh')}
          </Button>
          {user?.role !== 'agent' && (
            <Button icon={<DownloadOutlined />} href={`/api/v1/tickets/export.xlsx?${query}&lang=${i18n.language}`}>
              {t('tickets.export')}
            </Button>
          )}
        </Space>
      </div>
      <Segmented value={view} onChange={(v) => setView(v as ViewKey)} options={views.map((v) => ({ value: v, label: t(`tickets.views.${v}`) }))} />
      <Table<Ticket>
        rowKey="id"
        size="small"
        loading={page === null}
        dataSource={page?.items ?? []}
        onRow={(ticket) => ({ onClick: () => setOpen(ticket.id), style: { cursor: 'pointer' } })}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('tickets.columns.no'), dataIndex: 'no', width: 100 },
          { title: t('tickets.columns.type'), dataIndex: 'typeName', width: 90 },
          {
            title: t('tickets.columns.title'),
            render: (_, ticket) => (
              <Space size={4} wrap>
                {ticket.priority === 'urgent' || ticket.priority === 'high' ? <Tag color="volcano">{t(`tickets.priority.${ticket.priority}`)}</Tag> : null}
                {ticket.title}
                {ticket.bounces > 0 && <Tag>{t('tickets.bounces', { n: ticket.bounces })}</Tag>}
                {ticket.reopens > 0 && <Tag>{t('tickets.reopens', { n: ticket.reopens })}</Tag>}
              </Space>
            ),
          },
          { title: t('tickets.columns.customer'), render: (_, ticket) => ticket.customerName ?? ticket.caller ?? '—' },
          { title: t('tickets.columns.owner'), dataIndex: 'ownerName', width: 90 },
          { title: t('tickets.columns.assignee'), render: (_, ticket) => ticket.assignee?.name ?? '—' },
          {
            title: t('tickets.columns.status'),
            render: (_, ticket) => <Tag color={ticket.status === 'closed' ? 'default' : 'processing'}>{t(`tickets.status.${ticket.status}`)}</Tag>,
            width: 90,
          },
          { title: t('tickets.columns.deadline'), render: (_, ticket) => centerDateTime(ticket.dueAt, timeZone), width: 140 },
          { title: t('tickets.columns.clock'), render: (_, ticket) => <TicketClock ticket={ticket} now={now} timeZone={timeZone} />, width: 130 },
        ]}
      />
      {user?.role !== 'agent' && <TicketReportCard />}
      <TicketDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void load()} timeZone={timeZone} now={now} />
    </Space>
  );
}
