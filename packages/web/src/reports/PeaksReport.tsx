import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PeakReport } from '@banzu/contract';
import { api } from '../api/client';
import { EChart } from '../charts/EChart';
import { ExportButton } from '../download/index';

/** Weekday × hour heatmap of offered calls, and the peak windows to staff first (seed 000: 9-11, 14-16). */
export function PeaksReport({ today }: { today: Dayjs }) {
  const { t, i18n } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.subtract(27, 'day'), today]);
  const [peaks, setPeaks] = useState<PeakReport | null>(null);
  useEffect(() => {
    void api<PeakReport>('GET', `/api/v1/reports/peaks?from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}`).then(setPeaks);
  }, [range]);
  const weekdays = t('reports.weekdays', { returnObjects: true }) as string[];
  const option = useMemo(() => {
    const max = Math.max(1, ...(peaks?.matrix ?? []).map((c) => c.averageCalls));
    return {
      animation: false,
      tooltip: { position: 'top' },
      grid: { left: 56, right: 16, top: 16, bottom: 72 },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}:00`), splitArea: { show: true } },
      yAxis: { type: 'category', data: weekdays, splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f0f5ff', '#1677ff', '#002c8c'] } },
      series: [{ type: 'heatmap', data: (peaks?.matrix ?? []).map((c) => [c.hour, c.weekday - 1, Math.round(c.averageCalls * 10) / 10]) }],
    };
  }, [peaks, weekdays]);
  const windows = (peaks?.windows ?? []).map((w) => `${w.fromHour}:00–${w.toHour}:00`).join('、');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        <ExportButton href={`/api/v1/reports/peaks?from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}&format=xlsx&lang=${i18n.language}`}>
          {t('reports.export')}
        </ExportButton>
      </Space>
      <Alert type="info" showIcon title={windows ? t('reports.peakWindows', { windows }) : t('reports.noPeaks')} />
      <EChart option={option} height={340} />
    </Space>
  );
}
