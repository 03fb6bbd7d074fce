import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MySchedule, Roster, RosterBreakRule, RosterShortInterval, ScheduleChange, ShortReason } from '@banzu/contract';
import {
  type Actor,
  addDays,
  breakMinute,
  type DomainEvent,
  dayKind,
  defaultBreaks,
  fromLocal,
  type LeaveKind,
  leaveKindNames,
  localDate,
  localParts,
  minuteOfDay,
  placeBreaks,
  type RosterPlan,
  type RosterRequirement,
  rosterCoverage,
  rosterSkillShortage,
  type ShiftTemplate,
} from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { ApiError, BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import { sendWorkbook, tableWorkbook } from '../reports/index';
import { exportLanguage, inLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';
import { unavailableSpansOf } from './availability';
import { asChange, breakInstants, type DayChange, recordChanges, shiftsOn } from './changes';
import { forecastQuery, planningRoles, queueForecast } from './forecast';
import { approvedHalfDays, takeHalfDaysOff } from './leave';
import { solveRoster } from './solver';

/** The center's usual shifts when the leader names none: seed 003's day (早班 08:30-17:30) and a line open into the evening. */
export const defaultShifts: ShiftTemplate[] = [
  { name: '早班', start: '08:30', end: '17:30' },
  { name: '中班', start: '11:00', end: '20:00' },
  { name: '晚班', start: '13:00', end: '22:00' },
];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'org.month_format');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'org.clock_time');
const breakSchema = z.strictObject({ name: z.string().trim().min(1).max(20), minutes: z.number().int().min(15).max(240).multipleOf(15), earliest: clock, latest: clock });
const shiftSchema = z.strictObject({
  name: z.string().trim().min(1).max(20),
  start: clock,
  end: clock,
  cost: z.number().min(0).max(1000).optional(),
  /** Breaks inside windows (午休 60 min in 11:00-14:00); absent, an hour's lunch for a shift of 6 hours or more; [] none. */
  breaks: z.array(breakSchema).max(4).optional(),
});

const generateBody = z.strictObject({
  teamId: z.string().min(1),
  month,
  /** The queues the team answers: their forecasts are the requirement. */
  queueIds: z.array(z.string().min(1)).min(1).max(20),
  /** The team's share of those queues' requirement (several teams answer the same queues); default all. */
  share: z.number().gt(0).max(1).default(1),
  shifts: z.array(shiftSchema).min(1).max(20).default(defaultShifts),
  maxDaysPerWeek: z.number().int().min(1).max(7).default(5),
  maxHoursPerWeek: z.number().min(1).max(84).default(40),
  minRestHours: z.number().min(0).max(24).default(11),
  maxConsecutiveDays: z.number().int().min(1).max(14).default(6),
  /** Share of scheduled time off the phones, for the requirement and the predicted service level. */
  shrinkage: z.number().min(0).lt(1).default(0.3),
  /** Callers' mean patience: given, staff by Erlang A. */
  patienceSeconds: z.number().min(1).max(3600).optional(),
  /** Staff by Erlang A with the patience the queues' own history shows. */
  patienceFromHistory: z.boolean().default(false),
  /** The center's rules for particular agents, over the team's: part-timers' hours, no night shifts … */
  agentRules: z
    .array(
      z.strictObject({
        userId: z.string().min(1),
        maxDaysPerWeek: z.number().int().min(0).max(7).optional(),
        maxHoursPerWeek: z.number().min(0).max(84).optional(),
        excludedShifts: z.array(z.string().min(1)).max(20).optional(),
      }),
    )
    .max(500)
    .default([]),
});

/** A shift template's breaks: its own, else an hour's lunch for a long shift. */
const breaksOf = (t: { start: string; end: string; breaks?: RosterBreakRule[] }): RosterBreakRule[] => t.breaks ?? defaultBreaks(t.start, t.end);

/** Whether some template spans the local interval [start, start + minutes) whole, on its day or from the day before. */
function spanned(templates: readonly ShiftTemplate[], start: string, minutes: number): boolean {
  const at = minuteOfDay(start.slice(11));
  return templates.some((t) => {
    const from = minuteOfDay(t.start);
    let to = minuteOfDay(t.end);
    if (to <= from) to += 1440;
    return (from <= at && at + minutes <= to) || (from <= at + 1440 && at + 1440 + minutes <= to);
  });
}

/** Why an interval is short: no shift spans it, fewer agents free that day than it needs, or the rules per agent. */
function shortReason(templates: readonly ShiftTemplate[], intervalMinutes: number, point: { start: string; required: number }, free: number): Exclude<ShortReason, 'skill'> {
  if (!spanned(templates, point.start, intervalMinutes)) return 'no_shift';
  return free < point.required ? 'headcount' : 'rules';
}

