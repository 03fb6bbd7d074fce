// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { Roster } from '@banzu/contract';
import { i18next } from '../i18n/index';
import { fakeApi } from '../testing/dom';
import { ShortList, WfmPage } from './WfmPage';

const user = { id: 'l1', role: 'team_leader', displayName: '组长' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));
// ECharts needs a canvas jsdom lacks; the curve's data is the roster's coverage, checked on the server.
vi.mock('../charts/EChart', () => ({ EChart: () => null }));

const roster: Roster = {
  teamId: 't1',
  month: '2026-02',
  timeZone: 'Asia/Shanghai',
  status: 'draft',
  publishedAt: null,
  shiftTemplates: [{ name: '早班', start: '08:30', end: '17:30' }],
  short: [{ start: '2026-02-02T09:00', required: 3, scheduled: 2, reason: 'headcount' }],
  coverage: [{ start: '2026-02-02T09:00', required: 3, scheduled: 2, serviceLevel: 0.41 }],
  overtime: [{ id: 'o1', userId: 'u2', date: '2026-02-01', start: '2026-02-01T09:00', end: '2026-02-01T12:00', compensation: 'time_off' }],
  leave: [{ userId: 'u2', date: '2026-02-02', kind: 'annual' }],
  days: [
    { date: '2026-02-01', kind: 'restday' },
    { date: '2026-02-02', kind: 'workday' },
    { date: '2026-02-03', kind: 'holiday' },
  ],
  agents: [
    { userId: 'u1', employeeNo: '8001', name: '王芳' },
    { userId: 'u2', employeeNo: '8002', name: '李娜' },
  ],
  shifts: [
    {
      userId: 'u1',
      date: '2026-02-02',
      shift: '早班',
      start: '2026-02-02T08:30',
      end: '2026-02-02T17:30',
      breaks: [{ name: '午休', start: '2026-02-02T12:00', end: '2026-02-02T13:00' }],
    },
  ],
};

