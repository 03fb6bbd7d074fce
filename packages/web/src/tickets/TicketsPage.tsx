import { useCallback, useEffect, useState } from 'react';
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ticketCreators, type Ticket, type TicketPage, type TicketType, type TicketView } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useFloor, useNow } from '../live/FloorProvider';
import { centerDateTime } from '../api/center';
import { NewTicket } from './NewTicket';
import { TicketClock } from './TicketClock';
import { TicketDrawer } from './TicketDrawer';
import { TicketReportCard } from './TicketReportCard';
import { ExportButton } from '../download/index';

/** A list: one of the leader's views, every ticket, or one register's (`register:mayor_hotline`). */
type ViewKey = TicketView | 'all' | `register:${string}`;
const leaderViews: ViewKey[] = ['team', 'mine', 'near_deadline', 'overdue', 'callback'];
const agentViews: ViewKey[] = ['mine', 'near_deadline', 'overdue', 'callback'];
const REGISTER = 'register:';

/** The list's query string. */
function queryOf(view: ViewKey): string {
  if (view === 'all') return '';
  if (view.startsWith(REGISTER)) return `type=${encodeURIComponent(view.slice(REGISTER.length))}`;
  return `view=${view}`;
}

/**
 * The leader's (and the agent's) ticket lists: mine, the team's, near deadline, overdue, waiting for
 * callback, and each register (市长专线) its own; with the deadline clock. `?ticket=<id>` opens that
 * ticket (the header's bell and the customer profile link here).
 */
export function TicketsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { floor } = useFloor();
  const timeZone = floor?.timeZone ?? 'Asia/Shanghai';
  const now = useNow(floor?.clockOffset ?? 0);
  const [params, setParams] = useSearchParams();
  const leader = user?.role !== 'agent';
  const [types, setTypes] = useState<TicketType[]>([]);
  const [view, setView] = useState<ViewKey>(leader ? 'team' : 'mine');
  const [page, setPage] = useState<TicketPage | null>(null);
  const open = params.get('ticket');
  const setOpen = (id: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (id) next.set('ticket', id);
        else next.delete('ticket');
        return next;
      },
      { replace: id === null },
    );
  useEffect(() => {
    if (leader) api<TicketType[]>('GET', '/api/v1/ticket-types').then(setTypes, () => {});
  }, [leader]);
  const views: ViewKey[] = leader ? [...leaderViews, ...types.filter((ty) => ty.register).map((ty): ViewKey => `${REGISTER}${ty.code}`), 'all'] : agentViews;
  const label = (v: ViewKey) => (v.startsWith(REGISTER) ? (types.find((ty) => `${REGISTER}${ty.code}` === v)?.name ?? v) : t(`tickets.views.${v}`));
  const query = queryOf(view);
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
        <Space wrap>
          {user && ticketCreators.includes(user.role) && (
            <NewTicket
              timeZone={timeZone}
              onCreated={(ticket) => {
                void load();
                setOpen(ticket.id);
              }}
            />
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void load()}>
            {t('tickets.refresh')}
          </Button>
          {leader && <ExportButton href={`/api/v1/tickets/export.xlsx?${query}&lang=${i18n.language}`}>{t('tickets.export')}</ExportButton>}
        </Space>
      </div>
      <Segmented value={view} onChange={(v) => setView(v as ViewKey)} options={views.map((v) => ({ value: v, label: label(v) }))} />
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
      {leader && <TicketReportCard />}
      <TicketDrawer id={open} onClose={() => setOpen(null)} onChanged={() => void load()} timeZone={timeZone} now={now} />
    </Space>
  );
}
