// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QaCallDetail } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { CallFacts } from './CallFacts';

const call = (ending: Pick<QaCallDetail, 'endedBy' | 'endedIn'>): QaCallDetail => ({
  callId: 'c1',
  direction: 'inbound',
  startedAt: '2026-01-05T02:00:00.000Z',
  endedAt: '2026-01-05T02:03:00.000Z',
  queueName: '售后服务',
  agentName: '张三',
  employeeNo: '8001',
  from: '138****5678',
  vipLevel: 0,
  waitSeconds: 12,
  talkSeconds: 48,
  holdSeconds: 120,
  wrapUpSeconds: 0,
  transfers: 0,
  ...ending,
  disposition: null,
  resolved: null,
  notes: [],
  customer: null,
  previousCalls: [],
  tickets: [],
});

describe('the call facts beside the player', () => {
  it('say the caller hung up while held, as the 保持/转接中挂机 rule picked it', async () => {
    fakeApi(() => [200, call({ endedBy: 'caller', endedIn: 'hold' })]);
    render(<CallFacts callId="c1" reasons={['abandon_after_answer']} timeZone="Asia/Shanghai" />);
    expect(await screen.findByText(/客户挂断（保持\/咨询中）/)).toBeTruthy();
  });

  it('say only who hung up when the call ended while talking, and nothing for a record kept before', async () => {
    fakeApi(() => [200, call({ endedBy: 'agent', endedIn: 'talk' })]);
    const { unmount } = render(<CallFacts callId="c1" timeZone="Asia/Shanghai" />);
    expect((await screen.findByText('座席挂断')).textContent).toBe('座席挂断');
    unmount();
    fakeApi(() => [200, call({ endedBy: null, endedIn: null })]);
    render(<CallFacts callId="c1" timeZone="Asia/Shanghai" />);
    await screen.findByText('通话信息');
    expect(screen.queryByText('挂断方')).toBeNull();
  });
});
