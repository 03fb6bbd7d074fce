// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CampaignsPage } from './CampaignsPage';

vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'l1', role: 'team_leader', displayName: '组长' } }) }));

describe('the campaigns page', () => {
  it('lists campaigns with their customers by state, starts a paused one, and shows each agent’s quota progress with the Excel export', async () => {
    const asked: [string, string, unknown][] = [];
    let status = 'paused';
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/campaigns' && method === 'GET')
        return [200, [{ id: 'c1', name: '春季促销回访', status, teamId: 't1', counts: { open: 280, callback: 5, done: 15, exhausted: 0, dnc: 0 } }]];
      if (path === '/api/v1/campaigns/c1/status') {
        status = 'running';
        return [200, {}];
      }
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '电话营销组' }]];
      if (path.startsWith('/api/v1/campaigns/reports/team')) {
        return [
          200,
          {
            rows: [
              {
                agentId: 'a1',
                employeeNo: '8040',
                name: '王伟',
                metrics: { dials: 41, refusalRate: 0.25, outboundWorkTime: 365 },
                quota: { target: 50, done: 32, met: false },
                working: null,
              },
            ],
          },
        ];
      }
      if (path.startsWith('/api/v1/campaigns/reports/agents'))
        return [
          200,
          {
            rows: [],
            total: {},
            metrics: [
              { id: 'refusalRate', zh: '拒绝率', en: 'Refusal rate', unit: 'ratio' },
              { id: 'outboundWorkTime', zh: '外呼工作时长', en: 'Outbound work time', unit: 'seconds' },
            ],
          },
        ];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <CampaignsPage />
      </App>,
    );
    const row = (await screen.findByText('春季促销回访')).closest('tr')!;
    expect(within(row).getByText('280')).toBeTruthy();
    expect(within(row).getByText('已暂停')).toBeTruthy();
    fireEvent.click(within(row).getByText('开 始'));
    await waitFor(() => expect(asked.some(([m, p, b]) => m === 'POST' && p === '/api/v1/campaigns/c1/status' && (b as { status: string }).status === 'running')).toBe(true));
    expect(await within((await screen.findByText('春季促销回访')).closest('tr')!).findByText('进行中')).toBeTruthy();

    fireEvent.click(screen.getByText('班组进度'));
    expect(await screen.findByText('32 / 50 有效通话')).toBeTruthy();
    expect(screen.getByText('25.0%')).toBeTruthy();
    // A duration reads as on every page, not in whole minutes.
    expect(screen.getByText('6分05秒')).toBeTruthy();
    const link = screen.getAllByText('导出 Excel')[0]!.closest('a')!;
    expect(link.getAttribute('href')).toContain('/api/v1/campaigns/reports/team?date=');
    expect(link.getAttribute('href')).toContain('format=xlsx');
    expect(link.getAttribute('href')).toContain('lang=zh-CN');
  });
});
