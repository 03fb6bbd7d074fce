// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { RankingReport } from './RankingReport';

describe('ranking page', () => {
  it('ranks the agents and names the service-level variant the figures use', async () => {
    const manager = { id: 'm1', username: 'manager', displayName: '经理', role: 'manager', teamId: null, employeeNo: null, disabled: false, skills: [] };
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: manager, expired: false }];
      if (path === '/api/v1/metrics')
        return [200, [{ id: 'averageHandleTime', zh: '平均处理时长', en: 'Average handle time', unit: 'seconds', better: 'lower', dataSource: { from: 'x', available: true } }]];
      if (path.startsWith('/api/v1/reports/ranking'))
        return [
          200,
          {
            rows: [{ key: 'a1', label: '8001 张伟', value: 274, rank: 1, band: 'top' }],
            serviceLevel: { variant: 'abandon_met', excludeShortAbandons: false, zh: '服务水平口径：(阈值内接听 + 阈值内放弃) / 呼入', en: 'x' },
          },
        ];
      return [200, []];
    });
    render(
      <AuthProvider>
        <RankingReport today={dayjs('2026-02-10')} />
      </AuthProvider>,
    );
    expect(await screen.findByText('8001 张伟')).toBeTruthy();
    expect(screen.getByText('服务水平口径：(阈值内接听 + 阈值内放弃) / 呼入')).toBeTruthy();
  });
});
