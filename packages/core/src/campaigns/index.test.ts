import { describe, expect, it } from 'vitest';
import { metricDictionary, outboundMetricDictionary, addOutboundTallies, computeOutboundMetrics } from '../metrics/index';
import {
  applyResult,
  claimTask,
  dailyQuota,
  defaultDispositions,
  defaultQuotaPolicy,
  defaultRules,
  distribute,
  lineResultDisposition,
  newTask,
  nextTask,
  quotaProgress,
  rulesProblems,
  tallyDial,
  type CampaignRules,
  type CampaignTask,
} from './index';

const zone = 'Asia/Shanghai';
/** Monday 2026-01-05, local time. */
const at = (hour: number, minute = 0, day = 5) => Date.UTC(2026, 0, day, hour - 8, minute);
const running = { running: true, timeZone: zone };
const rules: CampaignRules = { ...defaultRules, doNotCall: ['+8613900000000'] };
const list = (n: number, assigned: string | null = null): CampaignTask[] =>
  Array.from({ length: n }, (_, i) => ({ ...newTask(`c${i}`, i, [`+86138000000${String(i).padStart(2, '0')}`], new Set()), assignedAgentId: assigned }));

describe('next task', () => {
  it('gives fresh customers in list order, the one in hand first, and nothing outside calling hours or when paused', () => {
    const tasks = list(3, 'a');
    const first = nextTask(rules, running, tasks, 'a', at(9, 30));
    expect(first).toMatchObject({ kind: 'task', why: 'fresh', task: { customerId: 'c0' }, number: '+8613800000000' });
    tasks[0] = claimTask(tasks[0]!, 'a');
    expect(nextTask(rules, running, tasks, 'a', at(9, 31))).toMatchObject({ kind: 'task', why: 'current', task: { customerId: 'c0' } });
    expect(nextTask(rules, running, list(3, 'a'), 'a', at(12, 30))).toEqual({ kind: 'none', reason: 'outside_hours', nextAt: null });
    expect(nextTask(rules, running, list(3, 'a'), 'a', at(10, 0, 10))).toMatchObject({ kind: 'none', reason: 'outside_hours' });
    expect(nextTask(rules, { ...running, running: false }, list(3, 'a'), 'a', at(10))).toMatchObject({ kind: 'none', reason: 'not_running' });
  });

  it('never offers a customer held by another agent, assigned to another agent, or only on the do-not-call list', () => {
    const tasks = [
      claimTask({ ...newTask('held', 0, ['+8613800000001'], new Set()) }, 'b'),
      { ...newTask('theirs', 1, ['+8613800000002'], new Set()), assignedAgentId: 'b' },
      newTask('dnc', 2, ['+8613900000000'], new Set(rules.doNotCall)),
      newTask('second-number', 3, ['+8613900000000', '+8613800000004'], new Set(rules.doNotCall)),
    ];
    expect(tasks[2]!.status).toBe('dnc');
    const next = nextTask(rules, running, tasks, 'a', at(10));
    expect(next).toMatchObject({ kind: 'task', task: { customerId: 'second-number' }, number: '+8613800000004' });
  });

  it('retries no answer after 2 hours and busy after 15 minutes, and closes the customer at the maximum of dials', () => {
    let [task] = list(1, 'a');
    task = applyResult(rules, claimTask(task!, 'a'), { agentId: 'a', code: 'busy', at: at(9) });
    expect(task).toMatchObject({ status: 'open', attempts: 1, nextAttemptAt: at(9, 15), lockedBy: null });
    expect(nextTask(rules, running, [task], 'a', at(9, 14))).toEqual({ kind: 'none', reason: 'nothing_due', nextAt: at(9, 15) });
    expect(nextTask(rules, running, [task], 'a', at(9, 15))).toMatchObject({ kind: 'task', why: 'retry' });
    task = applyResult(rules, claimTask(task, 'a'), { agentId: 'a', code: 'no_answer', at: at(9, 20) });
    expect(task.nextAttemptAt).toBe(at(11, 20));
    task = applyResult(rules, claimTask(task, 'a'), { agentId: 'a', code: 'no_answer', at: at(11, 30) });
    expect(task).toMatchObject({ status: 'exhausted', attempts: 3, nextAttemptAt: null });
    expect(nextTask(rules, running, [task], 'a', at(16))).toMatchObject({ kind: 'none', reason: 'nothing_due' });
  });

  it('brings a callback back at its time to the same agent, or to anyone when so configured, before fresh customers', () => {
    const tasks = list(3, null);
    const done = applyResult(rules, claimTask(tasks[2]!, 'a'), { agentId: 'a', code: 'callback', at: at(9), callbackAt: at(14) });
    tasks[2] = done;
    expect(nextTask(rules, running, tasks, 'b', at(14, 5))).toMatchObject({ task: { customerId: 'c0' }, why: 'fresh' });
    expect(nextTask(rules, running, tasks, 'a', at(13, 59))).toMatchObject({ task: { customerId: 'c0' } });
    expect(nextTask(rules, running, tasks, 'a', at(14))).toMatchObject({ task: { customerId: 'c2' }, why: 'callback' });
    const anyone = { ...rules, callbackTo: 'anyone' as const };
    const shared = applyResult(anyone, claimTask(list(1)[0]!, 'a'), { agentId: 'a', code: 'callback', at: at(9), callbackAt: at(14) });
    expect(nextTask(anyone, running, [shared], 'b', at(14))).toMatchObject({ kind: 'task', why: 'callback' });
    expect(() => applyResult(rules, claimTask(list(1)[0]!, 'a'), { agentId: 'a', code: 'callback', at: at(9) })).toThrow(/time/);
  });

  it('moves on to the next number after a wrong number, and refuses results from an agent who does not hold the customer', () => {
    const task = claimTask(newTask('c', 0, ['+8613800000001', '+8613800000002'], new Set()), 'a');
    const moved = applyResult(rules, task, { agentId: 'a', code: 'wrong_number', at: at(9), number: '+8613800000001' });
    expect(moved).toMatchObject({ status: 'open', phoneIndex: 1 });
    expect(nextTask(rules, running, [moved], 'a', at(9, 1))).toMatchObject({ number: '+8613800000002' });
    expect(applyResult(rules, claimTask(moved, 'a'), { agentId: 'a', code: 'wrong_number', at: at(9, 2) }).status).toBe('done');
    expect(() => applyResult(rules, task, { agentId: 'b', code: 'success', at: at(9) })).toThrow(/not in your hands/);
    expect(() => applyResult(rules, task, { agentId: 'a', code: 'sold', at: at(9) })).toThrow(/no disposition sold/);
    expect(() => claimTask(task, 'b')).toThrow(/another agent/);
  });

  it('refuses a result that counts as a conversation for a dial nobody picked up, and keeps the line results for it', () => {
    const task = claimTask(newTask('c', 0, ['+8613800000001'], new Set()), 'a');
    expect(() => applyResult(rules, task, { agentId: 'a', code: 'callback', at: at(9), callbackAt: at(14), connected: false })).toThrow(/nobody picked up/);
    expect(() => applyResult(rules, task, { agentId: 'a', code: 'success', at: at(9), connected: false })).toThrow(/nobody picked up/);
    expect(applyResult(rules, task, { agentId: 'a', code: 'no_answer', at: at(9), connected: false })).toMatchObject({ status: 'open', attempts: 1 });
    expect(applyResult(rules, task, { agentId: 'a', code: 'callback', at: at(9), callbackAt: at(14), connected: true })).toMatchObject({ status: 'callback' });
  });

  it('proposes the result of what the switch heard for a dial nobody took, if the campaign has it without a conversation', () => {
    expect(lineResultDisposition(rules, 'busy')).toBe('busy');
    expect(lineResultDisposition(rules, 'failed')).toBe('invalid_number');
    expect(lineResultDisposition(rules, null)).toBeNull();
    const own = { dispositions: rules.dispositions.map((d) => (d.code === 'busy' ? { ...d, connect: true } : d)) };
    expect(lineResultDisposition(own, 'busy')).toBeNull();
  });

  it('names each problem of unsound rules', () => {
    expect(rulesProblems(defaultRules)).toEqual([]);
    const problems = rulesProblems({
      ...defaultRules,
      maxAttempts: 0,
      distribution: 'skill',
      retryMinutes: { busy: 0 },
      callingHours: { mon: [['17:00', '09:00']] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'maxAttempts: a whole number from 1 to 50',
        'skillId: distribution by skill needs a skill',
        'retryMinutes: no_answer needs a retry interval',
        'retryMinutes.busy: from 1 minute to 7 days',
        'callingHours.mon: 17:00-09:00 is not a window HH:MM-HH:MM',
      ]),
    );
  });
});

