import { describe, expect, it } from 'vitest';
import { callDetailRecords, type DomainEvent } from '../calls/index';
import { simulateScenario, type Scenario } from './scenario';

const start = Date.UTC(2026, 2, 2);
const hour = 3_600_000;

function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    start,
    hours: 10,
    seed: 3,
    thresholdSeconds: 20,
    talk: { kind: 'lognormal', mean: 180, cv: 0.8 },
    wrapUp: { kind: 'fixed', value: 10 },
    patience: { kind: 'exponential', mean: 120 },
    answerDelay: { kind: 'fixed', value: 2 },
    noAnswerProbability: 0,
    queues: [
      { id: 'general', arrivals: [{ start, seconds: 8 * 3600, calls: 600 }] },
      {
        id: 'english',
        requiredSkills: [{ skillId: 'english', minLevel: 3 }],
        thresholdSeconds: 60,
        arrivals: [{ start, seconds: 8 * 3600, calls: 120 }],
        talk: { kind: 'fixed', value: 240 },
      },
    ],
    agentGroups: [
      { id: 'gen', count: 6, skills: [], shifts: [{ logIn: start, logOut: start + 8 * hour }] },
      { id: 'eng', count: 3, skills: [{ skillId: 'english', level: 4 }], shifts: [{ logIn: start, logOut: start + 8 * hour }] },
    ],
    ...overrides,
  };
}

describe('a scenario of several queues, skills and shifts', () => {
  it('gives a skilled queue’s calls only to agents with the skill, and each queue its own figures that add up to the totals', () => {
    const events: DomainEvent[] = [];
    const result = simulateScenario(scenario(), { onEvents: (e) => events.push(...e) });
    const records = [...callDetailRecords(events).values()];
    const english = records.filter((r) => r.firstQueueId === 'english' && r.answeredBy);
    expect(english.length).toBeGreaterThan(50);
    for (const r of english) expect(r.answeredBy).toMatch(/^eng-/);
    // The general group has no English; the English speakers also take general calls.
    expect(records.some((r) => r.firstQueueId === 'general' && r.answeredBy?.startsWith('eng-'))).toBe(true);
    const { general, english: en } = result.queues;
    expect(general!.offered + en!.offered).toBe(result.offered);
    expect(general!.answered + en!.answered).toBe(result.answered);
    expect(result.offered).toBeGreaterThan(600);
    expect(result.occupancy).toBeGreaterThan(0.5);
    expect(result.simulatedSeconds).toBe(36_000);
  });

  it('measures each queue’s service level against its own threshold', () => {
    const events: DomainEvent[] = [];
    const result = simulateScenario(scenario(), { onEvents: (e) => events.push(...e) });
    const records = [...callDetailRecords(events).values()].filter((r) => r.firstQueueId === 'english' && r.endedAt !== null);
    const within = records.filter((r) => r.answeredAt !== null && (r.answeredAt - r.startedAt) / 1000 - r.ringMs / 1000 <= 60).length;
    expect(result.queues.english!.offered).toBe(records.length);
    // Wait excludes ringing, as in the reports; a few calls sit right at the edge, hence the band.
    expect(result.queues.english!.serviceLevel!).toBeGreaterThan(within / records.length - 0.05);
    expect(result.queues.english!.serviceLevel!).toBeLessThan(within / records.length + 0.05);
  });

  it('routes by each queue’s strategy: linear always offers the first listed agent first', () => {
    const s = scenario({
      queues: [{ id: 'q', strategy: 'linear', arrivals: [{ start, seconds: 4 * 3600, calls: 40 }] }],
      agentGroups: [{ id: 'a', count: 4, skills: [], shifts: [{ logIn: start, logOut: start + 8 * hour }] }],
    });
    const events: DomainEvent[] = [];
    simulateScenario(s, { onEvents: (e) => events.push(...e) });
    const answeredBy = [...callDetailRecords(events).values()].map((r) => r.answeredBy).filter(Boolean);
    const first = answeredBy.filter((a) => a === 'a-1').length;
    // 40 calls in 4 hours of 3-minute talks: the first agent is nearly always free.
    expect(first / answeredBy.length).toBeGreaterThan(0.6);
  });

  it('takes no calls before the shift starts or after it ends', () => {
    const result = simulateScenario(
      scenario({
        queues: [{ id: 'q', arrivals: [{ start, seconds: 6 * 3600, calls: 300 }] }],
        agentGroups: [{ id: 'a', count: 4, skills: [], shifts: [{ logIn: start + 2 * hour, logOut: start + 4 * hour }] }],
        patience: { kind: 'exponential', mean: 60 },
      }),
    );
    // Only the callers of the two staffed hours (about a third) can be answered.
    expect(result.answered / result.offered).toBeLessThan(0.45);
    expect(result.abandoned / result.offered).toBeGreaterThan(0.55);
  });

  it('replays exactly from the seed and reports progress up to the end', () => {
    const progress: number[] = [];
    const a = simulateScenario(scenario(), { onProgress: (p) => progress.push(p) });
    expect(simulateScenario(scenario())).toEqual(a);
    expect(simulateScenario(scenario({ seed: 4 }))).not.toEqual(a);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(1);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
  });
});
