// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { Briefing } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { BriefingCard } from './BriefingCard';
import { published } from './fixtures';

const card = () =>
  render(
    <App>
      <BriefingCard date="2026-01-06" />
    </App>,
  );

describe('today’s briefing on the agent’s desktop', () => {
  it('says when today’s briefing is not published, and still takes a question for the debrief', async () => {
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method === 'GET') return [404, { error: { code: 'not_found', message: '2026-01-06 的班前会还没有发布' } }];
      posted.push([path, body]);
      return [201, {}];
    });
    card();
    await screen.findByText('今天的班前会还没有发布', {}, { timeout: 15_000 });
    expect(screen.queryByText('已读，确认')).toBeNull();
    fireEvent.change(screen.getByLabelText('班后会提问'), { target: { value: '工单系统保存慢' } });
    fireEvent.click(screen.getByText('提出问题').closest('button')!);
    await waitFor(() => expect(posted).toEqual([['/api/v1/debriefs/problems', { date: '2026-01-06', text: '工单系统保存慢' }]]));
  });

  it('shows the goal, points, notices and carried-over problems, and records the agent’s confirmation', async () => {
    const mine: Briefing = { ...published, roll: [published.roll[0]!] };
    const asked: string[] = [];
    fakeApi((method, path) => {
      asked.push(`${method} ${path}`);
      if (method === 'GET') return [200, mine];
      return [200, { ...mine, roll: [{ ...mine.roll[0]!, confirmedAt: '2026-01-06T00:52:00.000Z' }] }];
    });
    card();
    await screen.findByText('今日目标：工单错误量控制在0!', {}, { timeout: 15_000 });
    expect(asked[0]).toBe('GET /api/v1/briefings?date=2026-01-06');
    expect(screen.getByText('春节值班报名截止周三')).toBeTruthy();
    expect(screen.getByText('春节值班安排')).toBeTruthy();
    expect(screen.getByText('· 耳机音量不足')).toBeTruthy();
    expect(screen.getByText('— 答复：积分按月清零')).toBeTruthy();
    fireEvent.click(screen.getByText('已读，确认').closest('button')!);
    await screen.findByText('已于 01-06 08:52 确认');
    expect(asked[1]).toBe('POST /api/v1/briefings/b1/confirm');
    expect(screen.queryByText('已读，确认')).toBeNull();
  });
});