describe('distribution', () => {
  it('deals equal shares, gives owners their customers, weights by skill level, and leaves agents’ lists alone', () => {
    const equal = distribute('equal', list(10), [{ agentId: 'a' }, { agentId: 'b' }, { agentId: 'c' }], new Map());
    const count = (tasks: CampaignTask[], id: string) => tasks.filter((t) => t.assignedAgentId === id).length;
    expect([count(equal, 'a'), count(equal, 'b'), count(equal, 'c')]).toEqual([4, 3, 3]);

    const owners = new Map([
      ['c1', 'b'],
      ['c2', 'nobody-here'],
    ]);
    const byOwner = distribute('owner', list(3), [{ agentId: 'a' }, { agentId: 'b' }], owners);
    expect(byOwner.find((t) => t.customerId === 'c1')!.assignedAgentId).toBe('b');

    const bySkill = distribute('skill', list(8), [{ agentId: 'a', skillLevel: 3 }, { agentId: 'b', skillLevel: 1 }, { agentId: 'c' }], new Map());
    expect([count(bySkill, 'a'), count(bySkill, 'b'), count(bySkill, 'c')]).toEqual([6, 2, 0]);

    const kept = list(4, 'a');
    kept[3] = { ...kept[3]!, assignedAgentId: 'gone' };
    expect(distribute('equal', kept, [{ agentId: 'a' }, { agentId: 'b' }], new Map())).toEqual([{ ...kept[3], assignedAgentId: 'b' }]);
  });
});

