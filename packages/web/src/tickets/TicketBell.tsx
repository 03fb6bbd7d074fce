import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Badge, Button, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { TicketNotification } from '@banzu/contract';
import { api } from '../api/client';
import { centerDateTime } from '../api/center';
import { useAuth } from '../auth/AuthProvider';
import { useFloor } from '../live/FloorProvider';

const POLL_MS = 30_000;
/** The live channel's messages that are ticket notifications (the server numbers them so). */
const TICKET_MESSAGE = 'ticket-';
const SHOWN = 10;

/**
 * The console header's bell: the unread ticket notifications (assigned to you, reminders,
 * escalations, bounces, reopenings), wherever the user is; one opens its ticket. A notification
 * arriving on the live channel also pops up a notice, so a leader on the wallboard sees an
 * escalation at once.
 */
export function TicketBell({ color }: { color?: string }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const { user } = useAuth();
  const { floor } = useFloor();
  const navigate = useNavigate();
  const timeZone = floor?.timeZone ?? 'Asia/Shanghai';
  const [items, setItems] = useState<TicketNotification[]>([]);
  const [open, setOpen] = useState(false);
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

  const messages = floor?.messages;
  const me = user?.id;
  // Those already on the channel when the bell came are not news.
  const seen = useRef<Set<string> | null>(null);
  seen.current ??= new Set((messages ?? []).map((m) => m.id));
  useEffect(() => {
    const fresh = (messages ?? []).filter((m) => m.id.startsWith(TICKET_MESSAGE) && m.toAgentId === me && !seen.current!.has(m.id));
    if (fresh.length === 0) return;
    for (const m of fresh) {
      seen.current!.add(m.id);
      notification.warning({ title: t('tickets.notifications'), description: m.text, placement: 'topRight', duration: 10 });
    }
    void load();
  }, [messages, me, notification, t, load]);

  const openTicket = (n: TicketNotification) => {
    setOpen(false);
    void api('POST', '/api/v1/ticket-notifications/read', { ids: [n.id] }).then(load, () => {});
    navigate(`/tickets?ticket=${encodeURIComponent(n.ticketId)}`);
  };
  const content = (
    <div style={{ width: 340 }}>
      <List
        size="small"
        dataSource={items.slice(0, SHOWN)}
        locale={{ emptyText: t('tickets.noNotifications') }}
        renderItem={(n) => (
          <List.Item onClick={() => openTicket(n)} style={{ cursor: 'pointer' }}>
            <List.Item.Meta
              title={<Typography.Text type={n.kind === 'escalation' ? 'danger' : undefined}>{n.message}</Typography.Text>}
              description={centerDateTime(n.at, timeZone)}
            />
          </List.Item>
        )}
      />
      {items.length > 0 && (
        <Button size="small" onClick={() => void api('POST', '/api/v1/ticket-notifications/read', {}).then(load)}>
          {t('tickets.markRead')}
        </Button>
      )}
    </div>
  );
  return (
    <Popover content={content} title={t('tickets.notifications')} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Badge count={items.length} size="small">
        <Button type="text" icon={<BellOutlined style={color ? { color } : undefined} />} aria-label={t('tickets.notifications')} />
      </Badge>
    </Popover>
  );
}
