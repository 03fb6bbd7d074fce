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
      { code: 'interested', zh: '有意向', en: 'Interested', effect: 'final' },
      { code: 'callback', zh: '预约回访', en: 'Call back at a time', effect: 'callback' },
    ],
  },
  customer: { id: 'u1', name: '张三', classCode: 'prospect', className: { zh: '意向客户', en: 'Prospect' }, vipLevel: null, tags: ['春季促销'], notes: '', visits: [] },
  number: '138 0013 8000',
  attempts: 0,
  maxAttempts: 3,
  why: 'fresh',
  callId: null,
  history: [],
};

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
});
