/**
 * Shift scheduling with HiGHS: a month of 96 quarter-hours (March 2023's real 15-minute volumes and
 * AHT from examples/call-volumes/interval_volumes_2023-03.csv, staffed by Erlang C for 80% in 30 s
 * with 30% shrinkage) covered at least cost by a 24-hour line's shift templates: full shifts across
 * the day, a night shift over midnight and four-hour part-time shifts. Goal (issue 15): under 3 s.
 * Then a 50-agent team's month roster with the rules (5 days and 40 hours a week, 11 hours' rest,
 * 6 days in a row, fair weekends and nights; five part-timers at 3 days and 24 hours, five who work
 * no night shift) covering 4% of the same requirement (what 50 agents can carry) with five of the
 * shifts, and each shift's lunch placed in its window against that requirement. Then the same month
 * with skills: the requirement split 60/40 between two queues (售前, 售后), agents 0-29 with 售前,
 * 20-49 with 售后 (ten with both).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { breakMinute, defaultBreaks, placeBreaks, requiredAgents, type ShiftTemplate } from '../packages/core/src/index';
import { solveCovering, solveRoster } from '../packages/server/src/wfm/solver';
import type { BenchResult } from './index';

const centerShifts: ShiftTemplate[] = [
  { name: '早一', start: '07:00', end: '16:00' },
  { name: '早班', start: '08:30', end: '17:30' },
  { name: '中一', start: '10:00', end: '19:00' },
  { name: '中班', start: '12:00', end: '21:00' },
  { name: '晚一', start: '14:00', end: '23:00' },
  { name: '晚班', start: '15:00', end: '24:00' },
  { name: '夜班', start: '23:00', end: '08:00', cost: 10.5 },
  { name: '兼职上午', start: '09:00', end: '13:00', cost: 4.4 },
  { name: '兼职午间', start: '11:00', end: '15:00', cost: 4.4 },
  { name: '兼职下午', start: '14:00', end: '18:00', cost: 4.4 },
  { name: '兼职傍晚', start: '17:00', end: '21:00', cost: 4.4 },
];

function monthRequirements() {
  const text = readFileSync(fileURLToPath(new URL('../examples/call-volumes/interval_volumes_2023-03.csv', import.meta.url)), 'utf8').replace(/^\ufeff/, '');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [tc, volume, aht] = line.split(',');
      const ahtSeconds = Number(aht) || 300;
      const traffic = (Number(volume) * ahtSeconds) / 900;
      return { start: `${tc!.slice(0, 10)}T${tc!.slice(11, 16)}`, agents: requiredAgents({ traffic, ahtSeconds, thresholdSeconds: 30, target: 0.8, shrinkage: 0.3 }).scheduled };
    });
}

export default async function (): Promise<BenchResult[]> {
  const requirements = monthRequirements();
  await solveCovering(requirements.slice(0, 96), centerShifts);
  const t0 = process.hrtime.bigint();
  const result = await solveCovering(requirements, centerShifts);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const required = requirements.reduce((sum, r) => sum + r.agents, 0);
  const scheduled = result.coverage.reduce((sum, c) => sum + c.scheduled, 0);
  const agents = Array.from({ length: 50 }, (_, i) => ({
    id: `a${i}`,
    unavailable: i % 10 === 0 ? ['2023-03-15', '2023-03-16'] : [],
    ...(i >= 45 ? { maxDaysPerWeek: 3, maxHoursPerWeek: 24 } : {}),
    ...(i >= 40 && i < 45 ? { excludedShifts: ['夜班'] } : {}),
  }));
  const fullShifts = centerShifts.filter((s) => ['早一', '早班', '中班', '晚班', '夜班'].includes(s.name));
  const t1 = process.hrtime.bigint();
  const roster = await solveRoster(
    { agents, from: '2023-03-01', to: '2023-03-31', shifts: fullShifts, requirements: requirements.map((r) => ({ start: r.start, agents: Math.ceil(r.agents * 0.04) })) },
    30,
  );
  const rosterMs = Number(process.hrtime.bigint() - t1) / 1e6;
  const rosterRequired = new Map(requirements.map((r) => [breakMinute(r.start), Math.ceil(r.agents * 0.04)]));
  const t2 = process.hrtime.bigint();
  const breaks = placeBreaks(
    roster.shifts.map((s) => {
      const t = fullShifts.find((f) => f.name === s.shift)!;
      return { start: s.start, end: s.end, breaks: defaultBreaks(t.start, t.end) };
    }),
    rosterRequired,
    15,
  );
  const breaksMs = Number(process.hrtime.bigint() - t2) / 1e6;
  const skilled = agents.map((a, i) => ({ ...a, skills: [...(i < 30 ? ['售前'] : []), ...(i >= 20 ? ['售后'] : [])] }));
  const byQueue = requirements.flatMap((r) => {
    const team = Math.ceil(r.agents * 0.04);
    const sales = Math.round(team * 0.6);
    return [
      { start: r.start, agents: sales, skill: '售前' },
      { start: r.start, agents: team - sales, skill: '售后' },
    ];
  });
  const t3 = process.hrtime.bigint();
  const skillRoster = await solveRoster({ agents: skilled, from: '2023-03-01', to: '2023-03-31', shifts: fullShifts, requirements: byQueue }, 30);
  const skillMs = Number(process.hrtime.bigint() - t3) / 1e6;
  const skillShort = skillRoster.short.reduce((sum, s) => sum + s.required - s.scheduled, 0);
  const shortAgentIntervals = roster.short.reduce((sum, s) => sum + s.required - s.scheduled, 0);
  console.log(
    JSON.stringify({
      bench: 'schedule',
      intervals: requirements.length,
      shifts: centerShifts.length,
      status: result.status,
      objective: result.objective,
      required,
      scheduled,
      ms: Math.round(ms),
      roster: { agents: agents.length, status: roster.status, shifts: roster.shifts.length, shortIntervals: roster.short.length, shortAgentIntervals, ms: Math.round(rosterMs) },
      breaks: { placed: breaks.flat().length, ms: Math.round(breaksMs) },
      skills: { status: skillRoster.status, shifts: skillRoster.shifts.length, shortEntries: skillRoster.short.length, short: skillShort, ms: Math.round(skillMs) },
    }),
  );
  return [
    { name: `covering a month × 96 intervals × ${centerShifts.length} shifts (HiGHS)`, value: ms, unit: 'ms', target: '< 3000', ok: ms < 3000 && result.status === 'optimal' },
    { name: 'scheduled ÷ required agent-intervals', value: scheduled / required, unit: 'ratio' },
    { name: '50-agent month roster with rules (HiGHS, two stages)', value: rosterMs, unit: 'ms', target: '< 10000', ok: roster.status === 'optimal' && rosterMs < 10_000 },
    { name: '50-agent roster: agent-intervals short', value: shortAgentIntervals, unit: 'intervals' },
    { name: '50-agent month roster, two queues by skill', value: skillMs, unit: 'ms', target: '< 10000', ok: skillRoster.status === 'optimal' && skillMs < 10_000 },
    { name: '50-agent roster by skill: agent-intervals short', value: skillShort, unit: 'intervals' },
    { name: "50-agent roster: every shift's lunch placed in its window", value: breaksMs, unit: 'ms' },
  ];
}
