// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { MetricsReport } from './MetricsReport';

// jsdom has no canvas; the chart itself is ECharts' business, the figures are ours.
vi.mock('../charts/EChart', () => ({ EChart: () => null }));

const metrics = [
  { id: 'totalCalls', zh: '总呼叫数', en: 'Total calls', unit: 'count', better: null },
  { id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher' },
  { id: 'averageSpeedOfAnswer', zh: '平均应答速度', en: 'ASA', unit: 'seconds', better: 'lower' },
];

describe('metrics report page', () => {
  it('shows each interval and the total as the server computed them, no data as 无数据, and links the Excel export', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/metrics') return [200, metrics];
      if (path.startsWith('/api/v1/reports/metrics')) {
        return [
          200,
          {
            rows: [
              { key: '2026-01-05 09:00', metrics: { totalCalls: 2, serviceLevel: 0.5, averageSpeedOfAnswer: 12 } },
              { key: '2026-01-05 09:30', metrics: { totalCalls: 0, serviceLevel: null, averageSpeedOfAnswer: null } },
            ],
            total: { key: 'total', metrics: { totalCalls: 2, serviceLevel: 0.5, averageSpeedOfAnswer: 12 } },
          },
        ];
      }
      return [200, []];
    });
    render(<MetricsReport today={dayjs('2026-01-05')} timeZone="Asia/Shanghai" />);
    const first = (await screen.findByText('2026-01-05 09:00')).closest('tr')!;
    expect(within(first).getByText('50.0%')).toBeTruthy();
    expect(within(first).getByText('12.0 s')).toBeTruthy();
    const empty = screen.getByText('2026-01-05 09:30').closest('tr')!;
    expect(within(empty).getAllByText('无数据').length).toBeGreaterThan(0);
    expect(screen.getByText('合计')).toBeTruthy();
    expect(asked.some((p) => p.includes('from=2026-01-05') && p.includes('by=interval') && p.includes('interval=30'))).toBe(true);
    const exportLink = screen.getByText('导出 Excel').closest('a')!;
    expect(exportLink.getAttribute('href')).toContain('format=xlsx');
  });
});
