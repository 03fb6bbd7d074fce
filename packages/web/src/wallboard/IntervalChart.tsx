import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FloorInterval } from '@banzu/contract';
import { EChart } from '../charts/EChart';

const hhmm = (at: number, timeZone: string) => new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);

/** Offered and answered calls as bars, abandoned as a line, by 30-minute interval today; drawn again only when they change. */
export const IntervalChart = memo(function IntervalChart({ intervals, timeZone }: { intervals: FloorInterval[]; timeZone: string }) {
  const { t } = useTranslation();
  const option = useMemo(
    () => ({
      animation: false,
      color: ['#1677ff', '#52c41a', '#f5222d'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: intervals.map((i) => hhmm(i.start, timeZone)), axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('wallboard.offered'), type: 'bar', data: intervals.map((i) => i.offered), barMaxWidth: 18 },
        { name: t('wallboard.answered'), type: 'bar', data: intervals.map((i) => i.answered), barMaxWidth: 18 },
        { name: t('wallboard.abandoned'), type: 'line', data: intervals.map((i) => i.abandoned), smooth: true, symbolSize: 5 },
      ],
    }),
    [intervals, timeZone, t],
  );
  return <EChart option={option} height={260} />;
});