/** Full days of approved leave per agent between two dates, with the kind: no shift on them. */
async function leaveDates(db: Queryable, userIds: readonly string[], from: string, to: string): Promise<Map<string, { date: string; kind: LeaveKind }[]>> {
  const rows = await db.query<{ agentId: string; kind: LeaveKind; startDate: string; endDate: string }>(
    `SELECT agent_id AS "agentId", kind, to_char(start_date, 'YYYY-MM-DD') AS "startDate", to_char(end_date, 'YYYY-MM-DD') AS "endDate"
       FROM leave_requests WHERE status = 'approved' AND NOT half_day AND agent_id = ANY($1::text[]) AND start_date <= $3::date AND end_date >= $2::date`,
    [userIds, from, to],
  );
  const dates = new Map<string, { date: string; kind: LeaveKind }[]>();
  for (const r of rows) {
    const list = dates.get(r.agentId) ?? [];
    for (let d = r.startDate < from ? from : r.startDate; d <= r.endDate && d <= to; d = addDays(d, 1)) list.push({ date: d, kind: r.kind });
    dates.set(r.agentId, list);
  }
  return dates;
}

/**
 * The queues that require skills, each with its name and the agents who have every one of them at
 * the level it asks (routing's rule): only they are rostered for its calls.
 */
async function skillGroups(db: Queryable, queueIds: readonly string[], agentIds: readonly string[]): Promise<Map<string, { name: string; members: Set<string> }>> {
  const queues = await db.query<{ id: string; name: string; requiredSkills: { skillId: string; minLevel: number }[] }>(
    'SELECT id, name, required_skills AS "requiredSkills" FROM queues WHERE id = ANY($1::text[]) ORDER BY id',
    [queueIds],
  );
  const levels = await db.query<{ agentId: string; skillId: string; level: number }>(
    'SELECT agent_id AS "agentId", skill_id AS "skillId", level FROM agent_skills WHERE agent_id = ANY($1::text[])',
    [agentIds],
  );
  const level = new Map(levels.map((l) => [`${l.agentId} ${l.skillId}`, l.level]));
  return new Map(
    queues
      .filter((q) => q.requiredSkills.length > 0)
      .map((q) => [q.id, { name: q.name, members: new Set(agentIds.filter((a) => q.requiredSkills.every((r) => (level.get(`${a} ${r.skillId}`) ?? 0) >= r.minLevel))) }]),
  );
}

/** A team leader plans and sees only the own team; supervisors and above any team. */
function checkTeam(actor: Actor, teamId: string): void {
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError(words('wfm.roster_own_team'));
}

/** The first and last dates of a month. */
function monthDays(m: string): { from: string; to: string } {
  const from = `${m}-01`;
  return { from, to: addDays(addDays(from, 32).slice(0, 8).concat('01'), -1) };
}

/**
 * The days a roster generated today plans: the month's days from tomorrow on. On a month's last day
 * that month has none left (`start` after `to`) yet may still be drafted, so the leader can put
 * today's shifts on it by hand; only a month wholly in the past is refused.
 *
 * @example
 * rosterHorizon('2026-02', '2026-01-31'); // { from: '2026-02-01', to: '2026-02-28', start: '2026-02-01', days: 28 }
 * rosterHorizon('2026-01', '2026-01-31'); // { from: '2026-01-01', to: '2026-01-31', start: '2026-02-01', days: 0 }
 */
export function rosterHorizon(m: string, today: string): { from: string; to: string; start: string; days: number } {
  const { from, to } = monthDays(m);
  if (to < today) throw new BadRequestError(words('wfm.roster_past', { month: m }));
  const start = from > today ? from : addDays(today, 1);
  return { from, to, start, days: Math.max(0, Math.round((Date.parse(to) - Date.parse(start)) / 86_400_000) + 1) };
}

interface RosterRow {
  status: 'draft' | 'published';
  shiftTemplates: ShiftTemplate[];
  short: Roster['short'];
  plan: RosterPlan | null;
  generatedAt: Date;
  publishedAt: Date | null;
}

/**
 * A team's month as the leader's grid shows it: the agents (工号 and name), each one's shifts with
 * local start and end in the center's time zone, the intervals left short, and whether it is published.
 */