describe('quotas and outbound metrics', () => {
  it('asks 30 effective calls in the first two weeks of employment and 50 after, unless overridden', () => {
    expect(dailyQuota(defaultQuotaPolicy, '2026-01-01', '2026-01-01')).toBe(30);
    expect(dailyQuota(defaultQuotaPolicy, '2026-01-01', '2026-01-14')).toBe(30);
    expect(dailyQuota(defaultQuotaPolicy, '2026-01-01', '2026-01-15')).toBe(50);
    expect(dailyQuota(defaultQuotaPolicy, '2026-01-01', '2026-01-15', 40)).toBe(40);
    expect(quotaProgress(50, 32)).toEqual({ target: 50, done: 32, remaining: 18, met: false });
  });

  it('counts dials, connects, effective calls, successes and refusals by disposition, with talk and work time', () => {
    const start = at(9);
    const dial = (result: string | null, talk = 0) => tallyDial(defaultDispositions, { startedAt: start, talkSeconds: talk, result, recordedAt: result ? start + 120_000 : null });
    const tally = addOutboundTallies(dial('success', 100), dial('interested', 80), dial('not_interested', 40), dial('refused', 5), dial('no_answer'), dial('busy'), dial(null), {
      quotaTarget: 50,
    });
    const m = computeOutboundMetrics(tally);
    expect([m.dials, m.connects, m.effectiveCalls, m.successes]).toEqual([7, 4, 3, 1]);
    expect(m.connectRate).toBeCloseTo(4 / 7);
    expect(m.refusalRate).toBe(0.5);
    expect(m.successRate).toBeCloseTo(1 / 3);
    expect(m.outboundTalkTime).toBe(225);
    expect(m.outboundWorkTime).toBe(6 * 120);
    expect(m.quotaAttainment).toBeCloseTo(3 / 50);
    expect(computeOutboundMetrics(addOutboundTallies()).refusalRate).toBeNull();
  });

  it('defines outbound metrics apart from, and never clashing with, the inbound dictionary', () => {
    const inbound = new Set(metricDictionary.map((m) => m.id));
    expect(outboundMetricDictionary.filter((m) => inbound.has(m.id))).toEqual([]);
    expect(new Set(outboundMetricDictionary.map((m) => m.id)).size).toBe(outboundMetricDictionary.length);
  });
});
