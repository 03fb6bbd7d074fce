// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { TaskPanel, type QuotaDay, type Task } from './TaskPanel';

const progress = (done: number, campaigns = 1): QuotaDay => ({ date: '2026-01-05', campaigns, quota: { target: 50, done, remaining: 50 - done, met: false }, metrics: {} });
const task: Task = {
  campaign: {
    id: 'c1',
    name: '春季促销回访',
    script: '您好，我是班组示范中心的座席',
    dialingMode: 'preview',
    dispositions: [
      { code: 'interested', zh: '有意向', en: 'Interested', effect: 'final', connect: true },
      { code: 'callback', zh: '预约回访', en: 'Call back at a time', effect: 'callback', connect: true },
      { code: 'no_answer', zh: '无人接听', en: 'No answer', effect: 'retry', connect: false },
    ],
  },
  customer: { id: 'u1', name: '张三', classCode: 'prospect', className: { zh: '意向客户', en: 'Prospect' }, vipLevel: null, tags: ['春季促销'], notes: '', visits: [] },
  number: '138 0013 8000',
  attempts: 0,
  maxAttempts: 3,
  why: 'fresh',
  callId: null,
  dial: null,
  history: [],
};

/** Opens the result list and answers the options it offers. */
async function resultOptions(): Promise<string[]> {
  fireEvent.mouseDown((await screen.findByTestId('result')).querySelector('.ant-select-selector') ?? screen.getByTestId('result'));
  await screen.findAllByRole('option');
  return [...document.querySelectorAll('.ant-select-item-option-content')].map((o) => o.textContent ?? '');
}

