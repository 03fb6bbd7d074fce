import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MySchedule, Roster } from '@banzu/contract';
import { type Actor, addDays, type DomainEvent, dayKind, fromLocal, type IntervalRequirement, localDate, localParts, type ShiftTemplate } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { ApiError, ForbiddenError } from '../http/errors';
import { sendWorkbook, tableWorkbook } from '../reports/index';
import { exportLanguage, inLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';
import { loadCenterCalendar } from './calendar';
import { forecastQuery, planningRoles, queueForecast } from './forecast';
import { solveRoster } from './solver';

/** The center's usual shifts when the leader names none: seed 003's day (早班 08:30-17:30) and a line open into the evening. */
export const defaultShifts: ShiftTemplate[] = [
  { name: '早班', start: '08:30', end: '17:30' },
  { name: '中班', start: '11:00', end: '20:00' },
  { name: '晚班', start: '13:00', end: '22:00' },
];

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time as HH:MM');
const shiftSchema = z.strictObject({ name: z.string().trim().min(1).max(20), start: clock, end: clock, cost: z.number().min(0).max(1000).optional() });

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
});

/** A team leader plans and sees only the own team; supervisors and above any team. */
function checkTeam(actor: Actor, teamId: string): void {
  if (actor.role === 'team_leader' && actor.teamId !== teamId) throw new ForbiddenError('只能查看和排定本班组的班表');
}

/** The first and last dates of a month. */
function monthDays(m: string): { from: string; to: string } {
  const from = `${m}-01`;
  return { from, to: addDays(addDays(from, 32).slice(0, 8).concat('01'), -1) };
}

interface RosterRow {
  status: 'draft' | 'published';
  shiftTemplates: ShiftTemplate[];
  short: { start: string; required: number; scheduled: number }[];
  generatedAt: Date;
  publishedAt: Date | null;
}

/**
 * A team's month as the leader's grid shows it: the agents (工号 and name), each one's shifts with
 * local start and end in the center's time zone, the intervals left short, and whether it is published.
 */
