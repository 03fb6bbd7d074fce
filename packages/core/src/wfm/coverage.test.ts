import { describe, expect, it } from 'vitest';
import { type RosterPlan, rosterSkillShortage } from './coverage';

// Two half-hours on a Monday morning: 粤语 needs one agent at each, 英语 one at 09:30; three agents on the phones.
const plan: RosterPlan = {
  intervalMinutes: 30,
  shrinkage: 0,
  thresholdSeconds: 20,
  intervals: [
    { start: '2026-03-02T09:00', calls: 10, aht: 180, required: 3, skills: { yue: 1 } },
    { start: '2026-03-02T09:30', calls: 10, aht: 180, required: 3, skills: { yue: 1, en: 1 } },
  ],
};
const shift = (agentId: string) => ({ agentId, start: '2026-03-02T08:30', end: '2026-03-02T17:30' });

describe("rosterSkillShortage: a queue's skilled agents against its own requirement", () => {
  it('lists the interval short of the skill though the team on the phones is enough', () => {
    const skills = new Map([
      ['a', new Set<string>()],
      ['b', new Set<string>()],
      ['c', new Set(['en'])],
    ]);
    expect(rosterSkillShortage(plan, [shift('a'), shift('b'), shift('c')], [], skills)).toEqual([
      { start: '2026-03-02T09:00', groups: ['yue'], required: 1, scheduled: 0 },
      { start: '2026-03-02T09:30', groups: ['yue'], required: 1, scheduled: 0 },
    ]);
  });

  it('counts an agent with two skills once across the groups, and not while on a break', () => {
    const skills = new Map([
      ['a', new Set(['yue', 'en'])],
      ['b', new Set<string>()],
    ]);
    // At 09:00 the bilingual agent covers 粤语; at 09:30 both 粤语 and 英语 need someone and only one can answer.
    expect(rosterSkillShortage(plan, [shift('a'), shift('b')], [], skills)).toEqual([{ start: '2026-03-02T09:30', groups: ['en', 'yue'], required: 2, scheduled: 1 }]);
    // A second bilingual agent on a break at 09:30 does not help then.
    skills.set('b', new Set(['yue', 'en']));
    expect(rosterSkillShortage(plan, [shift('a'), shift('b')], [{ agentId: 'b', start: '2026-03-02T09:30', end: '2026-03-02T10:30' }], skills)).toEqual([
      { start: '2026-03-02T09:30', groups: ['en', 'yue'], required: 2, scheduled: 1 },
    ]);
    expect(rosterSkillShortage(plan, [shift('a'), shift('b')], [], skills)).toEqual([]);
  });
});
