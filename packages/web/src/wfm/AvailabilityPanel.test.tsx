// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { AgentUnavailability } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { AvailabilityPanel } from './AvailabilityPanel';

const choose = async (label: string, option: string) => {
  fireEvent.mouseDown(screen.getByLabelText(label));
  fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }));
};

describe('不可上班时间 (availability) panel', () => {
  it('an agent states 周三晚上 every week, sees it listed, and removes it', async () => {
    const items: AgentUnavailability[] = [];
    const asked: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (method === 'GET' && path === '/api/v1/wfm/availability?month=2026-03') return [200, { items }];
      if (method === 'POST' && path === '/api/v1/wfm/availability') {
        const b = body as { weekday: number; start: string; end: string; note: string };
        items.push({
          id: 'w1',
          agentId: 'u1',
          agentName: '王芳',
          teamId: 't1',
          weekday: b.weekday,
          date: null,
          start: b.start,
          end: b.end,
          note: b.note,
          createdAt: '',
          createdBy: 'u1',
        });
        return [201, items[0]];
      }
      if (method === 'DELETE' && path === '/api/v1/wfm/availability/w1') {
        items.pop();
        return [204, null];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AvailabilityPanel month="2026-03" />
      </App>,
    );
    expect(await screen.findByText('没有填写不可上班的时间')).toBeTruthy();
    await choose('星期', '周三');
    await choose('从', '18:00');
    fireEvent.change(screen.getByLabelText('说明'), { target: { value: '周三晚上要上课' } });
    fireEvent.click(screen.getByText('添 加'));
    const row = (await screen.findByText('每周周三 18:00-24:00')).closest('tr')!;
    expect(within(row).getByText('周三晚上要上课')).toBeTruthy();
    expect(asked.find(([m]) => m === 'POST')![2]).toEqual({ weekday: 3, start: '18:00', end: '24:00', note: '周三晚上要上课' });
    fireEvent.click(within(row).getByText('删 除'));
    expect(await screen.findByText('没有填写不可上班的时间')).toBeTruthy();
    expect(asked.some(([m, p]) => m === 'DELETE' && p === '/api/v1/wfm/availability/w1')).toBe(true);
  });

  it('the leader states a window for an agent of the team, who must be chosen first; a refusal shows as the server words it', async () => {
    const posted: unknown[] = [];
    fakeApi((method, _path, body) => {
      if (method === 'GET') return [200, { items: [] }];
      posted.push(body);
      return [400, { error: { code: 'invalid_request', message: '请填写每周的星期几（weekday）或某一天（date），二者选一' } }];
    });
    render(
      <App>
        <AvailabilityPanel month="2026-03" teamId="t1" agents={[{ userId: 'u2', name: '李娜' }]} />
      </App>,
    );
    await screen.findByText('没有填写不可上班的时间');
    expect(screen.getByText('添 加').closest('button')!.disabled).toBe(true);
    await choose('座席', '李娜');
    fireEvent.click(screen.getByText('添 加'));
    // The server's refusal is shown as it says it.
    expect(await screen.findByText('请填写每周的星期几（weekday）或某一天（date），二者选一')).toBeTruthy();
    await waitFor(() => expect(posted).toEqual([{ agentId: 'u2', weekday: 3, start: '00:00', end: '24:00', note: '' }]));
  });
});
