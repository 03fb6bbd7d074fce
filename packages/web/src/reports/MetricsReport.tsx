import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Report, ReportCall, ReportDimension, ReportRow } from '@banzu/contract';
import { formatDuration } from '@banzu/core';
import { centerDateTime } from '../api/center';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { EChart } from '../charts/EChart';
import { ColumnChooser, useReportColumns } from './ColumnChooser';
import { useLabels } from './labels';
import { useMetrics } from './useMetricFormat';
import { ExportButton } from '../download/index';

/** The most calls a drill-down lists (the server's limit). */
const drillLimit = 5000;

/** Every metric by interval, day, week, month, agent, team, site or queue, with drill-down to exactly the calls a row counts. */
export function MetricsReport({ today, timeZone }: { today: Dayjs; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { metrics, name, format } = useMetrics();
  const { user } = useAuth();
  const [columns, setColumns] = useReportColumns(user?.id);
  const withoutSource = metrics.filter((m) => !m.dataSource.available).map((m) => name(m.id));
  const { label, queues } = useLabels();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today, today]);
  const [by, setBy] = useState<ReportDimension>('interval');
  const [interval, setInterval] = useState(30);
  const [queueId, setQueueId] = useState<string | undefined>();
  const [direction, setDirection] = useState<NonNullable<Report['direction']> | undefined>();
  const [report, setReport] = useState<Report | null>(null);
  /** The open drill-down: its title, calls, whether the list was cut, and the query that fetched them (the export asks the same). */
  const [drill, setDrill] = useState<{ title: string; calls: ReportCall[]; cut: boolean; query: URLSearchParams } | null>(null);

  const query = useMemo(() => {
    const q = new URLSearchParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by });
    if (by === 'interval') q.set('interval', String(interval));
    if (queueId) q.set('queueId', queueId);
    if (direction) q.set('direction', direction);
    return q;
  }, [range, by, interval, queueId, direction]);

  useEffect(() => {
    void api<Report>('GET', `/api/v1/reports/metrics?${query}`).then(setReport);
  }, [query]);

  /** The calls a row counts, as the server picks them by the row's dimension and key; the total row lists them all. */
  const openCalls = async (row: ReportRow, isTotal: boolean) => {
    const q = new URLSearchParams({ from: query.get('from')!, to: query.get('to')!, limit: String(drillLimit) });
    if (queueId) q.set('queueId', queueId);
    if (direction) q.set('direction', direction);
    if (!isTotal) {
      q.set('by', by);
      q.set('key', row.key);
      if (by === 'interval') q.set('interval', String(interval));
    }
    const calls = await api<ReportCall[]>('GET', `/api/v1/reports/calls?${q}`);
    // After-hours calls are in the row's total of calls, and in its list.
    const offered = row.tally ? row.tally.offered + row.tally.afterHours : calls.length;
    setDrill({ title: t('reports.calls', { name: isTotal ? t('reports.total') : rowLabel(row), count: offered }), calls, cut: calls.length < offered, query: q });
  };

  /** A figure, or why the row has none: its input is missing (未设置成本 …), with where to supply it. */
  const cell = (id: string, row: ReportRow) => {
    const missing = metrics.find((m) => m.id === id)?.dataSource.missing;
    if (!missing || !row.missingInputs.includes(id)) return format(id, row.metrics[id]);
    const en = i18n.language === 'en';
    return (
      <Tooltip title={en ? missing.hint.en : missing.hint.zh}>
        <Typography.Text type="secondary" className="missing-input">
          {en ? missing.en : missing.zh}
        </Typography.Text>
      </Tooltip>
    );
  };

  const rowLabel = (row: ReportRow) => (row.key === '' ? t('reports.unassigned') : ['agent', 'team', 'site', 'queue'].includes(by) ? label(row.key) : row.key);
  const rows = report ? [...report.rows, { ...report.total, key: t('reports.total') }] : [];
  // Built each render: the row labels and metric names arrive after the report, and the chart must show them.
  const chart = {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: (report?.rows ?? []).map(rowLabel) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      ...['totalCalls', 'answered', 'abandoned'].map((id) => ({ name: name(id), type: 'bar', data: (report?.rows ?? []).map((r) => r.metrics[id]), barMaxWidth: 16 })),
      { name: name('serviceLevel'), type: 'line', yAxisIndex: 1, data: (report?.rows ?? []).map((r) => (r.metrics.serviceLevel === null ? null : r.metrics.serviceLevel! * 100)) },
    ],
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        <Select
          value={by}
          onChange={setBy}
          style={{ width: 120 }}
          options={(['interval', 'day', 'week', 'month', 'agent', 'team', 'site', 'queue'] as const).map((d) => ({ value: d, label: t(`reports.dims.${d}`) }))}
        />
        {by === 'interval' && (
          <Select value={interval} onChange={setInterval} style={{ width: 120 }} options={[15, 30, 60].map((n) => ({ value: n, label: t('reports.minutes', { n }) }))} />
        )}
        <Select
          allowClear
          placeholder={t('reports.allQueues')}
          value={queueId}
          onChange={setQueueId}
          style={{ width: 160 }}
          options={queues.map((q) => ({ value: q.id, label: q.name }))}
        />
        <Select
          allowClear
          placeholder={t('reports.allWork')}
          value={direction}
          onChange={setDirection}
          style={{ width: 120 }}
          options={(['inbound', 'outbound'] as const).map((d) => ({ value: d, label: t(`reports.directions.${d}`) }))}
          data-testid="direction"
        />
        <ColumnChooser value={columns} onChange={setColumns} name={name} />
        {/* The Excel has the page's columns, in the page's order. */}
        <ExportButton href={`/api/v1/reports/metrics?${query}&columns=${columns.join(',')}&format=xlsx&lang=${i18n.language}`}>{t('reports.export')}</ExportButton>
      </Space>
      {report && <Typography.Text type="secondary">{i18n.language === 'en' ? report.serviceLevel.en : report.serviceLevel.zh}</Typography.Text>}
      {withoutSource.length > 0 && (
        <Typography.Text type="secondary">{t('reports.withoutSource', { names: withoutSource.join(i18n.language === 'en' ? ', ' : '、') })}</Typography.Text>
      )}
      <EChart option={chart} />
      <Table<ReportRow>
        rowKey="key"
        size="small"
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        onRow={(row) => ({ onClick: () => void openCalls(row, row === rows[rows.length - 1]), style: { cursor: 'pointer' } })}
        columns={[
          { title: t(`reports.dims.${by}`), render: (_, row, i) => (i === rows.length - 1 ? <b>{row.key}</b> : rowLabel(row)), fixed: 'left' },
          // A width each, so that with many indicators chosen the table scrolls instead of squeezing names into one character per line.
          ...columns.map((id) => ({ title: name(id), render: (_: unknown, row: ReportRow) => cell(id, row), align: 'right' as const, width: 104 })),
        ]}
      />
      <Modal open={drill !== null} title={drill?.title} footer={null} width={760} onCancel={() => setDrill(null)}>
        {drill?.cut && <Alert type="info" showIcon title={t('reports.firstCalls', { n: drillLimit })} style={{ marginBottom: 8 }} />}
        {drill && (
          <ExportButton href={`/api/v1/reports/calls?${drill.query}&format=xlsx&lang=${i18n.language}`} style={{ marginBottom: 8 }}>
            {t('reports.export')}
          </ExportButton>
        )}
        <Table<ReportCall>
          rowKey="callId"
          size="small"
          dataSource={drill?.calls ?? []}
          columns={[
            { title: t('reports.callColumns.startedAt'), render: (_, c) => centerDateTime(c.startedAt, timeZone, { seconds: true }).slice(5) },
            { title: t('reports.callColumns.from'), dataIndex: 'from' },
            { title: t('reports.callColumns.outcome'), render: (_, c) => (c.outcome ? <Tag>{t(`reports.outcomes.${c.outcome}`)}</Tag> : '') },
            { title: t('reports.callColumns.wait'), render: (_, c) => formatDuration((c.record.queueMs + c.record.ringMs) / 1000, i18n.language) },
            { title: t('reports.callColumns.talk'), render: (_, c) => formatDuration(c.record.talkMs / 1000, i18n.language) },
          ]}
        />
      </Modal>
    </Space>
  );
}
