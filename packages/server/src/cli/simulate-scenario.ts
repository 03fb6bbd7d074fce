import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { fromLocal, IntervalVolumeError, parseIntervalVolumes, type Distribution, type IntervalRate, type IntervalVolume, type Scenario, type ScenarioQueue } from '@banzu/core';
import { UsageError } from './command';

const seconds = z.number().finite().min(0);
const distribution = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: seconds }).strict(),
  z.object({ kind: z.literal('exponential'), mean: z.number().finite().positive() }).strict(),
  z.object({ kind: z.literal('lognormal'), mean: z.number().finite().positive(), cv: z.number().finite().positive() }).strict(),
  z.object({ kind: z.literal('empirical'), values: z.array(seconds).min(1) }).strict(),
]);
const probability = z.number().min(0).max(1);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, '须为 1-40 个字母、数字、- 或 _');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '须为时刻 HH:MM');
const localTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}([ T]([01]\d|2[0-3]):[0-5]\d)?$/, '须为 YYYY-MM-DD 或 YYYY-MM-DDTHH:MM')
  .refine((t) => new Date(localMs(t)).toISOString().slice(0, 10) === t.slice(0, 10), '不是日历上的日期');

const arrivals = z.union([
  z
    .object({
      /** Expected calls in each interval from the scenario's start; a list of exactly one day repeats daily. */
      intervalMinutes: z.union([z.literal(15), z.literal(30), z.literal(60)]),
      calls: z.array(z.number().finite().min(0)).min(1),
    })
    .strict(),
  z
    .object({
      /** An interval-volume CSV, relative to the scenario file; replayed from `from` onwards. */
      csv: z.string().min(1),
      from: localTime.optional(),
      scale: z.number().finite().positive().default(1),
    })
    .strict(),
]);

const queue = z
  .object({
    id,
    strategy: z.enum(['longest_idle', 'round_robin', 'fewest_calls', 'least_talk_time', 'ring_all', 'linear', 'random']).optional(),
    priority: z.number().int().min(0).max(100).optional(),
    requiredSkills: z.array(z.object({ skill: id, minLevel: z.number().int().min(1).max(5) }).strict()).optional(),
    thresholdSeconds: seconds.optional(),
    ringTimeoutSeconds: z.number().finite().positive().max(600).optional(),
    arrivals,
    talk: distribution.optional(),
    wrapUp: distribution.optional(),
    patience: distribution.nullable().optional(),
    vipLevel: z.number().int().min(0).max(9).optional(),
  })
  .strict();

const agentGroup = z
  .object({
    id,
    count: z.number().int().min(1).max(10_000),
    skills: z.record(id, z.number().int().min(1).max(5)).default({}),
    queues: z.array(id).min(1).optional(),
    shifts: z.array(z.object({ logIn: clockTime, logOut: clockTime }).strict()).min(1),
  })
  .strict();

const scenarioSchema = z
  .object({
    start: localTime,
    hours: z
      .number()
      .positive()
      .max(24 * 31),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    thresholdSeconds: seconds.default(20),
    skills: z.array(id).default([]),
    talk: distribution,
    wrapUp: distribution.optional(),
    patience: distribution.nullable(),
    answerDelay: distribution.default({ kind: 'fixed', value: 0 }),
    noAnswerProbability: probability.default(0),
    callbackShare: probability.optional(),
    breaks: z.object({ every: distribution, length: distribution }).strict().optional(),
    customerClasses: z
      .array(z.object({ name: z.string().min(1).max(40), share: probability, vipLevel: z.number().int().min(0).max(9), patience: distribution.nullable().optional() }).strict())
      .optional(),
    queues: z.array(queue).min(1).max(200),
    agentGroups: z.array(agentGroup).min(1).max(1000),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const skills = new Set(s.skills);
    const queueIds = new Set<string>();
    s.queues.forEach((q, i) => {
      if (queueIds.has(q.id)) issue(['queues', i, 'id'], `队列 "${q.id}" 列了两次`);
      queueIds.add(q.id);
      q.requiredSkills?.forEach((r, j) => {
        if (!skills.has(r.skill)) issue(['queues', i, 'requiredSkills', j, 'skill'], `技能 "${r.skill}" 不在 "skills" 中`);
      });
    });
    const groupIds = new Set<string>();
    let agents = 0;
    s.agentGroups.forEach((g, i) => {
      if (groupIds.has(g.id)) issue(['agentGroups', i, 'id'], `座席组 "${g.id}" 列了两次`);
      groupIds.add(g.id);
      agents += g.count;
      for (const skill of Object.keys(g.skills)) if (!skills.has(skill)) issue(['agentGroups', i, 'skills', skill], `技能 "${skill}" 不在 "skills" 中`);
      g.queues?.forEach((q, j) => {
        if (!queueIds.has(q)) issue(['agentGroups', i, 'queues', j], `没有队列 "${q}"`);
      });
      const spans = g.shifts.map((shift) => {
        const from = minutesOf(shift.logIn);
        const to = minutesOf(shift.logOut);
        return [from, to > from ? to : to + 1440] as const;
      });
      g.shifts.forEach((shift, j) => {
        if (shift.logIn === shift.logOut) issue(['agentGroups', i, 'shifts', j], '签入与签出时间相同');
        // Shifts repeat daily: compare with the others on the same day and the day either side.
        const [from, to] = spans[j]!;
        const clash = spans.findIndex(([f, t], k) => k < j && [-1440, 0, 1440].some((d) => from < t + d && f + d < to));
        if (clash >= 0) issue(['agentGroups', i, 'shifts', j], `与同组的班次 ${clash} 重叠`);
      });
    });
    if (agents > 100_000) issue(['agentGroups'], `共 ${agents} 名座席，最多 100000`);
    const shares = (s.customerClasses ?? []).reduce((a, c) => a + c.share, 0);
    if (shares > 1 + 1e-9) issue(['customerClasses'], `占比合计 ${+shares.toFixed(6)}，超过 1`);
  });

