import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { BookOutlined, FileAddOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { KbArticle, KbSearchHit, ScreenPop, Ticket, TicketPage, TicketType } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { centerDateTime } from '../api/center';
import { CallbackFields } from './CallbackFields';
import { TicketFields } from './TicketFields';

const SUGGEST_DELAY_MS = 400;
/** How often the desktop reads the callbacks due again: a colleague may close one of the agent's tickets meanwhile. */
const CALLBACKS_POLL_MS = 60_000;

/**
 * The desktop's ticket card: accept a ticket (受理) from the current call, with the caller, the
 * customer and the call linked, or by hand for other channels; the customer's tickets; and the
 * knowledge base's articles for the call's queue and the words of the notes.
 */
export function DeskTickets({ callId, queueId, timeZone }: { callId: string | null; queueId: string | null; timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [types, setTypes] = useState<TicketType[]>([]);
  const [pop, setPop] = useState<ScreenPop | null>(null);
  const [linked, setLinked] = useState<Ticket[]>([]);
  const [created, setCreated] = useState<Ticket | null>(null);
  const notes: string = Form.useWatch('description', form) ?? '';

  useEffect(() => {
    api<TicketType[]>('GET', '/api/v1/ticket-types').then(setTypes, () => {});
  }, []);
  useEffect(() => {
    setPop(null);
    setCreated(null);
    if (callId) api<ScreenPop>('GET', `/api/v1/desktop/calls/${encodeURIComponent(callId)}/screen-pop`).then(setPop, () => {});
  }, [callId]);
  const customerId = pop?.customer?.id ?? null;
  useEffect(() => {
    setLinked([]);
    if (customerId)
      api<TicketPage>('GET', `/api/v1/tickets?customerId=${customerId}&limit=5`).then(
        (p) => setLinked(p.items),
        () => {},
      );
  }, [customerId]);

  // The customer calls again about a ticket: the call is linked to it (and, the ticket open, no first-contact resolution).
  const linkCall = async (ticket: Ticket) => {
    if (!callId) return;
    try {
      const updated = await api<Ticket>('POST', `/api/v1/tickets/${ticket.id}/calls`, { callId });
      setLinked((l) => l.map((x) => (x.id === updated.id ? updated : x)));
      void message.success(t('tickets.desk.callLinked', { no: updated.no }));
    } catch (err) {
      void message.error((err as ApiError).message);
    }
  };

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const ticket = await api<Ticket>('POST', '/api/v1/tickets', {
        ...values,
        ...(callId ? { callId } : {}),
        ...(customerId ? { customerId } : {}),
        ...(pop?.from ? { caller: pop.from } : {}),
      });
      setCreated(ticket);
      setLinked((l) => [ticket, ...l]);
      form.resetFields(['title', 'description']);
      void message.success(t('tickets.desk.created', { no: ticket.no, due: centerDateTime(ticket.dueAt, timeZone) }));
    } catch (err) {
      void message.error((err as ApiError).message);
    }
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            <FileAddOutlined />
            {t('tickets.desk.title')}
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {callId ? `${t('tickets.desk.forCall')} ${pop?.customer?.name ?? pop?.from ?? ''}` : t('tickets.desk.noCall')}
            </Typography.Text>
          </Space>
        }
      >
        <Form form={form} layout="vertical" initialValues={{ type: 'complaint', priority: 'normal', channel: 'phone' }}>
          <TicketFields types={types} />
          <Button type="primary" onClick={() => void submit()}>
            {t('tickets.desk.submit')}
          </Button>
        </Form>
        {linked.length > 0 && (
          <List
            size="small"
            header={t('tickets.desk.linked')}
            dataSource={linked}
            renderItem={(ticket) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text code>{ticket.no}</Typography.Text>
                  {ticket.title}
                  <Tag>{t(`tickets.status.${ticket.status}`)}</Tag>
                  <Typography.Text type="secondary">{t('tickets.desk.due', { time: centerDateTime(ticket.dueAt, timeZone) })}</Typography.Text>
                  {callId &&
                    (ticket.callIds.includes(callId) ? (
                      <Tag color="blue">{t('tickets.desk.callOnTicket')}</Tag>
                    ) : (
                      <Button size="small" onClick={() => void linkCall(ticket)}>
                        {t('tickets.desk.linkCall')}
                      </Button>
                    ))}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      <KbSuggestions queueId={queueId} notes={notes} ticketId={created?.id ?? null} />
      <CallbackTasks timeZone={timeZone} />
    </Space>
  );
}

/**
 * The agent's callbacks due (回访, 件件有回访): the own tickets closed and not yet called back, each
 * asked whether the problem is solved and how satisfied the customer is; not solved reopens it.
 */
export function CallbackTasks({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [items, setItems] = useState<Ticket[]>([]);
  const [calling, setCalling] = useState<Ticket | null>(null);
  const load = useCallback(
    () =>
      api<TicketPage | null>('GET', '/api/v1/tickets?view=callback&limit=20').then(
        (p) => setItems(p?.items ?? []),
        () => setItems([]),
      ),
    [],
  );
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), CALLBACKS_POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  const save = async () => {
    if (!calling) return;
    const values = await form.validateFields();
    try {
      await api('POST', `/api/v1/tickets/${calling.id}/callback`, { solved: values.solved, satisfaction: values.satisfaction ?? null, note: values.note ?? '' });
      void message.success(t(values.solved ? 'tickets.desk.callbackDone' : 'tickets.desk.callbackReopened', { no: calling.no }));
      setCalling(null);
      void load();
    } catch (err) {
      void message.error((err as ApiError).message);
    }
  };
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      title={
        <Space>
          <PhoneOutlined />
          {t('tickets.desk.callbacks', { n: items.length })}
        </Space>
      }
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(ticket) => (
          <List.Item
            actions={[
              <Button key="callback" size="small" type="primary" onClick={() => setCalling(ticket)}>
                {t('tickets.actions.callback')}
              </Button>,
            ]}
          >
            <Space wrap>
              <Typography.Text code>{ticket.no}</Typography.Text>
              {ticket.title}
              <Typography.Text type="secondary">
                {ticket.customerName ?? ticket.caller ?? ''} · {ticket.closedAt ? t('tickets.closedAt', { time: centerDateTime(ticket.closedAt, timeZone) }) : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Modal
        open={calling !== null}
        title={calling ? `${t('tickets.actions.callback')} · ${calling.no}` : ''}
        onOk={() => void save()}
        onCancel={() => setCalling(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <CallbackFields />
        </Form>
      </Modal>
    </Card>
  );
}

/** Articles for the call's queue and the notes' words, or for what the agent searches; an article opens in place. */
export function KbSuggestions({ queueId, notes, ticketId }: { queueId: string | null; notes: string; ticketId: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const [items, setItems] = useState<KbSearchHit[] | null>(null);
  const [article, setArticle] = useState<KbArticle | null>(null);
  useEffect(() => {
    const queue = queueId ? `queueId=${encodeURIComponent(queueId)}&` : '';
    const path = q.trim() ? `/api/v1/kb/search?${queue}q=${encodeURIComponent(q.trim())}` : `/api/v1/kb/suggestions?${queue}text=${encodeURIComponent(notes)}`;
    const timer = setTimeout(
      () =>
        api<{ items: KbSearchHit[] }>('GET', path).then(
          (r) => setItems(r.items),
          () => setItems([]),
        ),
      SUGGEST_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [queueId, notes, q]);
  const openArticle = async (id: string) => {
    setArticle(await api<KbArticle>('GET', `/api/v1/kb/articles/${id}`));
    void api('POST', `/api/v1/kb/articles/${id}/usage`, { kind: 'opened' }).catch(() => {});
  };
  const helpful = async () => {
    if (!article) return;
    // Used on the ticket just accepted it also counts as helpful; otherwise it is counted alone.
    if (ticketId) await api('POST', `/api/v1/tickets/${ticketId}/articles`, { articleId: article.id });
    else await api('POST', `/api/v1/kb/articles/${article.id}/usage`, { kind: 'helpful' });
    void message.success(ticketId ? t('tickets.kb.usedFor') : t('tickets.kb.thanks'));
    setArticle(null);
  };
  return (
    <Card
      size="small"
      title={
        <Space>
          <BookOutlined />
          {q.trim() ? t('tickets.kb.title') : t('tickets.kb.suggested')}
        </Space>
      }
    >
      <Input.Search allowClear placeholder={t('tickets.kb.search')} value={q} onChange={(e) => setQ(e.target.value)} style={{ marginBottom: 8 }} />
      <List
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        locale={{ emptyText: t('tickets.kb.none') }}
        renderItem={(hit) => (
          <List.Item onClick={() => void openArticle(hit.id)} style={{ cursor: 'pointer' }}>
            <List.Item.Meta title={hit.title} description={hit.snippet} />
            {hit.category && <Tag>{hit.category}</Tag>}
          </List.Item>
        )}
      />
      <Modal
        open={article !== null}
        title={article?.title}
        onCancel={() => setArticle(null)}
        footer={
          <Button type="primary" onClick={() => void helpful()}>
            {t('tickets.kb.helpful')}
          </Button>
        }
      >
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{article?.body}</Typography.Paragraph>
      </Modal>
    </Card>
  );
}
