// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CallbackTasks, DeskTickets } from './DeskTickets';

/** A bound for a busy machine, not a speed requirement. */
const SLOW_MS = 10_000;
const ticket = { id: 't1', no: 'GD000007', title: '投诉宽带维修不及时', status: 'open', dueAt: '2026-01-07T01:00:00.000Z', callIds: ['c1'] };

describe('the desktop’s ticket card', () => {
  it('accepts a complaint from the call with the caller, customer and call linked, and suggests articles for the queue and the notes', async () => {
    const asked: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/ticket-types') return [200, [{ code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: false }]];
      if (path.startsWith('/api/v1/desktop/calls/c1/screen-pop'))
        return [200, { callId: 'c1', from: '138 1234 5678', vipLevel: 0, customer: { id: 'cu1', name: '何建华' }, previousCalls: [] }];
      if (path.startsWith('/api/v1/tickets?customerId=cu1')) return [200, { total: 0, items: [] }];
      if (path === '/api/v1/tickets' && method === 'POST') return [201, ticket];
      if (path.startsWith('/api/v1/kb/suggestions')) return [200, { items: [{ id: 'a1', title: '宽带故障报修流程', score: 1, category: '故障处理', snippet: '先确认光猫' }] }];
      if (path === '/api/v1/kb/articles/a1') return [200, { id: 'a1', title: '宽带故障报修流程', body: '先确认光猫指示灯' }];
      if (path === '/api/v1/tickets/t1/articles') return [200, ticket];
      return [204, null];
    });
    render(
      <App>
        <DeskTickets callId="c1" queueId="q1" timeZone="Asia/Shanghai" />
      </App>,
    );
    await screen.findByText(/本次来电 何建华/, undefined, { timeout: SLOW_MS });
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '投诉宽带维修不及时' } });
    fireEvent.change(screen.getByLabelText('问题描述 / 座席记录'), { target: { value: '宽带报修三天无人上门' } });
    // Suggestions for the call's queue and the words of the notes.
    await waitFor(() => expect(asked.some(([, path]) => path.includes('/api/v1/kb/suggestions?queueId=q1&text=%E5%AE%BD%E5%B8%A6'))).toBe(true), { timeout: SLOW_MS });
    fireEvent.click(await screen.findByRole('button', { name: /^受\s*理$/ }, { timeout: SLOW_MS }));
    await screen.findByText('工单 GD000007 已受理，2026-01-07 09:00 前办结', undefined, { timeout: SLOW_MS });
    const post = asked.find(([method, path]) => method === 'POST' && path === '/api/v1/tickets');
    expect(post?.[2]).toEqual({
      type: 'complaint',
      priority: 'normal',
      channel: 'phone',
      title: '投诉宽带维修不及时',
      description: '宽带报修三天无人上门',
      callId: 'c1',
      customerId: 'cu1',
      caller: '138 1234 5678',
    });
    // The call it came from is on it.
    await screen.findByText('本次来电已关联', undefined, { timeout: SLOW_MS });
    // The article used is linked to the ticket just accepted.
    fireEvent.click(await screen.findByText('宽带故障报修流程', undefined, { timeout: SLOW_MS }));
    await screen.findByText('先确认光猫指示灯', undefined, { timeout: SLOW_MS });
    fireEvent.click(screen.getByRole('button', { name: '有帮助' }));
    await waitFor(
      () =>
        expect(asked.some(([method, path, body]) => method === 'POST' && path === '/api/v1/tickets/t1/articles' && (body as { articleId: string }).articleId === 'a1')).toBe(true),
      { timeout: SLOW_MS },
    );
  });

  it('accepts a ticket by hand with the channel it came by: a 市长专线 transfer, no call linked', async () => {
    const asked: [string, string, unknown][] = [];
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/ticket-types') return [200, [{ code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: false }]];
      if (path === '/api/v1/tickets' && method === 'POST') return [201, { ...ticket, callIds: [] }];
      if (path.startsWith('/api/v1/kb/suggestions')) return [200, { items: [] }];
      return [204, null];
    });
    render(
      <App>
        <DeskTickets callId={null} queueId={null} timeZone="Asia/Shanghai" />
      </App>,
    );
    await screen.findByText('手工受理（其他渠道）', undefined, { timeout: SLOW_MS });
    fireEvent.mouseDown(screen.getByLabelText('渠道'));
    fireEvent.click(await screen.findByText('市长专线转办', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS }));
    fireEvent.change(screen.getByLabelText('标题'), { target: { value: '市长专线转办：小区停水' } });
    fireEvent.click(screen.getByRole('button', { name: /^受\s*理$/ }));
    await waitFor(
      () =>
        expect(asked.find(([method, path]) => method === 'POST' && path === '/api/v1/tickets')?.[2]).toEqual({
          type: 'complaint',
          priority: 'normal',
          channel: 'mayor_hotline',
          title: '市长专线转办：小区停水',
        }),
      {
        timeout: SLOW_MS,
      },
    );
  });

  it('links this call to the customer’s open ticket when the customer calls again about it', async () => {
    const asked: [string, string, unknown][] = [];
    const earlier = { ...ticket, id: 't0', no: 'GD000003', callIds: ['c0'] };
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/ticket-types') return [200, []];
      if (path.startsWith('/api/v1/desktop/calls/c1/screen-pop'))
        return [200, { callId: 'c1', from: '138 1234 5678', vipLevel: 0, customer: { id: 'cu1', name: '何建华' }, previousCalls: [] }];
      if (path.startsWith('/api/v1/tickets?customerId=cu1')) return [200, { total: 1, items: [earlier] }];
      if (path === '/api/v1/tickets/t0/calls') return [200, { ...earlier, callIds: ['c0', 'c1'] }];
      if (path.startsWith('/api/v1/kb/suggestions')) return [200, { items: [] }];
      return [204, null];
    });
    render(
      <App>
        <DeskTickets callId="c1" queueId="q1" timeZone="Asia/Shanghai" />
      </App>,
    );
    fireEvent.click(await screen.findByRole('button', { name: '本次来电关联此单' }, { timeout: SLOW_MS }));
    await screen.findByText('本次来电已关联到工单 GD000003', undefined, { timeout: SLOW_MS });
    await screen.findByText('本次来电已关联', undefined, { timeout: SLOW_MS });
    expect(asked.find(([method, path]) => method === 'POST' && path === '/api/v1/tickets/t0/calls')?.[2]).toEqual({ callId: 'c1' });
  });

  it('lists the agent’s callbacks due on the desktop; a callback not solved says the ticket reopened', async () => {
    const asked: [string, string, unknown][] = [];
    const due = { ...ticket, status: 'closed', closedAt: '2026-01-06T02:00:00.000Z', callbackDue: true, customerName: '何建华' };
    let answered = false;
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/tickets?view=callback&limit=20') return [200, { total: answered ? 0 : 1, items: answered ? [] : [due] }];
      if (path === '/api/v1/tickets/t1/callback') {
        answered = true;
        return [200, { ...due, status: 'assigned', reopens: 1 }];
      }
      return [204, null];
    });
    render(
      <App>
        <CallbackTasks timeZone="Asia/Shanghai" />
      </App>,
    );
    await screen.findByText('待回访（1）', undefined, { timeout: SLOW_MS });
    expect(screen.getByText(/何建华 · 2026-01-06 10:00 办结/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '回 访' }));
    fireEvent.click(await screen.findByText('未解决（重新打开）', undefined, { timeout: SLOW_MS }));
    fireEvent.change(screen.getByLabelText('满意度'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    await screen.findByText('工单 GD000007 未解决，已重新打开', undefined, { timeout: SLOW_MS });
    expect(asked.find(([method, path]) => method === 'POST' && path === '/api/v1/tickets/t1/callback')?.[2]).toEqual({ solved: false, satisfaction: 2, note: '' });
    await waitFor(() => expect(screen.queryByText('待回访（1）')).toBeNull(), { timeout: SLOW_MS });
  });
});
