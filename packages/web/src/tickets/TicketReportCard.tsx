import { useEffect, useState } from 'react';
import { Card, Segmented, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TicketReport, TicketReportRow } from '@banzu/contract';
import { api } from '../api/client';

const groupings: TicketReport['by'][] = ['type', 'team', 'assignee', 'month', 'customer'];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const decimal = (v: number | null) => (v === null ? '—' : v.toFixed(1));

/** Ticket figures by type, team, assignee, month or customer: on-time rate, handling hours, reopen rate, bounces, satisfaction. */
export function TicketReportCard() {
  const { t } = useTranslation();
  const [by, setBy] = useState<TicketReport['by']>('type');
  const [report, setReport] = useState<TicketReport | null>(null);
  useEffect(() => {
    setReport(null);
    api<TicketReport>('GET', `/api/v1/tickets/report?by=${by}`).then(setReport, () => setReport({ by, rows: [] }));
  }, [by]);
  return (
    <Card
      size="small"
      title={t('tickets.report.title')}
      extra={
        <Segmented size="small" value={by} onChange={(v) => setBy(v as TicketReport['by'])} options={groupings.map((g) => ({ value: g, label: t(`tickets.report.by.${g}`) }))} />
      }
    >
      <Table<TicketReportRow>
        rowKey="key"
        size="small"
        loading={report === null}
        dataSource={report?.rows ?? []}
        pagination={false}
        columns={[
          { title: t(`tickets.report.by.${by}`), render: (_, r) => r.label || t('tickets.report.none') },
          { title: t('tickets.report.tickets'), dataIndex: 'tickets' },
          { title: t('tickets.report.closed'), dataIndex: 'closed' },
          { title: t('tickets.report.onTime'), render: (_, r) => percent(r.onTimeRate) },
          { title: t('tickets.report.hours'), render: (_, r) => decimal(r.averageHandlingHours) },
          { title: t('tickets.report.reopen'), render: (_, r) => percent(r.reopenRate) },
          { title: t('tickets.report.bounces'), dataIndex: 'bounces' },
          { title: t('tickets.report.satisfaction'), render: (_, r) => decimal(r.satisfaction) },
        ]}
      />
    </Card>
  );
}
