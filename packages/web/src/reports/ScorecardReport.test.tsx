// @vitest-environment jsdom
import { render, screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { AuthProvider } from '../auth/AuthProvider';
import { ScorecardReport } from './ScorecardReport';

const hasData = { from: 'call detail records', available: true };
const metrics = [
  { id: 'averageHandleTime', zh: '平均处理时长', en: 'AHT', unit: 'seconds', better: 'lower', dataSource: hasData },
  { id: 'occupancy', zh: '占有率', en: 'Occupancy', unit: 'ratio', better: 'higher', dataSource: hasData },
  { id: 'monitoringScore', zh: '监听分值', en: 'Monitoring score', unit: 'score', better: 'higher', dataSource: { from: 'QA evaluations', available: true } },
];

describe('scorecard page', () => {
  it('shows the chosen agent against team, center and target, the place in the team, and no data as 无数据', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/auth/session') return [200, { user: { id: 'leader', role: 'team_leader', displayName: '组长', teamId: 't1', skills: [] }, expired: false }];
      if (path === '/api/v1/metrics') return [200, metrics];
      if (path.startsWith('/api/v1/users')) return [200, [{ id: 'a1', displayName: '张三', employeeNo: '8001' }]];
      if (path.startsWith('/api/v1/reports/scorecard')) {
        return [
          200,
          {
            lines: [
              { metricId: 'averageHandleTime', value: 274, team: 250, center: 240, target: 240, met: false, rank: 3, rankedOf: 13, band: 'bottom' },
              { metricId: 'occupancy', value: 0.9, team: 0.85, center: 0.8, target: null, met: null, rank: 1, rankedOf: 13, band: 'top' },
              { metricId: 'monitoringScore', value: null, team: null, center: null, target: null, met: null, rank: null, rankedOf: 0, band: null },
            ],
            serviceLevel: { variant: 'answered_abandoned', excludeShortAbandons: true, zh: '服务水平口径：阈值内接听 / (接听 + 放弃)，不计短时放弃', en: 'x' },
          },
        ];
      }
      return [200, []];
    });
    render(
      <AuthProvider>
        <ScorecardReport today={dayjs('2026-01-05')} />
      </AuthProvider>,
    );
    const aht = (await screen.findByText('平均处理时长')).closest('tr')!;
    expect(within(aht).getByText('4分34秒')).toBeTruthy();
    expect(within(aht).getByText('未达标')).toBeTruthy();
    expect(within(aht).getByText('3 / 13')).toBeTruthy();
    expect(within(aht).getByText('后 30%')).toBeTruthy();
    const occupancy = screen.getByText('占有率').closest('tr')!;
    expect(within(occupancy).getByText('90.0%')).toBeTruthy();
    expect(within(occupancy).getByText('前 10%')).toBeTruthy();
    expect(within(screen.getByText('监听分值').closest('tr')!).getAllByText('无数据')).toHaveLength(3);
    expect(asked.some((p) => p.includes('/api/v1/reports/scorecard?') && p.includes('agentId=a1') && p.includes('from=2026-01-01'))).toBe(true);
    expect(screen.getByText('导出 Excel').closest('a')!.getAttribute('href')).toContain('format=xlsx');
    expect(screen.getByText('导出 Excel').closest('a')!.getAttribute('href')).toContain('lang=zh-CN');
    // The figures' service-level variant is named, as on every report.
    expect(screen.getByText('服务水平口径：阈值内接听 / (接听 + 放弃)，不计短时放弃')).toBeTruthy();
  });
});