export async function loadRoster(db: Queryable, teamId: string, m: string): Promise<Roster> {
  const [roster] = await db.query<RosterRow>(
    `SELECT status, shift_templates AS "shiftTemplates", short, plan, generated_at AS "generatedAt", published_at AS "publishedAt"
       FROM wfm_rosters WHERE team_id = $1 AND month = $2`,
    [teamId, m],
  );
  if (!roster) throw new NotFoundError(words('wfm.roster_missing', { month: m }));
  const { calendar, timeZone } = await loadCenterCalendar(db);
  const agents = await db.query<{ userId: string; employeeNo: string; name: string }>(
    `SELECT u.id AS "userId", a.employee_no AS "employeeNo", u.display_name AS name
       FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND NOT u.disabled ORDER BY a.employee_no`,
    [teamId],
  );
  const shifts = (
    await db.query<{ userId: string; date: string; shift: string; startsAt: Date; endsAt: Date; breaks: { name: string; start: string; end: string }[] }>(
      `SELECT user_id AS "userId", to_char(date, 'YYYY-MM-DD') AS date, shift, starts_at AS "startsAt", ends_at AS "endsAt", breaks
         FROM wfm_roster_shifts WHERE team_id = $1 AND month = $2 ORDER BY date, starts_at, user_id`,
      [teamId, m],
    )
  ).map((s) => ({
    userId: s.userId,
    date: s.date,
    shift: s.shift,
    start: localTime(s.startsAt, timeZone),
    end: localTime(s.endsAt, timeZone),
    breaks: s.breaks.map((b) => ({ name: b.name, start: localTime(new Date(b.start), timeZone), end: localTime(new Date(b.end), timeZone) })),
  }));
  const { from, to } = monthDays(m);
  const overtime = (
    await overtimeBetween(
      db,
      agents.map((a) => a.userId),
      from,
      to,
    )
  ).map((o) => ({ ...o, start: localTime(o.startsAt, timeZone), end: localTime(o.endsAt, timeZone) }));
  const days: Roster['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, kind: dayKind(calendar, d) });
  const away = await leaveDates(
    db,
    agents.map((a) => a.userId),
    from,
    to,
  );
  // The curve and what is short follow the roster as it stands: leave, swaps and overtime included.
  let short = roster.short;
  let coverage: Roster['coverage'] = [];
  if (roster.plan) {
    const plan = roster.plan;
    coverage = rosterCoverage(
      plan,
      [...shifts, ...overtime],
      shifts.flatMap((s) => s.breaks),
    );
    const freeOn = (date: string) => agents.length - [...away.values()].filter((days) => days.some((d) => d.date === date)).length;
    const total: RosterShortInterval[] = coverage
      .filter((c) => c.scheduled < c.required)
      .map((c) => ({
        start: c.start,
        required: c.required,
        scheduled: c.scheduled,
        reason: shortReason(roster.shiftTemplates, plan.intervalMinutes, c, freeOn(c.start.slice(0, 10))),
      }));
    const bySkill = await skillShort(db, plan, agents, shifts, overtime);
    // Where the skilled agents missing are all the total misses, the skill is why: the total's line would only repeat it with a guessed cause.
    const skillMissing = new Map<string, number>();
    for (const s of bySkill) skillMissing.set(s.start, Math.max(skillMissing.get(s.start) ?? 0, s.required - s.scheduled));
    short = [...total.filter((t) => t.required - t.scheduled > (skillMissing.get(t.start) ?? 0)), ...bySkill].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }
  return {
    teamId,
    month: m,
    timeZone,
    status: roster.status,
    publishedAt: roster.publishedAt ? new Date(roster.publishedAt).toISOString() : null,
    shiftTemplates: roster.shiftTemplates,
    short,
    coverage,
    days,
    agents,
    shifts,
    overtime: overtime.map(({ startsAt: _s, endsAt: _e, ...o }) => o),
    leave: [...away].flatMap(([userId, days]) => days.map((d) => ({ userId, ...d }))),
  };
}

/**
 * The intervals where a queue's skilled agents on the phones fall short of its own requirement,
 * with the skills and levels as they are now (routing's rule), even when the team's total is enough.
 */
async function skillShort(
  db: Queryable,
  plan: RosterPlan,
  agents: readonly { userId: string }[],
  shifts: readonly { userId: string; start: string; end: string; breaks: { start: string; end: string }[] }[],
  overtime: readonly { userId: string; start: string; end: string }[],
): Promise<RosterShortInterval[]> {
  const queueIds = [...new Set(plan.intervals.flatMap((i) => Object.keys(i.skills ?? {})))];
  if (queueIds.length === 0) return [];
  const groups = await skillGroups(
    db,
    queueIds,
    agents.map((a) => a.userId),
  );
  // A queue that no longer requires skills is anyone's: the team's total covers it.
  const current: RosterPlan = {
    ...plan,
    intervals: plan.intervals.map((i) => ({ ...i, skills: Object.fromEntries(Object.entries(i.skills ?? {}).filter(([q]) => groups.has(q))) })),
  };
  const skillsOf = new Map(agents.map((a) => [a.userId, new Set([...groups].flatMap(([q, g]) => (g.members.has(a.userId) ? [q] : [])))]));
  return rosterSkillShortage(
    current,
    [...shifts, ...overtime].map((s) => ({ agentId: s.userId, start: s.start, end: s.end })),
    shifts.flatMap((s) => s.breaks.map((b) => ({ agentId: s.userId, start: b.start, end: b.end }))),
    skillsOf,
  ).map((s) => ({
    start: s.start,
    required: s.required,
    scheduled: s.scheduled,
    reason: 'skill' as const,
    queues: s.groups.map((q) => ({ id: q, name: groups.get(q)!.name })),
  }));
}

/** Approved overtime of the agents between two dates (inclusive). */
async function overtimeBetween(db: Queryable, userIds: readonly string[], from: string, to: string) {
  if (userIds.length === 0) return [];
  return db.query<{ id: string; userId: string; date: string; startsAt: Date; endsAt: Date; compensation: 'pay' | 'time_off' }>(
    `SELECT id, agent_id AS "userId", to_char(date, 'YYYY-MM-DD') AS date, starts_at AS "startsAt", ends_at AS "endsAt", compensation
       FROM wfm_overtime WHERE status = 'approved' AND agent_id = ANY($1::text[]) AND date BETWEEN $2::date AND $3::date ORDER BY starts_at, agent_id`,
    [userIds, from, to],
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Local `YYYY-MM-DDTHH:MM` of an instant in the center's zone. */
export function localTime(at: Date, timeZone: string): string {
  const p = localParts(new Date(at).getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
/** The instant of a local `YYYY-MM-DDTHH:MM` in the center's zone. */
export function instant(local: string, timeZone: string): Date {
  const [y, mo, d, h, mi] = local.split(/[-T:]/).map(Number) as [number, number, number, number, number];
  return new Date(fromLocal(y, mo, d, h, mi, timeZone));
}

export async function rosterRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock, log } = app.banzu;
  const teamMonth = z.object({ teamId: z.string().min(1), month });

  routes.post(
    '/api/v1/wfm/rosters',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary:
          "Generate a team's month of shifts as a draft: the queues' forecast requirement covered with HiGHS under the rules (days and hours per week, rest between shifts, consecutive days); short intervals listed",
        body: generateBody,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      checkTeam(actor, body.teamId);
      const [team] = await store.query<{ id: string }>('SELECT id FROM teams WHERE id = $1', [body.teamId]);
      if (!team) throw new NotFoundError(missing('team', body.teamId));
      const [existing] = await store.query<{ status: string }>('SELECT status FROM wfm_rosters WHERE team_id = $1 AND month = $2', [body.teamId, body.month]);
      if (existing?.status === 'published') throw new ApiError(409, 'already_published', words('wfm.roster_published_regenerate', { month: body.month }));
      const names = new Set(body.shifts.map((s) => s.name));
      if (names.size !== body.shifts.length) throw new BadRequestError(words('wfm.shift_names_twice'), { field: 'shifts' });

      const { timeZone } = await loadCenterCalendar(store);
      const today = localDate(clock.now(), timeZone);
      const { from, to, start, days } = rosterHorizon(body.month, today);
      // With no day left the forecast still runs (a day ahead, none of it kept): the queues and their history are checked alike.
      const horizonDays = Math.max(1, Math.round((Date.parse(to) - Date.parse(today)) / 86_400_000));
      // The team's plan: its share of the queues' calls per interval (AHT weighted by calls), the agents to schedule.
      const byStart = new Map<string, { calls: number; handled: number; required: number }>();
      /** Each queue's own agents to schedule per interval start, for the queues that require skills. */
      const byQueue = new Map<string, Map<string, number>>();
      let intervalMinutes = 30;
      for (const queueId of body.queueIds) {
        const forecast = await queueForecast(
          store,
          clock.now(),
          forecastQuery.parse({
            queueId,
            horizonDays: Math.min(62, horizonDays),
            shrinkage: body.shrinkage,
            patienceSeconds: body.patienceSeconds,
            patienceFromHistory: body.patienceFromHistory,
          }),
        );
        intervalMinutes = forecast.intervalMinutes;
        for (const i of forecast.intervals) {
          if (i.start < from || i.start.slice(0, 10) > to) continue;
          const b = byStart.get(i.start) ?? { calls: 0, handled: 0, required: 0 };
          b.calls += i.calls * body.share;
          b.handled += i.calls * body.share * i.aht;
          b.required += i.scheduled;
          byStart.set(i.start, b);
          const own = byQueue.get(queueId) ?? new Map<string, number>();
          own.set(i.start, i.scheduled);
          byQueue.set(queueId, own);
        }
      }
      const [{ threshold }] = (await store.query<{ threshold: number }>('SELECT MIN(sl_threshold_seconds)::int AS threshold FROM queues WHERE id = ANY($1::text[])', [
        body.queueIds,
      ])) as [{ threshold: number }];
      const plan: RosterPlan = {
        intervalMinutes,
        shrinkage: body.shrinkage,
        minRestHours: body.minRestHours,
        thresholdSeconds: threshold ?? 20,
        intervals: [...byStart]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([start, b]) => ({ start, calls: b.calls, aht: b.calls > 0 ? b.handled / b.calls : 0, required: Math.ceil(b.required * body.share - 1e-9) })),
      };
      const agents = await store.query<{ id: string }>(
        'SELECT u.id FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND NOT u.disabled ORDER BY a.employee_no',
        [body.teamId],
      );
      if (agents.length === 0) throw new ApiError(409, 'no_agents', words('wfm.roster_no_agents'));
      const groups = await skillGroups(
        store,
        body.queueIds,
        agents.map((a) => a.id),
      );
      // Each skill group's own requirement is kept with the plan, so the grid can say which skill is short.
      if (groups.size > 0) {
        for (const i of plan.intervals) {
          i.skills = Object.fromEntries([...groups.keys()].map((q) => [q, Math.ceil((byQueue.get(q)?.get(i.start) ?? 0) * body.share - 1e-9)]));
        }
      }
      // A queue that requires skills is covered by its own agents only; the other queues' calls are anyone's.
      const requirements: RosterRequirement[] =
        groups.size === 0
          ? plan.intervals.map((i) => ({ start: i.start, agents: i.required }))
          : plan.intervals.flatMap((i) => {
              const anyone = body.queueIds.filter((q) => !groups.has(q)).reduce((sum, q) => sum + (byQueue.get(q)?.get(i.start) ?? 0), 0);
              return [
                { start: i.start, agents: Math.ceil(anyone * body.share - 1e-9) },
                ...Object.entries(i.skills ?? {}).map(([q, n]) => ({ start: i.start, agents: n, skill: q })),
              ];
            });
      const rules = new Map(body.agentRules.map((r) => [r.userId, r]));
      const unknown = body.agentRules.find((r) => !agents.some((a) => a.id === r.userId));
      if (unknown) throw new BadRequestError(words('wfm.not_team_agent', { agent: unknown.userId }), { field: 'agentRules' });
      const templateNames = new Set(body.shifts.map((t) => t.name));
      const badShift = body.agentRules.flatMap((r) => r.excludedShifts ?? []).find((n) => !templateNames.has(n));
      if (badShift) throw new BadRequestError(words('wfm.no_shift', { shift: badShift }), { field: 'agentRules' });
      for (const t of body.shifts) {
        for (const b of breaksOf(t)) {
          const placed = placeBreaks([{ start: `2000-01-03T${t.start}`, end: `${t.end <= t.start ? '2000-01-04' : '2000-01-03'}T${t.end}`, breaks: [b] }], new Map(), 15);
          if (placed[0]!.length === 0) {
            throw new BadRequestError(words('wfm.break_does_not_fit', { shift: t.name, break: b.name, minutes: b.minutes, from: b.earliest, to: b.latest }), { field: 'shifts' });
          }
        }
      }
      const away = await leaveDates(
        store,
        agents.map((a) => a.id),
        start,
        to,
      );
      const cannot = await unavailableSpansOf(
        store,
        agents.map((a) => a.id),
        start,
        to,
      );
      const roster =
        days === 0
          ? { status: 'optimal' as const, shifts: [], short: [] }
          : await solveRoster({
              agents: agents.map((a) => ({
                id: a.id,
                maxDaysPerWeek: rules.get(a.id)?.maxDaysPerWeek ?? body.maxDaysPerWeek,
                maxHoursPerWeek: rules.get(a.id)?.maxHoursPerWeek ?? body.maxHoursPerWeek,
                excludedShifts: rules.get(a.id)?.excludedShifts,
                unavailable: away.get(a.id)?.map((d) => d.date),
                unavailableSpans: cannot.get(a.id),
                skills: [...groups].flatMap(([q, g]) => (g.members.has(a.id) ? [q] : [])),
              })),
              from: start,
              to,
              shifts: body.shifts,
              requirements,
              rules: { minRestHours: body.minRestHours, maxConsecutiveDays: body.maxConsecutiveDays },
            });
      // Breaks where the team can best spare the agent: against the requirement, day by day.
      const required = new Map(plan.intervals.map((i) => [breakMinute(i.start), i.required]));
      const templateBreaks = new Map(body.shifts.map((t) => [t.name, breaksOf(t)]));
      const breaks = placeBreaks(
        roster.shifts.map((s) => ({ start: s.start, end: s.end, breaks: templateBreaks.get(s.shift) ?? [] })),
        required,
        intervalMinutes,
      );
      const freeOn = (date: string) => agents.length - [...away.values()].filter((days) => days.some((d) => d.date === date)).length;
      const short: RosterShortInterval[] = roster.short.map(({ skill, ...i }) =>
        skill === undefined
          ? { ...i, reason: shortReason(body.shifts, intervalMinutes, i, freeOn(i.start.slice(0, 10))) }
          : {
              ...i,
              reason: 'skill',
              queues: skill
                .split('+')
                .filter((q) => q !== '')
                .map((q) => ({ id: q, name: groups.get(q)?.name ?? q })),
            },
      );
      await store.transaction(async (tx) => {
        await tx.query('DELETE FROM wfm_rosters WHERE team_id = $1 AND month = $2', [body.teamId, body.month]);
        await tx.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, short, plan, generated_at, generated_by) VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7)`, [
          body.teamId,
          body.month,
          JSON.stringify(body.shifts),
          JSON.stringify(short),
          JSON.stringify(plan),
          new Date(clock.now()),
          actor.userId,
        ]);
        for (const [i, s] of roster.shifts.entries()) {
          await tx.query('INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at, breaks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
            body.teamId,
            body.month,
            s.agentId,
            s.date,
            s.shift,
            instant(s.start, timeZone),
            instant(s.end, timeZone),
            JSON.stringify(breaks[i]!.map((b) => ({ name: b.name, start: instant(b.start, timeZone).toISOString(), end: instant(b.end, timeZone).toISOString() }))),
          ]);
        }
        // Half-day leave approved before the month was drafted leaves the agent half the shift.
        await takeHalfDaysOff(
          tx,
          log,
          await approvedHalfDays(
            tx,
            agents.map((a) => a.id),
            start,
            to,
          ),
          actor.userId,
          clock.now(),
        );
      });
      return loadRoster(store, body.teamId, body.month);
    },
  );

  routes.get(
    '/api/v1/wfm/rosters/:teamId/:month',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary: "A team's month of shifts (the leader's grid): agents, shifts in the center's time zone, short intervals; format=xlsx for the paper 班表",
        params: teamMonth,
        querystring: z.object({ format: z.enum(['json', 'xlsx']).default('json') }),
      },
    },
    async (request, reply) => {
      const { teamId, month: m } = request.params;
      checkTeam(actorOf(request), teamId);
      const roster = await loadRoster(store, teamId, m);
      if (request.query.format === 'json') return roster;
      const byAgentDay = new Map(roster.shifts.map((s) => [`${s.userId} ${s.date}`, s.shift]));
      const leaveOf = new Map(roster.leave.map((l) => [`${l.userId} ${l.date}`, l.kind]));
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const xlsx = await tableWorkbook(
        `${say('班表', 'Roster')} · ${m}${roster.status === 'published' ? '' : say('（草稿）', ' (draft)')}`,
        [
          { title: say('工号', 'Employee no.') },
          { title: say('姓名', 'Name') },
          ...roster.days.map((d) => ({ title: `${d.date.slice(8)}${d.kind === 'holiday' ? say(' 节', ' hol') : d.kind === 'makeup' ? say(' 班', ' wd') : ''}`, width: 7 })),
        ],
        roster.agents.map((a) => [
          a.employeeNo,
          a.name,
          ...roster.days.map(
            (d) =>
              byAgentDay.get(`${a.userId} ${d.date}`) ??
              (leaveOf.has(`${a.userId} ${d.date}`)
                ? say(leaveKindNames[leaveOf.get(`${a.userId} ${d.date}`)!].zh, leaveKindNames[leaveOf.get(`${a.userId} ${d.date}`)!].en)
                : say('休', 'off')),
          ),
        ]),
        [roster.shiftTemplates.map((t) => `${t.name} ${t.start}-${t.end}`).join('  ')],
      );
      return sendWorkbook(reply, `banzu-roster-${m}.xlsx`, xlsx);
    },
  );

  routes.post(
    '/api/v1/wfm/rosters/:teamId/:month/publish',
    {
      config: { roles: planningRoles },
      schema: { tags: ['wfm'], summary: "Publish a team's month: its agents see their shifts and the reports count their scheduled time (出勤率); audited", params: teamMonth },
    },
    async (request) => {
      const actor = actorOf(request);
      const { teamId, month: m } = request.params;
      checkTeam(actor, teamId);
      const rows = await store.transaction(async (tx) => {
        const published = await tx.query<{ status: string }>(
          `UPDATE wfm_rosters SET status = 'published', published_at = $3, published_by = $4 WHERE team_id = $1 AND month = $2 AND status = 'draft' RETURNING status`,
          [teamId, m, new Date(clock.now()), actor.userId],
        );
        if (published.length > 0) await log.appendIn(tx, [await rosterPublished(tx, teamId, m, clock.now())]);
        return published;
      });
      if (rows.length === 0) {
        await loadRoster(store, teamId, m);
        throw new ApiError(409, 'already_published', words('wfm.roster_published', { month: m }));
      }
      const roster = await loadRoster(store, teamId, m);
      await writeAudit(store, { userId: actor.userId, action: 'roster.publish', subject: 'roster', rowCount: roster.shifts.length, detail: { teamId, month: m } });
      return roster;
    },
  );

  routes.get(
    '/api/v1/wfm/my-schedule',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['wfm'],
        summary: "My published shifts with their breaks and my approved overtime in a month, in the center's time zone, and the changes to them not yet read",
        querystring: z.object({ month }),
      },
    },
    async (request): Promise<MySchedule> => {
      const actor = actorOf(request);
      const { timeZone } = await loadCenterCalendar(store);
      const shifts = await store.query<{ date: string; shift: string; startsAt: Date; endsAt: Date; breaks: { name: string; start: string; end: string }[] }>(
        `SELECT to_char(s.date, 'YYYY-MM-DD') AS date, s.shift, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.breaks
           FROM wfm_roster_shifts s JOIN wfm_rosters r ON r.team_id = s.team_id AND r.month = s.month
          WHERE s.user_id = $1 AND s.month = $2 AND r.status = 'published' ORDER BY s.date`,
        [actor.userId, request.query.month],
      );
      const { from, to } = monthDays(request.query.month);
      const overtime = await overtimeBetween(store, [actor.userId], from, to);
      return {
        month: request.query.month,
        timeZone,
        shifts: shifts.map((s) => ({
          date: s.date,
          shift: s.shift,
          start: localTime(s.startsAt, timeZone),
          end: localTime(s.endsAt, timeZone),
          breaks: s.breaks.map((b) => ({ name: b.name, start: localTime(new Date(b.start), timeZone), end: localTime(new Date(b.end), timeZone) })),
        })),
        overtime: overtime.map((o) => ({ id: o.id, date: o.date, start: localTime(o.startsAt, timeZone), end: localTime(o.endsAt, timeZone), compensation: o.compensation })),
        changes: await unreadChanges(store, actor.userId),
      };
    },
  );

  routes.get(
    '/api/v1/wfm/team-schedule',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['wfm'],
        summary: "My team's published month, as the paper 班表 on the wall shows it: the agents and who works which shift when (for proposing a swap)",
        querystring: z.object({ month }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const empty = { month: request.query.month, agents: [], shifts: [] };
      if (!actor.teamId) return empty;
      const [row] = await store.query<{ status: string }>('SELECT status FROM wfm_rosters WHERE team_id = $1 AND month = $2', [actor.teamId, request.query.month]);
      if (row?.status !== 'published') return empty;
      const roster = await loadRoster(store, actor.teamId, request.query.month);
      return { month: roster.month, agents: roster.agents, shifts: roster.shifts.map(({ breaks: _, ...s }) => s) };
    },
  );

  routes.post('/api/v1/wfm/my-schedule/read', { config: { roles: 'any' }, schema: { tags: ['wfm'], summary: 'Mark the changes to my schedule read' } }, async (request, reply) => {
    await store.query('UPDATE wfm_schedule_changes SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [actorOf(request).userId, new Date(clock.now())]);
    return reply.status(204).send();
  });

  routes.put(
    '/api/v1/wfm/rosters/:teamId/:month/shifts/:userId/:date',
    {
      config: { roles: planningRoles },
      schema: {
        tags: ['wfm'],
        summary:
          "The leader changes an agent's day: another shift template, or off (shift null); after publishing the agent is notified and the reports' scheduled time follows; audited",
        params: teamMonth.extend({ userId: z.string().min(1), date: z.iso.date({ message: 'wfm.date_format' }) }),
        body: z.strictObject({ shift: z.string().trim().min(1).max(20).nullable(), note: z.string().trim().max(500, { message: 'wfm.note_long' }).default('') }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { teamId, month: m, userId, date } = request.params;
      checkTeam(actor, teamId);
      const roster = await loadRoster(store, teamId, m);
      if (!roster.days.some((d) => d.date === date)) throw new BadRequestError(words('wfm.date_not_in_month', { date, month: m }), { field: 'date' });
      if (!roster.agents.some((a) => a.userId === userId)) throw new BadRequestError(words('wfm.not_team_agent', { agent: userId }), { field: 'userId' });
      const template = request.body.shift === null ? null : roster.shiftTemplates.find((t) => t.name === request.body.shift);
      if (template === undefined) {
        throw new BadRequestError(words('wfm.no_shift_of', { shift: request.body.shift ?? '', shifts: roster.shiftTemplates.map((t) => t.name).join('、') }), { field: 'shift' });
      }
      const { timeZone } = await loadCenterCalendar(store);
      const now = clock.now();
      await store.transaction(async (tx) => {
        const [before] = await shiftsOn(tx, [userId], [date]);
        if (!before && !template) throw new ConflictError(words('wfm.already_off', { date }));
        if (before?.shift === template?.name) throw new ConflictError(words('wfm.already_shift', { date, shift: template?.name ?? '' }));
        await tx.query('DELETE FROM wfm_roster_shifts WHERE user_id = $1 AND date = $2', [userId, date]);
        let after: DayChange['after'] = null;
        if (template) {
          const start = `${date}T${template.start}`;
          const end = `${template.end <= template.start ? addDays(date, 1) : date}T${template.end}`;
          const [placed] = placeBreaks([{ start, end, breaks: breaksOf(template) }], new Map(), 30);
          await tx.query('INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at, breaks) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
            teamId,
            m,
            userId,
            date,
            template.name,
            instant(start, timeZone),
            instant(end, timeZone),
            JSON.stringify(placed!.map((b) => ({ name: b.name, start: instant(b.start, timeZone).toISOString(), end: instant(b.end, timeZone).toISOString() }))),
          ]);
          after = {
            shift: template.name,
            start: instant(start, timeZone).getTime(),
            end: instant(end, timeZone).getTime(),
            breaks: placed!.map((b) => ({ name: b.name, start: instant(b.start, timeZone).getTime(), end: instant(b.end, timeZone).getTime() })),
          };
        }
        await recordChanges(tx, log, [{ userId, teamId, month: m, date, before: before ? asChange(before) : null, after }], {
          cause: 'edit',
          note: request.body.note,
          by: actor.userId,
          at: now,
        });
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'roster.edit',
          subject: 'roster',
          rowCount: 1,
          detail: { teamId, month: m, userId, date, before: before?.shift ?? null, after: template?.name ?? null, note: request.body.note },
        });
      });
      return loadRoster(store, teamId, m);
    },
  );
}

/** The changes to an agent's published shifts not yet read, newest first. */
export async function unreadChanges(db: Queryable, userId: string): Promise<ScheduleChange[]> {
  const rows = await db.query<Omit<ScheduleChange, 'at' | 'read'> & { at: Date }>(
    `SELECT id::int AS id, to_char(date, 'YYYY-MM-DD') AS date, before_shift AS before, after_shift AS after, cause, note, at
       FROM wfm_schedule_changes WHERE user_id = $1 AND read_at IS NULL ORDER BY id DESC LIMIT 50`,
    [userId],
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString(), read: false }));
}

/**
 * The event of a month's publication with every shift in it: the reports count each shift's time as
 * its agent's scheduled time (出勤率 = logged-in ÷ scheduled time, metric dictionary) from the log,
 * so a rebuild of the report tables keeps it. A month is published once, so its time counts once.
 */
async function rosterPublished(db: Queryable, teamId: string, m: string, at: number): Promise<DomainEvent> {
  const shifts = await db.query<{ agentId: string; startsAt: Date; endsAt: Date; breaks: { name: string; start: string; end: string }[] }>(
    'SELECT user_id AS "agentId", starts_at AS "startsAt", ends_at AS "endsAt", breaks FROM wfm_roster_shifts WHERE team_id = $1 AND month = $2 ORDER BY starts_at, user_id',
    [teamId, m],
  );
  return {
    type: 'roster.published',
    stream: teamId,
    at,
    payload: {
      teamId,
      month: m,
      shifts: shifts.map((s) => ({ agentId: s.agentId, start: new Date(s.startsAt).getTime(), end: new Date(s.endsAt).getTime(), breaks: breakInstants(s.breaks) })),
    },
  };
}