describe('the agent’s outbound task panel', () => {
  it('stays out of the desktop of an agent on no running campaign', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      return [200, progress(0, 0)];
    });
    const { container } = render(
      <App>
        <TaskPanel inWrapUp={false} onACall={false} />
      </App>,
    );
    await waitFor(() => expect(asked).toContain('/api/v1/campaigns/my/progress'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.textContent).toBe('');
  });

  it('shows the quota as "32 / 50", the next customer with the script, dials, and asks a time for a callback before saving', async () => {
    const asked: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/campaigns/my/progress') return [200, progress(32)];
      if (path === '/api/v1/campaigns/tasks/next') return [200, { task, progress: progress(32) }];
      if (path === '/api/v1/campaigns/tasks/dial') return [200, { callId: 'out-1' }];
      if (path === '/api/v1/campaigns/tasks/result') return [200, { status: 'done', attempts: 1, nextAttemptAt: null, progress: progress(33) }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    const pending: boolean[] = [];
    render(
      <App>
        <TaskPanel inWrapUp={false} onACall={false} onResultPending={(p) => pending.push(p)} />
      </App>,
    );
    expect((await screen.findByTestId('quota')).textContent).toBe('32 / 50 有效通话');
    fireEvent.click(screen.getByText('下一个客户'));
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.getByText('您好，我是班组示范中心的座席')).toBeTruthy();
    expect(screen.getByText('第 1 次拨打（最多 3 次）')).toBeTruthy();
    expect(screen.getByText('意向客户')).toBeTruthy();
    fireEvent.click(screen.getByText('拨打'));
    await waitFor(() => expect(asked.some(([, p]) => p === '/api/v1/campaigns/tasks/dial')).toBe(true));
    expect(asked.find(([, p]) => p === '/api/v1/campaigns/tasks/dial')![2]).toEqual({ campaignId: 'c1', customerId: 'u1' });
    // From the dial on, this result is the call's wrap-up form: the desktop hides its generic one.
    await waitFor(() => expect(pending.at(-1)).toBe(true));

    fireEvent.mouseDown((await screen.findByTestId('result')).querySelector('.ant-select-selector') ?? screen.getByTestId('result'));
    fireEvent.click(await screen.findByText('预约回访', { selector: '.ant-select-item-option-content' }));
    expect(await screen.findByText('回访时间')).toBeTruthy();
    fireEvent.click(screen.getByText('保存结果'));
    expect(await screen.findByText('请选择回访时间')).toBeTruthy();
    expect(asked.some(([, p]) => p === '/api/v1/campaigns/tasks/result')).toBe(false);

    fireEvent.mouseDown(screen.getByTestId('result').querySelector('.ant-select-selector') ?? screen.getByTestId('result'));
    fireEvent.click(await screen.findByText('有意向', { selector: '.ant-select-item-option-content' }));
    await waitFor(() => expect(screen.queryByText('回访时间')).toBeNull());
    fireEvent.click(screen.getByText('保存结果'));
    await waitFor(() => expect(screen.getByTestId('quota').textContent).toBe('33 / 50 有效通话'));
    expect(asked.find(([, p]) => p === '/api/v1/campaigns/tasks/result')![2]).toEqual({ campaignId: 'c1', customerId: 'u1', code: 'interested', finish: false });
    expect(pending.at(-1)).toBe(false);
  });

  it('shows the customer’s earlier dials and visits with Chinese results and intentions at the center’s time', async () => {
    const known: Task = {
      ...task,
      customer: { ...task.customer, visits: [{ visitedAt: '2026-01-02T17:30:00Z', opinion: '需要和家人商量', intention: 'medium', nextStep: '' }] },
      history: [{ startedAt: '2026-01-04T02:05:00Z', result: 'no_answer', note: '', talkSeconds: 0, agentName: '王芳' }],
    };
    fakeApi((_method, path) => {
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/campaigns/my/progress') return [200, progress(3)];
      if (path === '/api/v1/campaigns/tasks/next') return [200, { task: known, progress: progress(3) }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <TaskPanel inWrapUp={false} onACall={false} />
      </App>,
    );
    fireEvent.click(await screen.findByText('下一个客户'));
    // 02:05 UTC is 10:05 in Shanghai; a visit at 17:30 UTC on the 2nd was on the 3rd there.
    expect(await screen.findByText(/2026-01-04 10:05 · 王芳 · 无人接听/)).toBeTruthy();
    expect(screen.getByText(/2026-01-03 · 中 · 需要和家人商量/)).toBeTruthy();
  });

  it('opens a dial whose result is due (a person taking over the twin’s call) with its result form, not 拨打 and 跳过, and goes on after saving', async () => {
    const asked: [string, string, unknown][] = [];
    let due = true;
    const pending = { ...task, why: 'current' as const, callId: 'out-9', dial: { callId: 'out-9', connected: true, ended: true, lineResult: null, proposed: null } };
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/campaigns/my/progress') return [200, { ...progress(3), resultDue: due }];
      if (path === '/api/v1/campaigns/tasks/next')
        return [200, { task: due ? pending : { ...task, customer: { ...task.customer, id: 'u2', name: '李四' } }, progress: progress(3) }];
      if (path === '/api/v1/campaigns/tasks/result') {
        due = false;
        return [200, { status: 'done', attempts: 1, nextAttemptAt: null, progress: progress(4) }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <TaskPanel inWrapUp onACall={false} />
      </App>,
    );
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(screen.queryByText('拨打')).toBeNull();
    expect(screen.queryByText('跳过')).toBeNull();
    expect(await resultOptions()).toEqual(['有意向', '预约回访', '无人接听']);
    fireEvent.click(screen.getByText('有意向', { selector: '.ant-select-item-option-content' }));
    fireEvent.click(screen.getByText('保存并结束话后'));
    await waitFor(() => expect(screen.getByTestId('quota').textContent).toBe('4 / 50 有效通话'));
    expect(asked.find(([, p]) => p === '/api/v1/campaigns/tasks/result')![2]).toEqual({ campaignId: 'c1', customerId: 'u1', code: 'interested', finish: true });
    fireEvent.click(screen.getByText('下一个客户'));
    expect(await screen.findByText('李四')).toBeTruthy();
    expect(screen.getByText('拨打')).toBeTruthy();
  });

  it('offers only the results without a conversation once a dial ends unanswered, and says why', async () => {
    const unanswered = { ...task, callId: 'out-3', dial: { callId: 'out-3', connected: false, ended: true, lineResult: 'no_answer' as const, proposed: 'no_answer' } };
    fakeApi((_method, path) => {
      if (path === '/api/v1/campaigns/my/progress') return [200, { ...progress(0), resultDue: true }];
      if (path === '/api/v1/campaigns/tasks/next') return [200, { task: unanswered, progress: progress(0) }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <TaskPanel inWrapUp onACall={false} />
      </App>,
    );
    expect((await screen.findByTestId('not-connected')).textContent).toBe('客户没有接通（无人接听），只能保存未接通的结果。');
    // What the switch heard is proposed: saving takes one click.
    expect(screen.getByTestId('result').textContent).toContain('无人接听');
    expect(await resultOptions()).toEqual(['无人接听']);
  });

  it('says a refusal in Chinese by its code, and brings up the result form the server says is due', async () => {
    let dialled = false;
    fakeApi((_method, path) => {
      if (path === '/api/v1/campaigns/my/progress') return [200, progress(0)];
      if (path === '/api/v1/campaigns/tasks/next')
        return [200, { task: dialled ? { ...task, dial: { callId: 'out-7', connected: false, ended: true, lineResult: 'busy', proposed: null } } : task, progress: progress(0) }];
      if (path === '/api/v1/campaigns/tasks/dial') {
        dialled = true;
        return [409, { error: { code: 'result_missing', message: 'save the result of the last dial first' } }];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <TaskPanel inWrapUp={false} onACall={false} />
      </App>,
    );
    fireEvent.click(await screen.findByText('下一个客户'));
    fireEvent.click(await screen.findByText('拨打'));
    expect(await screen.findByText('操作失败：请先保存上一次拨打的结果。')).toBeTruthy();
    expect(screen.queryByText(/save the result/)).toBeNull();
    expect((await screen.findByTestId('not-connected')).textContent).toBe('客户没有接通（占线），只能保存未接通的结果。');
    expect(screen.queryByText('拨打')).toBeNull();
  });

  it('learns when the call ends that nobody picked up: the result chosen during the dial gives way to what the switch heard, only line results stay', async () => {
    let ended = false;
    fakeApi((_method, path) => {
      if (path === '/api/v1/campaigns/my/progress') return [200, { ...progress(0), resultDue: true }];
      if (path === '/api/v1/campaigns/tasks/next')
        return [
          200,
          {
            task: { ...task, dial: { callId: 'out-5', connected: false, ended, lineResult: ended ? 'no_answer' : null, proposed: ended ? 'no_answer' : null } },
            progress: progress(0),
          },
        ];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    const view = render(
      <App>
        <TaskPanel inWrapUp={false} onACall />
      </App>,
    );
    expect(await resultOptions()).toEqual(['有意向', '预约回访', '无人接听']);
    fireEvent.click(screen.getByText('预约回访', { selector: '.ant-select-item-option-content' }));
    expect(await screen.findByText('回访时间')).toBeTruthy();
    ended = true;
    view.rerender(
      <App>
        <TaskPanel inWrapUp onACall={false} />
      </App>,
    );
    expect((await screen.findByTestId('not-connected')).textContent).toBe('客户没有接通（无人接听），只能保存未接通的结果。');
    await waitFor(() => expect(screen.queryByText('回访时间')).toBeNull());
    expect(screen.getByTestId('result').textContent).toContain('无人接听');
    expect(await resultOptions()).toEqual(['无人接听']);
  });

  it('opens a result due from a call it did not dial once that call ends (the twin dialled just as the person took over)', async () => {
    let due = false;
    fakeApi((_method, path) => {
      if (path === '/api/v1/campaigns/my/progress') return [200, { ...progress(0), resultDue: due }];
      if (path === '/api/v1/campaigns/tasks/next')
        return [200, { task: { ...task, why: 'current', dial: { callId: 'out-8', connected: true, ended: true, lineResult: null, proposed: null } }, progress: progress(0) }];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    const view = render(
      <App>
        <TaskPanel inWrapUp={false} onACall />
      </App>,
    );
    expect(await screen.findByText('下一个客户')).toBeTruthy();
    due = true;
    view.rerender(
      <App>
        <TaskPanel inWrapUp onACall={false} />
      </App>,
    );
    expect(await screen.findByText('张三')).toBeTruthy();
    expect(await resultOptions()).toEqual(['有意向', '预约回访', '无人接听']);
    expect(screen.queryByText('拨打')).toBeNull();
  });
});