export type ScenarioFile = z.infer<typeof scenarioSchema>;

/** `queues[1].arrivals.calls[3]`: where in the file a problem is. */
function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out || '（整个文件）';
}

function localMs(text: string): number {
  const [date, time = '00:00'] = text.split(/[ T]/) as [string, string?];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return Date.UTC(y, m - 1, d, hh, mm);
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** A profile of rates per interval from the start; exactly one day's worth repeats every day. */
function rateIntervals(start: number, until: number, minutes: number, calls: number[]): IntervalRate[] {
  const seconds = minutes * 60;
  const perDay = 1440 / minutes;
  const repeats = calls.length === perDay;
  const out: IntervalRate[] = [];
  for (let i = 0; start + i * seconds * 1000 < until; i++) {
    if (!repeats && i >= calls.length) break;
    out.push({ start: start + i * seconds * 1000, seconds, calls: calls[i % calls.length]! });
  }
  return out;
}

/** Recorded volumes from `from`, moved onto the scenario's clock; the file's AHT, weighted by calls, when it has one. */
function replayIntervals(file: string, where: string, from: string | undefined, scale: number, start: number, until: number) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${where}：读不到 ${file}（${(err as NodeJS.ErrnoException).code ?? (err as Error).message}）`);
  }
  let volumes: IntervalVolume[];
  try {
    volumes = parseIntervalVolumes(text);
  } catch (err) {
    if (err instanceof IntervalVolumeError) throw new UsageError(`${where}：${file}：${err.message}`);
    throw err;
  }
  const first = from ? localMs(from) : volumes[0]!.start;
  const shift = start - first;
  const rows = volumes.filter((v) => v.start >= first && v.start + shift < until);
  if (rows.length === 0) throw new UsageError(`${where}：${file} 自 ${from ?? '第一行'} 起没有时段`);
  let calls = 0;
  let handled = 0;
  for (const r of rows) {
    if (r.ahtSeconds === undefined) continue;
    calls += r.calls;
    handled += r.calls * r.ahtSeconds;
  }
  return {
    intervals: rows.map((r) => ({ start: r.start + shift, seconds: r.seconds, calls: r.calls * scale })),
    ahtSeconds: calls > 0 ? handled / calls : null,
  };
}

/**
 * Each day's shifts over the run; a log-out at or before the log-in is on the next day, so the day
 * before the start counts too: its night shift is still at work when the run begins.
 */
function shiftTimes(start: number, until: number, shifts: { logIn: string; logOut: string }[]) {
  const out: { logIn: number; logOut: number }[] = [];
  const firstDay = start - (start % 86_400_000) - 86_400_000;
  for (let day = firstDay; day < until; day += 86_400_000) {
    for (const s of shifts) {
      const logIn = day + minutesOf(s.logIn) * 60_000;
      let logOut = day + minutesOf(s.logOut) * 60_000;
      if (logOut <= logIn) logOut += 86_400_000;
      if (logOut <= start || logIn >= until) continue;
      out.push({ logIn: Math.max(logIn, start), logOut });
    }
  }
  return out;
}

/**
 * Reads and checks a scenario file (docs/simulation.md) and resolves it for the simulator: profiles
 * and replayed CSVs to intervals, shift times to the simulated clock. A bad file is a UsageError
 * naming the JSON path and the problem.
 *
 * @example
 * const scenario = loadScenario('examples/scenario.json', { seed: 7 });
 */
export function loadScenario(path: string, overrides: { seed?: number; hours?: number } = {}): Scenario {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`场景文件 ${path} ${code ? `读不到（${code}）` : `不是有效的 JSON（${(err as Error).message}）`}`);
  }
  // Zod's own words (wrong type, too small…) in Chinese; the schema's messages are written so.
  const parsed = scenarioSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${jsonPath(i.path)}: ${i.message}`);
    throw new UsageError(`场景文件 ${path} 有误：${problems.join('；')}`);
  }
  const f = parsed.data;
  const start = localMs(f.start);
  const hours = overrides.hours ?? f.hours;
  const until = start + hours * 3_600_000;
  const queues: ScenarioQueue[] = f.queues.map((q, i) => {
    let intervals: IntervalRate[];
    let talk: Distribution | undefined = q.talk;
    if ('csv' in q.arrivals) {
      const replay = replayIntervals(resolve(dirname(path), q.arrivals.csv), `queues[${i}].arrivals.csv`, q.arrivals.from, q.arrivals.scale, start, until);
      intervals = replay.intervals;
      // The file's handle time stands for the talk time unless the queue gives its own.
      if (!talk && replay.ahtSeconds) talk = { kind: 'lognormal', mean: replay.ahtSeconds, cv: 1 };
    } else {
      intervals = rateIntervals(start, until, q.arrivals.intervalMinutes, q.arrivals.calls);
    }
    return {
      id: q.id,
      arrivals: intervals,
      ...(q.strategy ? { strategy: q.strategy } : {}),
      ...(q.priority !== undefined ? { priority: q.priority } : {}),
      ...(q.requiredSkills ? { requiredSkills: q.requiredSkills.map((r) => ({ skillId: r.skill, minLevel: r.minLevel })) } : {}),
      ...(q.thresholdSeconds !== undefined ? { thresholdSeconds: q.thresholdSeconds } : {}),
      ...(q.ringTimeoutSeconds !== undefined ? { ringTimeoutSeconds: q.ringTimeoutSeconds } : {}),
      ...(talk ? { talk } : {}),
      ...(q.wrapUp ? { wrapUp: q.wrapUp } : {}),
      ...(q.patience !== undefined ? { patience: q.patience } : {}),
      ...(q.vipLevel !== undefined ? { vipLevel: q.vipLevel } : {}),
    };
  });
  return {
    start,
    hours,
    seed: overrides.seed ?? f.seed,
    thresholdSeconds: f.thresholdSeconds,
    talk: f.talk,
    ...(f.wrapUp ? { wrapUp: f.wrapUp } : {}),
    patience: f.patience,
    answerDelay: f.answerDelay,
    noAnswerProbability: f.noAnswerProbability,
    ...(f.callbackShare !== undefined ? { callbackShare: f.callbackShare } : {}),
    ...(f.breaks ? { breaks: f.breaks } : {}),
    ...(f.customerClasses
      ? { customerClasses: f.customerClasses.map((c) => ({ share: c.share, vipLevel: c.vipLevel, ...(c.patience !== undefined ? { patience: c.patience } : {}) })) }
      : {}),
    queues,
    agentGroups: f.agentGroups.map((g) => ({
      id: g.id,
      count: g.count,
      skills: Object.entries(g.skills).map(([skillId, level]) => ({ skillId, level })),
      ...(g.queues ? { queues: g.queues } : {}),
      shifts: shiftTimes(start, until, g.shifts),
    })),
  };
}

/**
 * The scenario moved to `date` on the center's clock: its start's time of day, shifts and
 * arrival profiles keep their local times (the scenario's own date is the file's example day).
 *
 * @example
 * const recorded = onCenterDate(loadScenario(file), '2026-03-02', 'Asia/Shanghai');
 */
export function onCenterDate(scenario: Scenario, date: string, timeZone: string): Scenario {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const fileDay = scenario.start - (scenario.start % 86_400_000);
  const minutes = (scenario.start - fileDay) / 60_000;
  const shift = fromLocal(y, m, d, Math.floor(minutes / 60), minutes % 60, timeZone) - scenario.start;
  return {
    ...scenario,
    start: scenario.start + shift,
    queues: scenario.queues.map((q) => ({ ...q, arrivals: q.arrivals.map((a) => ({ ...a, start: a.start + shift })) })),
    agentGroups: scenario.agentGroups.map((g) => ({ ...g, shifts: g.shifts.map((s) => ({ logIn: s.logIn + shift, logOut: s.logOut + shift })) })),
  };
}
