import { useEffect, useRef } from 'react';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { FloorInterval } from '../api/types';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const hhmm = (at: number, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);

/** Offered and answered calls as bars, abandoned as a line, by 30-minute interval today. */
export function IntervalChart({ intervals, timeZone }: { intervals: FloorInterval[]; timeZone: string }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = init(element.current);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({
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
    });
  }, [intervals, timeZone, t]);

  return <div ref={element} className="interval-chart" style={{ width: '100%', height: 260 }} />;
}
