import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, List, Modal, Rate, Space, Tag, Timeline, Typography } from 'antd';
import { SoundOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { customerWriters, recordingListeners, type Ticket, type TicketDetail, type TicketStep } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { centerDateTime } from '../api/center';
import { useAuth } from '../auth/AuthProvider';
import { CustomerProfile } from '../crm/CustomerProfile';
import { RecordingPlayer } from '../recordings/RecordingPlayer';
import { AssigneeFields, assignBody } from './AssigneeFields';
import { CallbackFields } from './CallbackFields';
import { TicketClock } from './TicketClock';

type ActionKind = 'assign' | 'close' | 'reopen' | 'callback' | 'bounce' | 'note';

/** The form of one handling step; resolves with the request body. */
function ActionForm({ kind, fieldVisit }: { kind: ActionKind; fieldVisit: boolean }) {
  const { t } = useTranslation();
  if (kind === 'assign') return <AssigneeFields />;
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
  if (kind === 'assign') return assignBody(values);
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
}

/** The actions a ticket's state allows. */
function actionsFor(ticket: Ticket, dispatcher: boolean): ActionKind[] {
  if (ticket.status === 'closed') return ticket.callbackDue ? ['callback', 'reopen'] : ['reopen'];
  return [...(dispatcher ? (['assign'] as const) : []), 'note', ...(ticket.status === 'assigned' ? (['bounce'] as const) : []), 'close'];
}

/** What a step said, in one line: the note, reason, resolution, assignee or callback. */
function stepText(detail: Record<string, unknown>): string {
  const to = detail.to as { name?: string } | undefined;
  const result = detail.result as { solved?: boolean; satisfaction?: number | null } | undefined;
  return [to?.name, detail.text, detail.reason, detail.resolution, detail.note, detail.title, result ? `${result.solved ? '✔' : '✘'} ${result.satisfaction ?? ''}` : undefined]
    .filter((v) => typeof v === 'string' && v !== '')
    .join(' · ');
}

/** The ticket's calls, the first one first, each with when it came: accepted from it, or the customer calling again. */
function callsOf(ticket: TicketDetail): { callId: string; step: TicketStep | undefined }[] {
  return ticket.callIds.map((callId) => ({ callId, step: ticket.steps.find((s) => (s.action === 'accept' || s.action === 'call') && s.detail.callId === callId) }));
}

/** The field visit's sign-off of the latest closing (派工): who signed for the customer and the rating given. */
function visitOf(ticket: TicketDetail): { signedBy: string; rating: number | null } | null {
  const close = ticket.steps.findLast((s) => s.action === 'close');
  const visit = close?.detail.visit as { signedBy?: unknown; rating?: unknown } | undefined;
  if (typeof visit?.signedBy !== 'string') return null;
  return { signedBy: visit.signedBy, rating: typeof visit.rating === 'number' ? visit.rating : null };
}

/**
 * One ticket: its facts, the customer (the profile opens beside it), the calls with their recordings
 * for those who may hear them, the field visit's sign-off, the history, and the steps it allows.
 */
export function TicketDrawer({ id, onClose, onChanged, timeZone, now }: { id: string | null; onClose(): void; onChanged(): void; timeZone: string; now: number }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [acting, setActing] = useState<ActionKind | null>(null);
  const [customerOpen, setCustomerOpen] = useState(false);
  const [playing, setPlaying] = useState<string | null>(null);
  const [form] = Form.useForm();
  useEffect(() => {
    setTicket(null);
    setCustomerOpen(false);
    setPlaying(null);
    if (id) api<TicketDetail>('GET', `/api/v1/tickets/${id}`).then(setTicket, (err: ApiError) => message.error(err.message));
  }, [id, message]);
  const role = user?.role;
  const dispatcher = role !== 'agent';
  const listener = role !== undefined && recordingListeners.includes(role);
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
  const visit = ticket ? visitOf(ticket) : null;
  const calls = ticket ? callsOf(ticket) : [];
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={ticket ? `${ticket.no} · ${ticket.title}` : ''}>
      {ticket && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('tickets.columns.type')}>{ticket.typeName}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.status')}>{t(`tickets.status.${ticket.status}`)}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.customer')}>
              {ticket.customerId ? <Typography.Link onClick={() => setCustomerOpen(true)}>{ticket.customerName}</Typography.Link> : (ticket.caller ?? '—')}
            </Descriptions.Item>
            <Descriptions.Item label={t('tickets.channel')}>{t(`tickets.channels.${ticket.channel}`, { defaultValue: ticket.channel })}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.owner')}>{ticket.ownerName}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.assignee')}>{ticket.assignee?.name ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.deadline')} span={2}>
              {centerDateTime(ticket.dueAt, timeZone)}
            </Descriptions.Item>
            <Descriptions.Item label={t('tickets.columns.clock')} span={2}>
              <TicketClock ticket={ticket} now={now} timeZone={timeZone} />
              {ticket.escalation && (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  {t(`tickets.escalation.${ticket.escalation}`)}
                </Tag>
              )}
            </Descriptions.Item>
            {visit && (
              <Descriptions.Item label={t('tickets.visit')} span={2}>
                <Space>
                  {t('tickets.visitSigned', { name: visit.signedBy })}
                  {visit.rating !== null && (
                    <>
                      <Rate disabled value={visit.rating} />
                      <Typography.Text type="secondary">{t('tickets.visitRated', { n: visit.rating })}</Typography.Text>
                    </>
                  )}
                </Space>
              </Descriptions.Item>
            )}
          </Descriptions>
          {ticket.description && <Typography.Paragraph>{ticket.description}</Typography.Paragraph>}
          <Space wrap>
            {actionsFor(ticket, dispatcher).map((kind) => (
              <Button key={kind} type={kind === 'close' || kind === 'callback' ? 'primary' : 'default'} onClick={() => setActing(kind)}>
                {t(`tickets.actions.${kind}`)}
              </Button>
            ))}
          </Space>
          {calls.length > 0 && (
            <Card size="small" title={t('tickets.calls')}>
              <List
                size="small"
                dataSource={calls}
                renderItem={({ callId, step }) => (
                  <List.Item>
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Space wrap>
                        <Typography.Text>{step ? centerDateTime(step.at, timeZone) : callId}</Typography.Text>
                        <Tag>{t(step?.action === 'call' ? 'tickets.callAgain' : 'tickets.callAccepted')}</Tag>
                        {listener && (
                          <Button
                            size="small"
                            icon={<SoundOutlined />}
                            type={playing === callId ? 'primary' : 'default'}
                            onClick={() => setPlaying(playing === callId ? null : callId)}
                          >
                            {t('tickets.listen')}
                          </Button>
                        )}
                      </Space>
                      {listener && playing === callId && <RecordingPlayer callId={callId} autoPlay />}
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
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
      <Drawer open={customerOpen} size={960} title={t('crm.profile')} onClose={() => setCustomerOpen(false)} destroyOnHidden>
        {customerOpen && ticket?.customerId && <CustomerProfile customerId={ticket.customerId} canWrite={role !== undefined && customerWriters.includes(role)} />}
      </Drawer>
    </Drawer>
  );
}
