// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { TargetsReport } from './TargetsReport';

describe('targets report page', () => {
  it('shows the leaders’ 原因 and 改善计划 per team and month, and the service-level variant', async () => {
    const manager = { id: 'm1', username: 'manager', displayName: '经理', role: 'manager', teamId: null, employeeNo: null, disabled: false, skills: [] };
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: manager, expired: false }];
      if (path === '/api/v1/metrics')
        return [200, [{ id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher', dataSource: { from: 'x', available: true } }]];
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's1', leaderIds: [], agentCount: 4 }]];
      if (path.startsWith('/api/v1/reports/targets')) {
        return [
          200,
          {
            metric: { id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio' },
            target: 0.8,
            periods: ['2026-02'],
            rows: [{ name: '客服一组', cells: [{ value: 0.7, met: false }] }],
            narrative: { zh: '客服一组未达标。', en: 'Team 1 missed.' },
            serviceLevel: { variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入', en: 'x' },
            notes: [{ metricId: 'serviceLevel', teamId: 't1', month: '2026-02', reason: '春节后话务量激增', plan: '增加晚班人手' }],
          },
        ];
      }
      return [200, []];
    });
    render(
      <AuthProvider>
        <TargetsReport today={dayjs('2026-02-10')} />
      </AuthProvider>,
    );
    expect(await screen.findByText('原因：春节后话务量激增')).toBeTruthy();
    expect(screen.getByText('改善计划：增加晚班人手')).toBeTruthy();
    expect(screen.getByText('服务水平口径：阈值内接听 / 呼入')).toBeTruthy();
    expect(await screen.findByText('客服一组 · 2026-02')).toBeTruthy();
  });
});
