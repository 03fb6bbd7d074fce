// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { Briefing, Debrief, Profile } from '@banzu/contract';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { BriefingsPage } from './BriefingsPage';
import { agenda, fresh, published } from './fixtures';

const leader: Profile = { id: 'l1', username: 'leader1', displayName: '一组组长', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };

const debrief: Debrief = {
  teamId: 't1',
  date: '2026-01-06',
  problems: [
    {
      ...agenda.carriedOver[0]!,
      id: 'p2',
      date: '2026-01-06',
      text: '新套餐的退订规则不清楚',
      status: 'open',
      decidedBy: null,
      decidedAt: null,
      decidedDate: null,
    },
  ],
  carriedOver: agenda.carriedOver.filter((p) => p.status !== 'solved'),
};

function page() {
  return render(
    <App>
      <AuthProvider>
        <BriefingsPage />
      </AuthProvider>
    </App>,
  );
}

/** A button by its text: role queries walk antd's whole tree, too slow on a loaded machine. */
const button = (text: string | RegExp) => screen.getByText(text).closest('button') as HTMLElement;
/** Waits for a text as long as a loaded machine takes to render the page. */
const appears = (text: string) => screen.findByText(text, {}, { timeout: 15_000 });

/** The row of a table or list that holds a text. */
const rowOf = (text: string) => screen.getByText(text).closest('tr, li') as HTMLElement;

describe('the leader’s 班前会/班后会 page', () => {
  it('shows the prepared agenda, publishes the goal and points, and marks attendance', async () => {
    let current: Briefing = fresh;
    const posted: unknown[] = [];
    const loads: string[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/auth/session') return [200, { user: leader, expired: false }];
      if (method === 'GET' && path.startsWith('/api/v1/briefings')) {
        loads.push(path);
        return [200, current];
      }
      if (method === 'GET' && path.startsWith('/api/v1/debriefs')) return [200, debrief];
      posted.push([path, body]);
      if (path === '/api/v1/briefings') current = { ...published, roll: published.roll.map((r) => ({ ...r })) };
      if (path === '/api/v1/briefings/b1/attendance')
        current = { ...current, roll: current.roll.map((r) => (r.agentId === 'a1' ? { ...r, attendedAt: '2026-01-06T00:45:00.000Z' } : r)) };
      return [200, current];
    });
    page();
    // Yesterday's figures against target, as the server computed them.
    await appears('平均处理时长');
    expect(within(rowOf('平均处理时长')).getByText('6:00')).toBeTruthy();
    expect(within(rowOf('平均处理时长')).getByText('5:00')).toBeTruthy();
    expect(within(rowOf('平均处理时长')).getByText('未达标')).toBeTruthy();
    expect(within(rowOf('服务水平')).getByText('85.0%')).toBeTruthy();
    expect(within(rowOf('服务水平')).getByText('达标')).toBeTruthy();
    expect(screen.getByText('服务水平口径：(阈值内接听 + 阈值内放弃) / 呼入')).toBeTruthy();
    expect(screen.getByText('泄露客户信息')).toBeTruthy();
    expect(screen.getByText('春节值班安排')).toBeTruthy();
    expect(screen.getByText('王芳（早班 08:30-17:30）')).toBeTruthy();
    expect(screen.getByText('刘洋（病假）')).toBeTruthy();
    expect(screen.getByText('耳机音量不足')).toBeTruthy();
    // An answer found after its debrief is passed on with the problem.
    expect(within(rowOf('积分兑换规则')).getByText('答复：积分按月清零')).toBeTruthy();
    expect(screen.getByText('未保存')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('今日目标'), { target: { value: '工单错误量控制在0!' } });
    fireEvent.change(screen.getByLabelText('组长传达事项'), { target: { value: '春节值班报名截止周三\n\n' } });
    // Today's briefing is loaded once: nothing reloads it under the leader's typing.
    expect(loads).toEqual(['/api/v1/briefings']);
    expect((screen.getByLabelText('日期') as HTMLInputElement).value).toBe('2026-01-06');
    fireEvent.click(button(/^发\s?布$/));
    fireEvent.click((await appears('确认发布')).closest('button')!);
    await appears('已发布');
    expect(posted[0]).toEqual(['/api/v1/briefings', { team: 't1', date: '2026-01-06', goal: '工单错误量控制在0!', items: ['春节值班报名截止周三'], publish: true }]);
    // Published: the goal is fixed, the roll shows who confirmed.
    expect((screen.getByLabelText('今日目标') as HTMLInputElement).disabled).toBe(true);
    expect(within(rowOf('李娜')).getByText('01-06 08:51')).toBeTruthy();
    expect(within(rowOf('王芳')).getByText('未确认')).toBeTruthy();

    fireEvent.click(screen.getByLabelText('出席 王芳'));
    await waitFor(() => expect(within(rowOf('王芳')).getByText('01-06 08:45')).toBeTruthy());
    expect(posted[1]).toEqual(['/api/v1/briefings/b1/attendance', { agentId: 'a1', attended: true }]);
  });

  it('shows the server’s refusal and keeps the briefing unsaved', async () => {
    fakeApi((method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: leader, expired: false }];
      if (method === 'GET' && path.startsWith('/api/v1/briefings')) return [200, fresh];
      if (method === 'GET') return [200, debrief];
      return [409, { error: { code: 'conflict', message: '2026-01-06 的班前会已经发布，不能再修改' } }];
    });
    page();
    await appears('保存草稿');
    fireEvent.click(button('保存草稿'));
    expect(await appears('2026-01-06 的班前会已经发布，不能再修改')).toBeTruthy();
    expect(screen.getByText('未保存')).toBeTruthy();
  });

  it('answers the debrief’s problems: solved with the answer, or not solved to carry over', async () => {
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/auth/session') return [200, { user: leader, expired: false }];
      if (method === 'GET' && path.startsWith('/api/v1/briefings')) return [200, fresh];
      if (method === 'GET') return [200, debrief];
      posted.push([path, body]);
      return [200, debrief.problems[0]];
    });
    page();
    fireEvent.click(await appears('班后会'));
    const problem = await appears('新套餐的退订规则不清楚');
    const item = problem.closest('li') as HTMLElement;
    fireEvent.change(within(item).getByLabelText('答复 新套餐的退订规则不清楚'), { target: { value: '退订须在账期结束前三天' } });
    fireEvent.click(within(item).getByText('已解决').closest('button')!);
    await waitFor(() => expect(posted).toHaveLength(1));
    fireEvent.click(within(item).getByText('解决不了').closest('button')!);
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted).toEqual([
      ['/api/v1/debriefs/problems/p2/decision', { solved: true, answer: '退订须在账期结束前三天' }],
      ['/api/v1/debriefs/problems/p2/decision', { solved: false, answer: '退订须在账期结束前三天' }],
    ]);
    // The carried-over problem is listed beside, already marked not solved.
    expect(screen.getAllByText('未解决，转入次日班前会').length).toBeGreaterThan(0);
    fireEvent.change(screen.getByLabelText('提出问题'), { target: { value: '系统登录慢' } });
    fireEvent.click(button('提出问题'));
    await waitFor(() => expect(posted).toHaveLength(3));
    expect(posted[2]).toEqual(['/api/v1/debriefs/problems', { team: 't1', date: '2026-01-06', text: '系统登录慢' }]);
  });
});
