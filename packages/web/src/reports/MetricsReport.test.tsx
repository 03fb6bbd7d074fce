// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { MetricsReport } from './MetricsReport';

// jsdom has no canvas; the chart itself is ECharts' business, the figures are ours.
vi.mock('../charts/EChart', () => ({ EChart: () => null }));

const hasData = { from: 'call detail records', available: true };
const metrics = [
  { id: 'totalCalls', zh: '总呼叫数', en: 'Total calls', unit: 'count', better: null, dataSource: hasData },
  { id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher', dataSource: hasData },
  { id: 'averageSpeedOfAnswer', zh: '平均应答速度', en: 'ASA', unit: 'seconds', better: 'lower', dataSource: hasData },
];
const serviceLevel = { variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入', en: 'Service level: answered within threshold / offered' };

/** The page as the console shows it: inside the logged-in user's session (the test's fake API answers who that is). */
const renderReport = () =>
  render(
    <AuthProvider>
      <MetricsReport today={dayjs('2026-01-05')} timeZone="Asia/Shanghai" />
    </AuthProvider>,
  );

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
            serviceLevel,
            direction: null,
          },
        ];
      }
      return [200, []];
    });
    renderReport();
    const first = (await screen.findByText('2026-01-05 09:00')).closest('tr')!;
    expect(within(first).getByText('50.0%')).toBeTruthy();
    expect(within(first).getByText('12秒')).toBeTruthy();
    const empty = screen.getByText('2026-01-05 09:30').closest('tr')!;
    expect(within(empty).getAllByText('无数据').length).toBeGreaterThan(0);
    expect(screen.getByText('合计')).toBeTruthy();
    expect(asked.some((p) => p.includes('from=2026-01-05') && p.includes('by=interval') && p.includes('interval=30'))).toBe(true);
    const exportLink = screen.getByText('导出 Excel').closest('a')!;
    expect(exportLink.getAttribute('href')).toContain('format=xlsx');
    // The export is written in the language the user reads the page in.
    expect(exportLink.getAttribute('href')).toContain('lang=zh-CN');
  });

  it('opens a row on exactly the calls the server counts in it, the row named by dimension, key and interval length', async () => {
    const asked: string[] = [];
    const call = (callId: string, startedAt: string, outcome: string) => ({
      callId,
      direction: 'inbound',
      startedAt,
      endedAt: startedAt,
      queueId: 'q1',
      agentId: null,
      teamId: null,
      outcome,
      vipLevel: 0,
      from: '13800138000',
      record: { queueMs: 12_000, ringMs: 0, talkMs: 0 },
    });
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/metrics') return [200, metrics];
      if (path.startsWith('/api/v1/reports/metrics')) {
        const row = (key: string, offered: number) => ({
          key,
          tally: { offered, afterHours: 0 },
          metrics: { totalCalls: offered, serviceLevel: null, averageSpeedOfAnswer: null },
        });
        return [200, { rows: [row('2026-01-05 21:30', 2)], total: row('total', 2), serviceLevel, direction: null }];
      }
      if (path.startsWith('/api/v1/reports/calls')) return [200, [call('c2', '2026-01-05T13:59:59Z', 'abandoned'), call('c1', '2026-01-05T13:30:00Z', 'answered')]];
      return [200, []];
    });
    renderReport();
    fireEvent.click(await screen.findByText('2026-01-05 21:30'));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('明细：2026-01-05 21:30（2 通）')).toBeTruthy();
    // Both calls the server gave, none dropped or added by the page.
    expect(within(dialog).getAllByText(/^01-05 2[12]:/)).toHaveLength(2);
    const drill = new URL(asked.find((p) => p.startsWith('/api/v1/reports/calls'))!, 'http://x').searchParams;
    expect(Object.fromEntries(drill)).toMatchObject({ from: '2026-01-05', to: '2026-01-05', by: 'interval', key: '2026-01-05 21:30', interval: '30' });
    // Waits read as the reports' durations do, not as bare seconds.
    expect(within(dialog).getAllByText('12秒')).toHaveLength(2);
    // The export is of the same calls, in the page's language.
    const exported = new URL(within(dialog).getByText('导出 Excel').closest('a')!.getAttribute('href')!, 'http://x');
    expect(exported.pathname).toBe('/api/v1/reports/calls');
    expect(Object.fromEntries(exported.searchParams)).toMatchObject({ ...Object.fromEntries(drill), format: 'xlsx', lang: 'zh-CN' });
  });

  it('names the row of calls nobody answered 未分配 and lists its calls by the empty key', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/metrics') return [200, metrics];
      if (path.startsWith('/api/v1/reports/metrics')) {
        const row = (key: string, offered: number) => ({
          key,
          tally: { offered, afterHours: 0 },
          metrics: { totalCalls: offered, serviceLevel: null, averageSpeedOfAnswer: null },
        });
        return [200, { rows: [row('s1', 1), row('', 2)], total: row('total', 3), serviceLevel, direction: null }];
      }
      return [200, []];
    });
    renderReport();
    fireEvent.mouseDown(screen.getAllByRole('combobox')[0]!);
    fireEvent.click(await screen.findByTitle('场地'));
    fireEvent.click(await screen.findByText('未分配'));
    await screen.findByText('明细：未分配（2 通）');
    const drill = new URL(asked.find((p) => p.startsWith('/api/v1/reports/calls'))!, 'http://x').searchParams;
    expect([drill.get('by'), drill.get('key')]).toEqual(['site', '']);
  });

  it("asks an agent's server only what an agent may see: no list of users, no 403", async () => {
    const agent = { id: 'a1', username: '8001', displayName: '张伟', role: 'agent', teamId: 't1', employeeNo: '8001', disabled: false, skills: [] };
    const refused: string[] = [];
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: agent, expired: false }];
      if (path.startsWith('/api/v1/users')) {
        refused.push(path);
        return [403, { error: { code: 'forbidden', message: 'the agent role may not call GET /api/v1/users' } }];
      }
      if (path === '/api/v1/metrics') return [200, metrics];
      if (path.startsWith('/api/v1/reports/metrics')) {
        const row = (key: string) => ({ key, tally: { offered: 1, afterHours: 0 }, metrics: { totalCalls: 1, serviceLevel: null, averageSpeedOfAnswer: null } });
        return [200, { rows: [row('a1')], total: row('total'), serviceLevel, direction: null }];
      }
      return [200, []];
    });
    renderReport();
    fireEvent.mouseDown(screen.getAllByRole('combobox')[0]!);
    fireEvent.click(await screen.findByTitle('座席'));
    // The own row is named from the session, without asking for the list of users.
    expect(await screen.findByText('8001 张伟')).toBeTruthy();
    expect(refused).toEqual([]);
  });

  it('names the service-level variant, filters by direction, and says 暂无数据来源 for an indicator without a source', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/metrics')
        return [
          200,
          [...metrics, { id: 'attendanceRate', zh: '出勤率', en: 'Attendance rate', unit: 'ratio', better: 'higher', dataSource: { from: 'schedules', available: false } }],
        ];
      if (path.startsWith('/api/v1/reports/metrics')) {
        const row = (key: string) => ({ key, tally: { offered: 1, afterHours: 1 }, metrics: { totalCalls: 2, serviceLevel: 1, averageSpeedOfAnswer: 3, attendanceRate: null } });
        return [200, { rows: [row('2026-01-05 09:00')], total: row('total'), serviceLevel: { ...serviceLevel, zh: '服务水平口径：阈值内接听 / (接听 + 放弃)' }, direction: null }];
      }
      return [200, []];
    });
    renderReport();
    expect(await screen.findByText('服务水平口径：阈值内接听 / (接听 + 放弃)')).toBeTruthy();
    expect(await screen.findByText('暂无数据来源：出勤率（Excel 中同样注明）')).toBeTruthy();
    fireEvent.mouseDown(within(screen.getByTestId('direction')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('外呼'));
    await vi.waitFor(() => expect(asked.some((p) => p.startsWith('/api/v1/reports/metrics') && p.includes('direction=outbound'))).toBe(true));
    // The drill-down counts the after-hours call too, and lists the calls of the direction the page shows.
    fireEvent.click(await screen.findByText('2026-01-05 09:00'));
    expect(await screen.findByText('明细：2026-01-05 09:00（2 通）')).toBeTruthy();
    expect(new URL(asked.find((p) => p.startsWith('/api/v1/reports/calls'))!, 'http://x').searchParams.get('direction')).toBe('outbound');
  });
});
