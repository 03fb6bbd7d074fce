import { useCallback, useEffect, useState } from 'react';
import { Alert, DatePicker, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TargetReport } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { useLabels } from './labels';
import { TargetNoteForm } from './TargetNoteForm';
import { useMetrics } from './useMetricFormat';
import { ExportButton } from '../download/index';

/** Seed 002's report: groups × months against the target, and what it means in words. */
export function TargetsReport({ today }: { today: Dayjs }) {
  const { t, i18n } = useTranslation();
  const { metrics, name, format } = useMetrics();
  const { label } = useLabels();
  const [metricId, setMetricId] = useState('serviceLevel');
  const [months, setMonths] = useState<[Dayjs, Dayjs]>([today.subtract(5, 'month'), today]);
  const [by, setBy] = useState<'team' | 'queue'>('team');
  const [target, setTarget] = useState<number | null>(0.8);
  const [report, setReport] = useState<TargetReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const q = new URLSearchParams({ metric: metricId, from: months[0].format('YYYY-MM'), to: months[1].format('YYYY-MM'), by });
  if (target !== null) q.set('target', String(target));
  const query = q.toString();
  const load = useCallback(() => {
    api<TargetReport>('GET', `/api/v1/reports/targets?${query}`).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (err: ApiError) => {
        setReport(null);
        setError(err.message);
      },
    );
  }, [query]);
  useEffect(load, [load]);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          value={metricId}
          onChange={setMetricId}
          style={{ width: 220 }}
          showSearch
          optionFilterProp="label"
          options={metrics.filter((m) => m.better).map((m) => ({ value: m.id, label: name(m.id) }))}
        />
        <DatePicker.RangePicker picker="month" value={months} onChange={(v) => v?.[0] && v[1] && setMonths([v[0], v[1]])} allowClear={false} />
        <Select value={by} onChange={setBy} style={{ width: 110 }} options={(['team', 'queue'] as const).map((d) => ({ value: d, label: t(`reports.dims.${d}`) }))} />
        <InputNumber addonBefore={t('reports.target')} value={target} onChange={setTarget} step={0.01} style={{ width: 180 }} />
        <ExportButton href={`/api/v1/reports/targets?${query}&format=xlsx&lang=${i18n.language}`} disabled={!report}>
          {t('reports.export')}
        </ExportButton>
      </Space>
      {error && <Alert type="warning" showIcon title={error} />}
      {report && <Alert type="info" showIcon title={i18n.language === 'en' ? report.narrative.en : report.narrative.zh} />}
      {report && (
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={report.rows}
          columns={[
            { title: t(`reports.dims.${by}`), dataIndex: 'name' },
            ...report.periods.map((p, i) => ({
              title: p,
              render: (_: unknown, row: TargetReport['rows'][number]) => {
                const cell = row.cells[i]!;
                return (
                  <Space size={4}>
                    {format(metricId, cell.value)}
                    {cell.met !== null && <Tag color={cell.met ? 'green' : 'red'}>{t(cell.met ? 'reports.met' : 'reports.missed')}</Tag>}
                  </Space>
                );
              },
            })),
          ]}
        />
      )}
      {report && report.notes.length > 0 && (
        <List
          size="small"
          header={t('reports.notes')}
          dataSource={report.notes}
          renderItem={(n) => (
            <List.Item key={`${n.teamId}:${n.month}`}>
              <List.Item.Meta
                title={`${label(n.teamId)} · ${n.month}`}
                description={
                  <>
                    {n.reason && <div>{t('reports.reason', { text: n.reason })}</div>}
                    {n.plan && <div>{t('reports.plan', { text: n.plan })}</div>}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      {report && by === 'team' && <TargetNoteForm metricId={metricId} month={months[1]} notes={report.notes} onSaved={load} />}
      {report && <Typography.Text type="secondary">{i18n.language === 'en' ? report.serviceLevel.en : report.serviceLevel.zh}</Typography.Text>}
    </Space>
  );
}