describe('排班 page', () => {
  it('the leader generates the month from the chosen queues, sees who works when and what is short, and publishes', async () => {
    const posted: { path: string; body: unknown }[] = [];
    let current: Roster | null = null;
    fakeApi((method, path, body) => {
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (path === '/api/v1/queues') return [200, [{ id: 'q1', name: '售前咨询' }]];
      if (method === 'POST') {
        posted.push({ path, body });
        current = path.endsWith('/publish') ? { ...roster, status: 'published' } : roster;
        return [200, current];
      }
      if (path === '/api/v1/wfm/rosters/t1/2026-02') return current ? [200, current] : [404, { error: { code: 'not_found', message: '班组 2026-02 的班表还没有生成' } }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <WfmPage initialMonth="2026-02" />
      </App>,
    );
    await screen.findByText('本月班表还没有生成');
    fireEvent.mouseDown(screen.getByLabelText('话务队列'));
    fireEvent.click(await screen.findByText('售前咨询'));
    fireEvent.click(screen.getByText('生成班表'));
    await screen.findByText('王芳');
    expect(posted[0]).toEqual({ path: '/api/v1/wfm/rosters', body: { teamId: 't1', month: '2026-02', queueIds: ['q1'], share: 1, patienceFromHistory: true } });
    expect(screen.getByText('早班')).toBeTruthy();
    // 李娜 is off the 1st and 3rd (on leave the 2nd), 王芳 off the 1st and 3rd.
    // 李娜's annual leave on the 2nd shows as such.
    expect(screen.getAllByText('休')).toHaveLength(4);
    expect(screen.getByText('年假')).toBeTruthy();
    // The holiday's column says so under its date.
    expect(document.querySelector('.wfm-day-holiday')?.textContent).toBe('3节');
    expect(screen.getByText('1 个时段人手不足')).toBeTruthy();
    expect(screen.getByText('2026-02-02 09:00 缺 1 人（需 3 人，排 2 人）：当天可上班的人数不够')).toBeTruthy();
    // The lunch is in the shift's tooltip; 李娜's approved overtime on the 1st is marked.
    expect(screen.getByText('早班').getAttribute('title')).toBe('08:30-17:30 · 休息 午休 12:00-13:00');
    expect(screen.getByText('加班')).toBeTruthy();
    expect(screen.getByText('草稿（座席尚不可见）')).toBeTruthy();
    fireEvent.click(screen.getByText('发 布'));
    await waitFor(() => expect(screen.getByText('已发布')).toBeTruthy());
    expect(posted[1]!.path).toBe('/api/v1/wfm/rosters/t1/2026-02/publish');
  });

  it("the leader forecasts the month from the queue's history: method, backtest, the requirement's peak; and overrides an interval by hand", async () => {
    const calls: { method: string; path: string; body: unknown }[] = [];
    const interval = (start: string, n: number, scheduled: number, overridden = false) => ({
      start,
      calls: n,
      aht: 180,
      agents: scheduled - 1,
      scheduled,
      serviceLevel: 0.8,
      ...(overridden ? { overridden: true } : {}),
    });
    fakeApi((method, path, body) => {
      calls.push({ method, path, body });
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (path === '/api/v1/queues') return [200, [{ id: 'q1', name: '售前咨询' }]];
      if (path.startsWith('/api/v1/wfm/forecast?queueId=q1'))
        return [
          200,
          {
            queueId: 'q1',
            timeZone: 'Asia/Shanghai',
            intervalMinutes: 30,
            method: 'profile',
            backtest: { wape: 0.0712, mase: 0.81 },
            intervals: [
              interval('2026-02-02T09:00', 24, 9),
              interval(
                '2026-02-02T09:30',
                14,
                6,
                calls.some((c) => c.method === 'PUT'),
              ),
            ],
          },
        ];
      if (path === '/api/v1/wfm/forecast/overrides') return [200, body];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <WfmPage initialMonth="2026-02" />
      </App>,
    );
    fireEvent.mouseDown(await screen.findByLabelText('话务队列'));
    fireEvent.click(await screen.findByText('售前咨询'));
    fireEvent.click(screen.getByText('预测需求'));
    expect(await screen.findByText('售前咨询：预测方法 星期×时段中位数，回测 WAPE 7.1%，MASE 0.81')).toBeTruthy();
    expect(screen.getByText('2026-02 共需 15 个座席·时段，峰值 9 人（2026-02-02 09:00）')).toBeTruthy();
    fireEvent.mouseDown(screen.getByLabelText('时段'));
    fireEvent.click(await screen.findByText('2026-02-02 09:30'));
    fireEvent.change(screen.getByLabelText('预测来电'), { target: { value: '40' } });
    fireEvent.click(screen.getByText('调 整'));
    expect(await screen.findByText('已手工调整 1 个时段（* 标记）')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ queueId: 'q1', start: '2026-02-02T09:30', intervalMinutes: 30, calls: 40 });
  });

  it('an agent sees their own published shifts with lunch and overtime, a night shift ending the next day marked, and what changed until read', async () => {
    user.role = 'agent';
    let read = false;
    fakeApi((_method, path) => {
      if (path === '/api/v1/wfm/my-schedule?month=2026-02')
        return [
          200,
          {
            month: '2026-02',
            timeZone: 'Asia/Shanghai',
            shifts: [
              {
                date: '2026-02-02',
                shift: '早班',
                start: '2026-02-02T08:30',
                end: '2026-02-02T17:30',
                breaks: [{ name: '午休', start: '2026-02-02T12:00', end: '2026-02-02T13:00' }],
              },
              { date: '2026-02-04', shift: '夜班', start: '2026-02-04T22:00', end: '2026-02-05T08:00', breaks: [] },
            ],
            overtime: [{ id: 'o1', date: '2026-02-07', start: '2026-02-07T09:00', end: '2026-02-07T13:00', compensation: 'pay' }],
            changes: read ? [] : [{ id: 1, date: '2026-02-03', before: '早班', after: null, cause: 'leave', note: '病假', at: '2026-01-20T01:00:00.000Z', read: false }],
          },
        ];
      if (path === '/api/v1/wfm/my-schedule/read') {
        read = true;
        return [204, null];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <WfmPage initialMonth="2026-02" />
      </App>,
    );
    await screen.findByText('我的班表');
    expect(await screen.findByText('2026-02-02 一')).toBeTruthy();
    expect(screen.getByText('08:30-17:30')).toBeTruthy();
    expect(screen.getByText('22:00-08:00 (+1)')).toBeTruthy();
    expect(screen.getByText('午休 12:00-13:00')).toBeTruthy();
    expect(screen.getByText('加班（加班费）')).toBeTruthy();
    expect(screen.getByText('2026-02-03：早班 → 休（请假：病假）')).toBeTruthy();
    fireEvent.click(screen.getByText('知道了'));
    await waitFor(() => expect(screen.queryByText('班表有变动')).toBeNull());
    user.role = 'team_leader';
  });

  it("the leader's grid marks the days an agent cannot work (every Monday after 18:00), as generation keeps them free", async () => {
    user.role = 'team_leader';
    fakeApi((_method, path) => {
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (path === '/api/v1/queues') return [200, []];
      if (path === '/api/v1/wfm/rosters/t1/2026-02') return [200, roster];
      if (path === '/api/v1/wfm/availability?team=t1&month=2026-02') {
        const monday = {
          id: 'w1',
          agentId: 'u2',
          agentName: '李娜',
          teamId: 't1',
          weekday: 1,
          date: null,
          start: '18:00',
          end: '24:00',
          note: '上课',
          createdAt: '',
          createdBy: 'u2',
        };
        return [200, { items: [monday] }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <WfmPage initialMonth="2026-02" />
      </App>,
    );
    const row = (await screen.findAllByText('李娜')).find((e) => e.closest('tr.ant-table-row'))!.closest('tr')!;
    // 2 February 2026 is a Monday: the mark tells when.
    const mark = await within(row).findByText('不可');
    expect(mark.getAttribute('title')).toBe('不可上班时间: 每周周一 18:00-24:00');
    expect(within(screen.getByText('王芳').closest('tr')!).queryByText('不可')).toBeNull();
    // Changing that day, the leader is reminded of it.
    fireEvent.click(mark);
    expect(await screen.findByText('不可上班时间: 每周周一 18:00-24:00', { selector: '.ant-alert-title, .ant-alert-message' })).toBeTruthy();
  });
});

describe("the grid's short list", () => {
  // 09:00: four agents on shift for four required, but only one of them speaks 粤语 where its queue needs two.
  const short: Roster['short'] = [
    { start: '2026-02-02T09:00', required: 2, scheduled: 1, reason: 'skill', queues: [{ id: 'q-yue', name: '粤语热线' }] },
    { start: '2026-02-02T09:30', required: 5, scheduled: 3, reason: 'headcount' },
    {
      start: '2026-02-02T09:30',
      required: 3,
      scheduled: 1,
      reason: 'skill',
      queues: [
        { id: 'q-en', name: '英语热线' },
        { id: 'q-yue', name: '粤语热线' },
      ],
    },
  ];
  const lines = () => screen.getAllByRole('listitem').map((li) => li.textContent);

  it('names the queue short of its skilled agents and how many are missing, beside the team short in total', () => {
    render(<ShortList short={short} />);
    expect(screen.getByText('2 个时段人手不足')).toBeTruthy();
    expect(lines()).toEqual([
      '2026-02-02 09:00 粤语热线 缺 1 人（需 2 人，在岗有此技能的 1 人）',
      '2026-02-02 09:30 缺 2 人（需 5 人，排 3 人）：当天可上班的人数不够',
      '2026-02-02 09:30 英语热线、粤语热线 缺 2 人（需 3 人，在岗有此技能的 1 人）',
    ]);
  });

  it('says so in English, and shows the earliest ten with how many more', async () => {
    await i18next.changeLanguage('en');
    try {
      const many = Array.from({ length: 12 }, (_, i) => ({ ...short[0]!, start: `2026-02-${String(i + 2).padStart(2, '0')}T09:00` }));
      render(<ShortList short={many} />);
      expect(screen.getByText('12 intervals short')).toBeTruthy();
      expect(lines()).toHaveLength(11);
      expect(lines()[0]).toBe('2026-02-02 09:00 粤语热线 short by 1 (2 needed, 1 with the skills on shift)');
      expect(lines()[10]).toBe('and 2 more');
    } finally {
      await i18next.changeLanguage('zh-CN');
    }
  });

  it('is not there when nothing is short', () => {
    const { container } = render(<ShortList short={[]} />);
    expect(container.textContent).toBe('');
  });
});
