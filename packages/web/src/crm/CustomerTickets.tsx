import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Ticket } from '@banzu/contract';
import { centerDateTime } from '../api/center';

/**
 * The customer's tickets (工单) across the teams the reader may see: open ones by deadline first,
 * then the closed, newest first (seed 002 counts tickets per customer). A number opens the ticket.
 */
export function CustomerTickets({ tickets, timeZone }: { tickets: Ticket[]; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Table<Ticket>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={tickets}
      locale={{ emptyText: t('crm.none') }}
      columns={[
        { title: t('tickets.columns.no'), render: (_, ticket) => <Link to={`/tickets?ticket=${encodeURIComponent(ticket.id)}`}>{ticket.no}</Link> },
        { title: t('tickets.columns.type'), dataIndex: 'typeName' },
        { title: t('tickets.columns.title'), dataIndex: 'title' },
        { title: t('crm.openedAt'), render: (_, ticket) => centerDateTime(ticket.createdAt, timeZone) },
        { title: t('tickets.columns.assignee'), render: (_, ticket) => ticket.assignee?.name ?? '—' },
        {
          title: t('tickets.columns.status'),
          render: (_, ticket) => (
            <Tag color={ticket.status === 'closed' ? 'default' : ticket.standing === 'overdue' ? 'red' : 'processing'}>{t(`tickets.status.${ticket.status}`)}</Tag>
          ),
        },
        {
          title: t('tickets.columns.deadline'),
          render: (_, ticket) => (ticket.closedAt ? t('tickets.closedAt', { time: centerDateTime(ticket.closedAt, timeZone) }) : centerDateTime(ticket.dueAt, timeZone)),
        },
        {
          title: t('crm.satisfaction'),
          render: (_, ticket) => (ticket.callback?.satisfaction ? '★'.repeat(ticket.callback.satisfaction) : '—'),
        },
      ]}
    />
  );
}
