import { useEffect, useState } from 'react';
import { DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { RankedRow, RankingReport as Ranking } from '@banzu/contract';
import { api } from '../api/client';
import { useMetrics } from './useMetricFormat';
import { ExportButton } from '../download/index';

/** Agents or teams ranked by one metric: the top 10% to praise, the bottom 30% to coach. */
export function RankingReport({ today }: { today: Dayjs }) {
  const { t, i18n } = useTranslation();
  const { metrics, name, format } = useMetrics();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const [by, setBy] = useState<'agent' | 'team'>('agent');
  const [metricId, setMetricId] = useState('averageHandleTime');
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const query = new URLSearchParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by, metric: metricId }).toString();
  useEffect(() => {
    void api<Ranking>('GET', `/api/v1/reports/ranking?${query}`).then(setRanking, () => setRanking(null));
  }, [query]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        <Select value={by} onChange={setBy} style={{ width: 110 }} options={(['agent', 'team'] as const).map((d) => ({ value: d, label: t(`reports.dims.${d}`) }))} />
        <Select
          value={metricId}
          onChange={setMetricId}
          style={{ width: 220 }}
          showSearch
          optionFilterProp="label"
          options={metrics.filter((m) => m.better).map((m) => ({ value: m.id, label: name(m.id) }))}
        />
        <ExportButton href={`/api/v1/reports/ranking?${query}&format=xlsx&lang=${i18n.language}`}>{t('reports.export')}</ExportButton>
      </Space>
      <Table<RankedRow>
        rowKey="key"
        size="small"
        dataSource={ranking?.rows ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('reports.rank'), dataIndex: 'rank', width: 80 },
          { title: t(`reports.dims.${by}`), dataIndex: 'label' },
          { title: name(metricId), render: (_, r) => format(metricId, r.value) },
          {
            title: '',
            render: (_, r) => (r.band === 'top' || r.band === 'bottom' ? <Tag color={r.band === 'top' ? 'gold' : 'volcano'}>{t(`reports.bands.${r.band}`)}</Tag> : null),
          },
        ]}
      />
      {ranking && <Typography.Text type="secondary">{i18n.language === 'en' ? ranking.serviceLevel.en : ranking.serviceLevel.zh}</Typography.Text>}
    </Space>
  );
}
