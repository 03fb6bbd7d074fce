import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localParts } from '../time/index';
import { applyResult, claimTask, defaultRules, distribute, newTask, nextTask, type CampaignRules, type CampaignTask } from './index';

const zone = 'Asia/Shanghai';
const monday9 = Date.UTC(2026, 0, 5, 1, 0);
const dnc = ['+8613900000001', '+8613900000002'];
const rules: CampaignRules = { ...defaultRules, maxAttempts: 4, doNotCall: dnc };
const codes = rules.dispositions.map((d) => d.code);

/** Inside seed 000's calling hours, computed apart from the code under test. */
const inHours = (at: number) => {
  const p = localParts(at, zone);
  const minute = p.hour * 60 + p.minute;
  return p.weekday <= 5 && ((minute >= 540 && minute < 720) || (minute >= 780 && minute < 1020));
};

const step = fc.record({
  agent: fc.integer({ min: 0, max: 3 }),
  advanceMinutes: fc.integer({ min: 0, max: 240 }),
  code: fc.constantFrom(...codes),
  callbackInMinutes: fc.integer({ min: 1, max: 3000 }),
  saveNow: fc.boolean(),
});

describe('campaign invariants over random days of work', () => {
  it('never two agents on one customer, never beyond max attempts, never outside calling hours, never a do-not-call number, retries and callbacks kept', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.constantFrom('+8613800000001', '+8613800000002', '+8613800000003', ...dnc), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<'same_agent' | 'anyone'>('same_agent', 'anyone'),
        fc.array(step, { minLength: 1, maxLength: 120 }),
        (size, phones, callbackTo, steps) => {
          const r = { ...rules, callbackTo };
          const agents = ['a0', 'a1', 'a2', 'a3'];
          let tasks: CampaignTask[] = Array.from({ length: size }, (_, i) => newTask(`c${i}`, i, phones, new Set(dnc)));
          for (const t of distribute(
            'equal',
            tasks,
            agents.slice(0, 3).map((agentId) => ({ agentId })),
            new Map(),
          )) {
            tasks = tasks.map((x) => (x.customerId === t.customerId ? t : x));
          }
          /** When each customer may next be dialled and by whom, as the results said. */
          const promised = new Map<string, { notBefore: number; onlyAgent: string | null }>();
          let now = monday9;
          for (const s of steps) {
            now += s.advanceMinutes * 60_000;
            const agentId = agents[s.agent]!;
            const next = nextTask(r, { running: true, timeZone: zone }, tasks, agentId, now);
            if (next.kind !== 'task') continue;
            expect(dnc).not.toContain(next.number);
            expect(next.task.attempts).toBeLessThan(r.maxAttempts);
            if (next.why !== 'current') {
              expect(inHours(now)).toBe(true);
              expect(next.task.lockedBy).toBeNull();
              expect(next.task.assignedAgentId === null || next.task.assignedAgentId === agentId || (next.task.status === 'callback' && callbackTo === 'same_agent')).toBe(true);
              const p = promised.get(next.task.customerId);
              if (p) {
                expect(now).toBeGreaterThanOrEqual(p.notBefore);
                if (p.onlyAgent) expect(agentId).toBe(p.onlyAgent);
              }
            } else expect(next.task.lockedBy).toBe(agentId);
            const claimed = claimTask(next.task, agentId);
            tasks = tasks.map((t) => (t.customerId === claimed.customerId ? claimed : t));
            if (!s.saveNow) continue;
            const saved = applyResult(r, claimed, { agentId, code: s.code, at: now, callbackAt: now + s.callbackInMinutes * 60_000, number: next.number });
            tasks = tasks.map((t) => (t.customerId === saved.customerId ? saved : t));
            promised.set(saved.customerId, { notBefore: saved.nextAttemptAt ?? now, onlyAgent: saved.status === 'callback' ? saved.callbackAgentId : null });
            const d = r.dispositions.find((x) => x.code === s.code)!;
            if (d.effect === 'retry' && saved.status === 'open') expect(saved.nextAttemptAt).toBe(now + r.retryMinutes[s.code]! * 60_000);
          }
          const holders = tasks.filter((t) => t.lockedBy !== null).map((t) => t.lockedBy);
          expect(new Set(holders).size).toBe(holders.length);
          for (const t of tasks) {
            expect(t.attempts).toBeLessThanOrEqual(r.maxAttempts);
            if (t.attempts === r.maxAttempts) expect(['done', 'exhausted']).toContain(t.status);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
