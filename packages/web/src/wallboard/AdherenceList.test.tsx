import type { FloorAgent } from '@banzu/contract';
// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../testing/dom';
import { AdherenceList } from './AdherenceList';

const MIN = 60_000;
/** 09:00 today, a 早班 to 18:00 with lunch 12:00-13:00. */
const START = 1_700_000_000_000;
const shift = { start: START, end: START + 540 * MIN, breaks: [{ start: START + 180 * MIN, end: START + 240 * MIN, name: '午休' }] };
const agent = (employeeNo: string, over: Partial<FloorAgent> = {}): FloorAgent => ({
  agentId: `a${employeeNo}`,
  employeeNo,
  name: `座席${employeeNo}`,
  teamId: 't1',
  status: 'ready',
  since: START,
  notReadyReason: null,
  callId: null,
  wrapUpEndsAt: null,
  simulated: false,
  schedule: [shift],
  logins: [{ start: START - 5 * MIN, end: null }],
  ...over,
});
const row = (employeeNo: string) => document.querySelector(`[data-adherence-agent="${employeeNo}"]`);

describe('schedule adherence on the wallboard', () => {
  it('lists who is out of adherence now and for how long, late arrivals marked, and leaves out those who keep to it', () => {
    render(
      <AdherenceList
        now={START + 20 * MIN}
        graceMinutes={5}
        agents={[
          agent('8001'),
          agent('8002', { status: 'logged_out', since: START - 600 * MIN, logins: [] }),
          agent('8003', { status: 'not_ready', notReadyReason: 'meeting', since: START + 15 * MIN }),
          agent('8004', { schedule: [] }),
        ]}
      />,
    );
    expect(row('8001')).toBeNull();
    expect(row('8004')).toBeNull();
    // Not logged in at 09:20: 20 minutes out of adherence and 20 minutes late.
    expect(row('8002')?.getAttribute('data-late')).toBe('20');
    expect(row('8002')?.textContent).toContain('迟到 20 分钟');
    expect(row('8002')?.textContent).toContain('未遵守排班 20:00');
    expect(row('8003')?.textContent).toContain('未遵守排班 5:00');
    // Longest first.
    expect([...document.querySelectorAll('[data-adherence-agent]')].map((e) => e.getAttribute('data-adherence-agent'))).toEqual(['8002', '8003']);
  });

  it('names the break an agent works through, and says when everyone keeps to the schedule or nobody has one', () => {
    const { rerender } = render(<AdherenceList now={START + 190 * MIN} graceMinutes={5} agents={[agent('8001', { status: 'talking', since: START + 170 * MIN })]} />);
    expect(row('8001')?.textContent).toContain('应午休');
    expect(row('8001')?.textContent).toContain('未遵守排班 10:00');
    rerender(<AdherenceList now={START + 200 * MIN} graceMinutes={5} agents={[agent('8001', { status: 'not_ready', since: START + 181 * MIN })]} />);
    expect(screen.getByText('当前所有人都按排班在岗')).toBeTruthy();
    rerender(<AdherenceList now={START} graceMinutes={5} agents={[agent('8001', { schedule: undefined })]} />);
    expect(screen.getByText('今天没有已发布的班次')).toBeTruthy();
  });
});
