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

  it('lets a leader add any indicator as a column by group, remembers the choice per user, and exports the columns in the page’s order', async () => {
    localStorage.clear();
    const leader = { id: 'tl1', username: 'tl1', displayName: '王组长', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };
    const more = [
      { id: 'answered', zh: '接听量', en: 'Answered calls', unit: 'count', better: 'higher', dataSource: hasData },
      { id: 'queuePlacementRate', zh: '队列放置率', en: 'Queue placement rate', unit: 'ratio', better: 'lower', dataSource: hasData },
      { id: 'averageHandleTime', zh: '平均处理时长', en: 'AHT', unit: 'seconds', better: 'lower', dataSource: hasData },
      { id: 'attendanceRate', zh: '出勤率', en: 'Attendance rate', unit: 'ratio', better: 'higher', dataSource: hasData },
    ];
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: leader, expired: false }];
      if (path === '/api/v1/metrics') return [200, [...metrics, ...more]];
      if (path.startsWith('/api/v1/reports/metrics')) {
        const row = (key: string) => ({
          key,
          tally: { offered: 4, afterHours: 0 },
          metrics: { totalCalls: 4, answered: 3, serviceLevel: 0.75, averageSpeedOfAnswer: 6, queuePlacementRate: 0.25, averageHandleTime: 90, attendanceRate: 0.9 },
          missingInputs: [],
        });
        return [200, { rows: [row('2026-01-05 09:00')], total: row('total'), serviceLevel, direction: null }];
      }
      return [200, []];
    });
    const headers = () => [...document.querySelectorAll('.ant-table-thead th')].map((th) => th.textContent).filter(Boolean);
    const view = renderReport();
    await screen.findByText('2026-01-05 09:00');
    await vi.waitFor(() => expect(headers()).toContain('平均处理时长'));
    expect(headers()).not.toContain('队列放置率');
    fireEvent.click(screen.getByRole('button', { name: /指标列（11\/30）/ }));
    const chooser = await screen.findByTestId('column-chooser');
    // 队列放置率 is among the service-level figures, 出勤率 among the people's.
    fireEvent.click(within(within(chooser).getByRole('group', { name: '服务水平' })).getByLabelText('队列放置率'));
    fireEvent.click(within(within(chooser).getByRole('group', { name: '人员' })).getByLabelText('出勤率'));
    await vi.waitFor(() => expect(headers()).toContain('出勤率'));
    const shown = headers();
    // The page's order: service-level figures before efficiency, people last.
    expect(shown.indexOf('队列放置率')).toBeLessThan(shown.indexOf('平均处理时长'));
    expect(shown[shown.length - 1]).toBe('出勤率');
    const row = screen.getByText('2026-01-05 09:00').closest('tr')!;
    expect(within(row).getByText('25.0%')).toBeTruthy();
    expect(within(row).getByText('90.0%')).toBeTruthy();
    // The Excel asks for exactly the page's columns, in its order.
    const href = new URL(screen.getByText('导出 Excel').closest('a')!.getAttribute('href')!, 'http://x');
    const exported = href.searchParams.get('columns')!.split(',');
    expect(exported).toHaveLength(13);
    expect(exported.slice(0, 3)).toEqual(['totalCalls', 'answered', 'abandoned']);
    expect(exported.indexOf('queuePlacementRate')).toBeLessThan(exported.indexOf('averageHandleTime'));
    expect(exported[exported.length - 1]).toBe('attendanceRate');
    // The same user finds the choice again next time.
    view.unmount();
    renderReport();
    await screen.findByText('2026-01-05 09:00');
    await vi.waitFor(() => expect(headers()).toContain('队列放置率'));
    expect(screen.getByRole('button', { name: /指标列（13\/30）/ })).toBeTruthy();
  });

  it('says why a figure is missing instead of an empty cell: 未设置成本 pointing to 中心设置, 无已发布排班 for attendance', async () => {
    localStorage.clear();
    const leader = { id: 'tl2', username: 'tl2', displayName: '王组长', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };
    localStorage.setItem('banzu.reportColumns.tl2', JSON.stringify(['totalCalls', 'costPerCall', 'attendanceRate']));
    const missing = (zh: string, en: string, hint: string) => ({ ...hasData, missing: { zh, en, hint: { zh: hint, en: hint }, when: '' } });
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: leader, expired: false }];
      if (path === '/api/v1/metrics')
        return [
          200,
          [
            ...metrics,
            {
              id: 'costPerCall',
              zh: '平均单呼成本',
              en: 'Cost per call',
              unit: 'money',
              better: 'lower',
              dataSource: missing('未设置成本', 'No cost set', '请在 系统管理 → 中心设置 中填写每座席小时成本'),
            },
            {
              id: 'attendanceRate',
              zh: '出勤率',
              en: 'Attendance rate',
              unit: 'ratio',
              better: 'higher',
              dataSource: missing('无已发布排班', 'No published roster', '在 排班 中发布该月排班'),
            },
          ],
        ];
      if (path.startsWith('/api/v1/reports/metrics')) {
        const row = (key: string, attendance: number | null) => ({
          key,
          tally: { offered: 4, afterHours: 0 },
          metrics: { totalCalls: 4, costPerCall: null, attendanceRate: attendance },
          missingInputs: attendance === null ? ['costPerCall', 'attendanceRate'] : ['costPerCall'],
        });
        return [200, { rows: [row('a1', null), row('a2', 0.95)], total: row('total', 0.95), serviceLevel, direction: null }];
      }
      return [200, []];
    });
    renderReport();
    const first = (await screen.findByText('a1')).closest('tr')!;
    const cost = await within(first).findByText('未设置成本');
    expect(within(first).getByText('无已发布排班')).toBeTruthy();
    const second = screen.getByText('a2').closest('tr')!;
    expect(within(second).getByText('95.0%')).toBeTruthy();
    expect(within(second).queryByText('无已发布排班')).toBeNull();
    fireEvent.mouseEnter(cost);
    expect(await screen.findByText('请在 系统管理 → 中心设置 中填写每座席小时成本')).toBeTruthy();
    const href = new URL(screen.getByText('导出 Excel').closest('a')!.getAttribute('href')!, 'http://x');
    expect(href.searchParams.get('columns')).toBe('totalCalls,costPerCall,attendanceRate');
  });
});
