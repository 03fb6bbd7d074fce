import { useEffect, useState } from 'react';
import { Card, DatePicker, Segmented, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TicketFigures, TicketReport, TicketReportRow, TicketType } from '@banzu/contract';
import { api } from '../api/client';
import { ExportButton } from '../download/index';

const groupings: TicketReport['by'][] = ['type', 'team', 'assignee', 'month', 'customer'];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const decimal = (v: number | null) => (v === null ? '—' : v.toFixed(1));
/** Every type, the registers together (市长专线 …), or one type: `type:<code>`. */
const ALL = '';
const REGISTERS = 'register';

/** The report's query: the grouping, the scope, and the days picked (`to` is the day after the last). */
function reportQuery(by: TicketReport['by'], scope: string, range: [Dayjs, Dayjs] | null): string {
  const params = new URLSearchParams({ by });
  if (scope === REGISTERS) params.set('register', 'true');
  else if (scope.startsWith('type:')) params.set('type', scope.slice('type:'.length));
  if (range) {
    params.set('from', range[0].format('YYYY-MM-DD'));
    params.set('to', range[1].add(1, 'day').format('YYYY-MM-DD'));
  }
  return params.toString();
}

/**
 * Ticket figures by type, team, assignee, month or customer with their total: on-time rate, handling
 * hours, reopen rate, bounces, satisfaction, and tickets per customer (seed 002). Narrowed to a
 * register or a type and to the days tickets were accepted; the same as an Excel workbook.
 */
export function TicketReportCard() {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<TicketReport['by']>('type');
  const [scope, setScope] = useState(ALL);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [types, setTypes] = useState<TicketType[]>([]);
  const [report, setReport] = useState<TicketReport | null>(null);
  const [loading, setLoading] = useState(true);
  const query = reportQuery(by, scope, range);
  useEffect(() => {
    api<TicketType[]>('GET', '/api/v1/ticket-types').then(setTypes, () => setTypes([]));
  }, []);
  useEffect(() => {
    setLoading(true);
    api<TicketReport>('GET', `/api/v1/tickets/report?${query}`)
      .then(setReport, () => setReport(null))
      .finally(() => setLoading(false));
  }, [query]);
  /** The total's cells, each under its column. */
  const totalCells = (f: TicketFigures): [string, string | number][] => [
    ['label', t('tickets.report.total')],
    ['tickets', f.tickets],
    ['closed', f.closed],
    ['onTime', percent(f.onTimeRate)],
    ['hours', decimal(f.averageHandlingHours)],
    ['reopen', percent(f.reopenRate)],
    ['bounces', f.bounces],
    ['satisfaction', decimal(f.satisfaction)],
  ];
  return (
    <Card
      size="small"
      title={t('tickets.report.title')}
      extra={
        <Segmented size="small" value={by} onChange={(v) => setBy(v as TicketReport['by'])} options={groupings.map((g) => ({ value: g, label: t(`tickets.report.by.${g}`) }))} />
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('tickets.report.scope')}
          style={{ minWidth: 200 }}
          value={scope}
          onChange={setScope}
          options={[
            { value: ALL, label: t('tickets.report.allTypes') },
            { value: REGISTERS, label: t('tickets.report.registers') },
            ...types.map((type) => ({ value: `type:${type.code}`, label: type.register ? t('tickets.report.register', { name: type.name }) : type.name })),
          ]}
        />
        <DatePicker.RangePicker
          aria-label={t('tickets.report.period')}
          placeholder={[t('tickets.report.acceptedFrom'), t('tickets.report.acceptedTo')]}
          value={range}
          onChange={(v) => setRange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        />
        <ExportButton href={`/api/v1/tickets/report?${query}&format=xlsx&lang=${i18n.language}`}>{t('tickets.export')}</ExportButton>
      </Space>
      <Table<TicketReportRow>
        rowKey="key"
        size="small"
        loading={loading}
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
        summary={() =>
          report && report.rows.length > 0 ? (
            <Table.Summary.Row>
              {totalCells(report.total).map(([column, cell], i) => (
                <Table.Summary.Cell key={column} index={i}>
                  <Typography.Text strong>{cell}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      {report && report.rows.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('tickets.report.perCustomer', {
            value: report.ticketsPerCustomer === null ? '—' : report.ticketsPerCustomer.toFixed(3),
            tickets: report.total.tickets,
            customers: report.customers,
          })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