export async function loadRoster(db: Queryable, teamId: string, m: string): Promise<Roster> {
  const [roster] = await db.query<RosterRow>(
    `SELECT status, shift_templates AS "shiftTemplates", short, generated_at AS "generatedAt", published_at AS "publishedAt"
       FROM wfm_rosters WHERE team_id = $1 AND month = $2`,
    [teamId, m],
  );
  if (!roster) throw new ApiError(404, 'not_found', `班组 ${m} 的班表还没有生成`);
  const { calendar, timeZone } = await loadCenterCalendar(db);
  const agents = await db.query<{ userId: string; employeeNo: string; name: string }>(
    `SELECT u.id AS "userId", a.employee_no AS "employeeNo", u.display_name AS name
       FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND NOT u.disabled ORDER BY a.employee_no`,
    [teamId],
  );
  const shifts = await db.query<{ userId: string; date: string; shift: string; startsAt: Date; endsAt: Date }>(
    `SELECT user_id AS "userId", to_char(date, 'YYYY-MM-DD') AS date, shift, starts_at AS "startsAt", ends_at AS "endsAt"
       FROM wfm_roster_shifts WHERE team_id = $1 AND month = $2 ORDER BY date, starts_at, user_id`,
    [teamId, m],
  );
  const { from, to } = monthDays(m);
  const days: Roster['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, kind: dayKind(calendar, d) });
  return {
    teamId,
    month: m,
    timeZone,
    status: roster.status,
    publishedAt: roster.publishedAt ? new Date(roster.publishedAt).toISOString() : null,
    shiftTemplates: roster.shiftTemplates,
    short: roster.short,
    days,
    agents,
    shifts: shifts.map((s) => ({ userId: s.userId, date: s.date, shift: s.shift, start: localTime(s.startsAt, timeZone), end: localTime(s.endsAt, timeZone) })),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');
function localTime(at: Date, timeZone: string): string {
  const p = localParts(new Date(at).getTime(), timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}
function instant(local: string, timeZone: string): Date {
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
      if (!team) throw new ApiError(404, 'not_found', `没有班组“${body.teamId}”`);
      const [existing] = await store.query<{ status: string }>('SELECT status FROM wfm_rosters WHERE team_id = $1 AND month = $2', [body.teamId, body.month]);
      if (existing?.status === 'published') throw new ApiError(409, 'already_published', `${body.month} 的班表已发布，不能重新生成`);
      const names = new Set(body.shifts.map((s) => s.name));
      if (names.size !== body.shifts.length) throw new ApiError(400, 'invalid_request', '班次名称重复');

      const { from, to } = monthDays(body.month);
      const { timeZone } = await loadCenterCalendar(store);
      const today = localDate(clock.now(), timeZone);
      if (to <= today) throw new ApiError(400, 'invalid_request', `${body.month} 已经过去，只能排定今后的班表`);
      const horizonDays = Math.round((Date.parse(to) - Date.parse(today)) / 86_400_000);
      const need = new Map<string, number>();
      for (const queueId of body.queueIds) {
        const forecast = await queueForecast(store, clock.now(), forecastQuery.parse({ queueId, horizonDays: Math.min(62, horizonDays) }));
        for (const i of forecast.intervals) if (i.start >= from) need.set(i.start, (need.get(i.start) ?? 0) + i.scheduled);
      }
      const requirements: IntervalRequirement[] = [...need].map(([start, agents]) => ({ start, agents: Math.ceil(agents * body.share - 1e-9) }));
      const agents = await store.query<{ id: string }>(
        'SELECT u.id FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND NOT u.disabled ORDER BY a.employee_no',
        [body.teamId],
      );
      if (agents.length === 0) throw new ApiError(409, 'no_agents', '班组里没有座席，无法排班');
      const roster = await solveRoster({
        agents: agents.map((a) => ({ id: a.id, maxDaysPerWeek: body.maxDaysPerWeek, maxHoursPerWeek: body.maxHoursPerWeek })),
        from: from > today ? from : addDays(today, 1),
        to,
        shifts: body.shifts,
        requirements,
        rules: { minRestHours: body.minRestHours, maxConsecutiveDays: body.maxConsecutiveDays },
      });
      await store.transaction(async (tx) => {
        await tx.query('DELETE FROM wfm_rosters WHERE team_id = $1 AND month = $2', [body.teamId, body.month]);
        await tx.query(`INSERT INTO wfm_rosters (team_id, month, status, shift_templates, short, generated_at, generated_by) VALUES ($1, $2, 'draft', $3, $4, $5, $6)`, [
          body.teamId,
          body.month,
          JSON.stringify(body.shifts),
          JSON.stringify(roster.short),
          new Date(clock.now()),
          actor.userId,
        ]);
        for (const s of roster.shifts) {
          await tx.query('INSERT INTO wfm_roster_shifts (team_id, month, user_id, date, shift, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            body.teamId,
            body.month,
            s.agentId,
            s.date,
            s.shift,
            instant(s.start, timeZone),
            instant(s.end, timeZone),
          ]);
        }
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
      const language = exportLanguage(request);
      const say = (zh: string, en: string) => inLanguage(language, zh, en);
      const xlsx = await tableWorkbook(
        `${say('班表', 'Roster')} · ${m}${roster.status === 'published' ? '' : say('（草稿）', ' (draft)')}`,
        [
          { title: say('工号', 'Employee no.') },
          { title: say('姓名', 'Name') },
          ...roster.days.map((d) => ({ title: `${d.date.slice(8)}${d.kind === 'holiday' ? say(' 节', ' hol') : d.kind === 'makeup' ? say(' 班', ' wd') : ''}`, width: 7 })),
        ],
        roster.agents.map((a) => [a.employeeNo, a.name, ...roster.days.map((d) => byAgentDay.get(`${a.userId} ${d.date}`) ?? say('休', 'off'))]),
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
        throw new ApiError(409, 'already_published', `${m} 的班表已经发布`);
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
      schema: { tags: ['wfm'], summary: "My published shifts in a month, in the center's time zone", querystring: z.object({ month }) },
    },
    async (request): Promise<MySchedule> => {
      const actor = actorOf(request);
      const { timeZone } = await loadCenterCalendar(store);
      const shifts = await store.query<{ date: string; shift: string; startsAt: Date; endsAt: Date }>(
        `SELECT to_char(s.date, 'YYYY-MM-DD') AS date, s.shift, s.starts_at AS "startsAt", s.ends_at AS "endsAt"
           FROM wfm_roster_shifts s JOIN wfm_rosters r ON r.team_id = s.team_id AND r.month = s.month
          WHERE s.user_id = $1 AND s.month = $2 AND r.status = 'published' ORDER BY s.date`,
        [actor.userId, request.query.month],
      );
      return {
        month: request.query.month,
        timeZone,
        shifts: shifts.map((s) => ({ date: s.date, shift: s.shift, start: localTime(s.startsAt, timeZone), end: localTime(s.endsAt, timeZone) })),
      };
    },
  );
}

/**
 * The event of a month's publication with every shift in it: the reports count each shift's time as
 * its agent's scheduled time (出勤率 = logged-in ÷ scheduled time, metric dictionary) from the log,
 * so a rebuild of the report tables keeps it. A month is published once, so its time counts once.
 */
async function rosterPublished(db: Queryable, teamId: string, m: string, at: number): Promise<DomainEvent> {
  const shifts = await db.query<{ agentId: string; startsAt: Date; endsAt: Date }>(
    'SELECT user_id AS "agentId", starts_at AS "startsAt", ends_at AS "endsAt" FROM wfm_roster_shifts WHERE team_id = $1 AND month = $2 ORDER BY starts_at, user_id',
    [teamId, m],
  );
  return {
    type: 'roster.published',
    stream: teamId,
    at,
    payload: { teamId, month: m, shifts: shifts.map((s) => ({ agentId: s.agentId, start: new Date(s.startsAt).getTime(), end: new Date(s.endsAt).getTime() })) },
  };
}
