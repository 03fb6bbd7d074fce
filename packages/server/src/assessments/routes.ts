import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type Actor,
  assessmentComponentIds,
  AssessmentRulesError,
  checkAssessmentRules,
  defaultAssessmentRules,
  leaveKinds,
  orgAdminRoles,
  serviceLevelLabel,
  teamScope,
} from '@banzu/core';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/audit';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import { sendWorkbook } from '../reports/index';
import { exportLanguage, inLanguage } from '../spreadsheet/index';
import { loadCenterCalendar } from '../wfm/index';
import { assessmentWorkbook } from './export';
import { type AssessmentItem, checkMonth, loadAssessmentRules, monthAssessments, monthIsOver, monthPattern } from './service';

const tags = ['assessments'];
const month = z.string().regex(monthPattern, { message: 'org.month_format' });
/** Who reads a team's sheets and writes the comment: the team's leader and the floor's supervisors and managers. */
const leaders = ['team_leader', 'supervisor', 'manager', 'admin'] as const;
/** Who reads every team's sheets: the leaders, and QA and trainers who feed them. */
const readers = ['agent', 'team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'] as const;

const amount = z.number({ message: 'assessment.amount_number' }).min(0, { message: 'assessment.amount_negative' }).max(100_000, { message: 'assessment.amount_large' });
const rulesBody = z.strictObject({
  weights: z.strictObject(
    Object.fromEntries(
      assessmentComponentIds.map((id) => [id, z.number({ message: 'assessment.weight_number' }).min(0, { message: 'assessment.weight_negative' }).max(1000)]),
    ) as Record<(typeof assessmentComponentIds)[number], z.ZodNumber>,
  ),
  attendanceBonus: amount,
  evaluationBonus: amount,
  evaluationMinScore: z.number().min(0, { message: 'assessment.min_score_range' }).max(100, { message: 'assessment.min_score_range' }),
  leaveDeductions: z.partialRecord(
    z.enum(leaveKinds, { message: 'assessment.leave_kind' }),
    z.strictObject({ perDay: amount, forfeitAtDays: z.number().positive({ message: 'assessment.forfeit_days' }).max(31).nullable() }),
  ),
  scorePerPoint: z.number().min(0, { message: 'assessment.score_per_point' }).max(100),
  // Optional for rules written before it existed: the default (20) applies.
  briefingPercent: z
    .number({ message: 'assessment.briefing_number' })
    .min(0, { message: 'assessment.briefing_range' })
    .max(100, { message: 'assessment.briefing_range' })
    .optional(),
  absenceForfeitDays: z.number({ message: 'assessment.absence_number' }).positive({ message: 'assessment.absence_days' }).max(31).nullable().optional(),
});

/** The team whose sheets a caller asked for: a leader's own (403 for another), the floor-wide roles any or all. */
function teamFor(actor: Actor, team: string | undefined): string | null {
  const scope = teamScope(actor);
  if (scope.kind === 'all') return team ?? null;
  if (scope.kind === 'none') throw new ForbiddenError(words('access.no_team'));
  if (team && team !== scope.teamId) throw new ForbiddenError(words('assessment.own_team'));
  return scope.teamId;
}

/** What a caller may see of the month: an agent the own sheet, a leader the team's, the floor-wide roles the team asked or all. */
function visible(actor: Actor, items: AssessmentItem[], team: string | undefined): AssessmentItem[] {
  if (actor.role === 'agent') {
    if (team && team !== actor.teamId) throw new ForbiddenError(words('assessment.own_only'));
    return items.filter((i) => i.agentId === actor.userId);
  }
  const teamId = teamFor(actor, team);
  return teamId === null ? items : items.filter((i) => i.teamId === teamId);
}

/** The month's sheets (月度考核): list, the leader's comment, the agent's confirmation, Excel export, the center's rules. */
export async function assessmentRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;
  const monthSheets = async (m: string) => {
    const now = clock.now();
    const { timeZone } = await loadCenterCalendar(store);
    checkMonth(m, now, timeZone);
    return { items: await monthAssessments(store, m, now), timeZone, monthOver: monthIsOver(m, now, timeZone) };
  };

  routes.get(
    '/api/v1/assessments',
    {
      config: { roles: readers },
      schema: {
        tags,
        summary:
          "A month's assessment sheets: KPIs against target (reports), QA score, attendance (roster, else logins) and leave, discipline points, exams; the score, ranks in team and center, the bonus; an agent sees the own, a leader the team",
        querystring: z.object({ month, team: z.string().min(1).optional() }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { items, monthOver } = await monthSheets(request.query.month);
      return { month: request.query.month, monthOver, rules: await loadAssessmentRules(store), items: visible(actor, items, request.query.team) };
    },
  );

  routes.post(
    '/api/v1/assessments/:month/:agentId/comment',
    {
      config: { roles: leaders },
      schema: {
        tags,
        summary: "The leader's comment (评语) on an agent's sheet; not once the agent confirmed it; audited",
        params: z.object({ month, agentId: z.string().min(1) }),
        body: z.strictObject({ comment: z.string().trim().min(1, { message: 'assessment.comment_empty' }).max(1000, { message: 'assessment.comment_long' }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { month: m, agentId } = request.params;
      const { items } = await monthSheets(m);
      const item = items.find((i) => i.agentId === agentId);
      if (!item) throw new NotFoundError(missing('agent', agentId));
      if (actor.role === 'team_leader' && item.teamId !== actor.teamId) throw new ForbiddenError(words('assessment.comment_own_team'));
      if (item.frozen) throw new ConflictError(words('assessment.confirmed_frozen'));
      await store.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO assessment_sheets (agent_id, month, team_id, comment, commented_at, commented_by) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (agent_id, month) DO UPDATE SET comment = EXCLUDED.comment, commented_at = EXCLUDED.commented_at, commented_by = EXCLUDED.commented_by`,
          [agentId, m, item.teamId, request.body.comment, new Date(clock.now()), actor.userId],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'assessment.comment',
          subject: 'assessments',
          rowCount: 1,
          detail: { agentId, month: m, comment: request.body.comment },
        });
      });
      return (await monthAssessments(store, m, clock.now())).find((i) => i.agentId === agentId)!;
    },
  );

  routes.post(
    '/api/v1/assessments/:month/confirm',
    {
      config: { roles: ['agent'] },
      schema: { tags, summary: 'The agent confirms the own sheet once the month is over: its figures are stored and no longer change; audited', params: z.object({ month }) },
    },
    async (request) => {
      const actor = actorOf(request);
      const { month: m } = request.params;
      const { items, monthOver } = await monthSheets(m);
      if (!monthOver) throw new ConflictError(words('assessment.month_not_over', { month: m }));
      const item = items.find((i) => i.agentId === actor.userId);
      if (!item) throw new ForbiddenError(words('assessment.confirm_own'));
      if (item.frozen) throw new ConflictError(words('assessment.confirmed_already'));
      const frozen = { score: item.score, bonus: item.bonus, bonusDetail: item.bonusDetail, componentDetails: item.componentDetails, missing: item.missing, leave: item.leave };
      await store.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO assessment_sheets (agent_id, month, team_id, confirmed_at, confirmed_by, frozen) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (agent_id, month) DO UPDATE SET confirmed_at = EXCLUDED.confirmed_at, confirmed_by = EXCLUDED.confirmed_by, frozen = EXCLUDED.frozen`,
          [actor.userId, m, item.teamId, new Date(clock.now()), actor.userId, JSON.stringify(frozen)],
        );
        await writeAudit(tx, {
          userId: actor.userId,
          action: 'assessment.confirm',
          subject: 'assessments',
          rowCount: 1,
          detail: { month: m, score: item.score, bonus: item.bonus },
        });
      });
      return (await monthAssessments(store, m, clock.now())).find((i) => i.agentId === actor.userId)!;
    },
  );

  routes.get(
    '/api/v1/assessments/export',
    {
      config: { roles: leaders },
      schema: {
        tags,
        summary: '月度考核表 as Excel in the layout of the paper form, one row per agent; audited',
        querystring: z.object({ month, team: z.string().min(1).optional() }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { month: m, team } = request.query;
      const { items, timeZone } = await monthSheets(m);
      const shown = visible(actor, items, team);
      const teamId = teamFor(actor, team);
      const [teamRow] = teamId ? await store.query<{ name: string }>('SELECT name FROM teams WHERE id = $1', [teamId]) : [];
      if (teamId && !teamRow) throw new BadRequestError(words('org.no_such', { thing: words('thing.team'), ids: teamId }), { field: 'team' });
      const names = new Map(shown.map((i) => [i.agentId, i.name]));
      const language = exportLanguage(request);
      const serviceLevel = serviceLevelLabel(metricParameters(await loadCenterSettings(store)).serviceLevel)[language];
      const teamName = teamRow?.name ?? inLanguage(language, '全中心', 'Whole center');
      const xlsx = await assessmentWorkbook(shown, { month: m, teamName, rules: await loadAssessmentRules(store), timeZone, names, serviceLevel, language });
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'assessments', rowCount: shown.length, detail: { month: m, team: teamId } });
      return sendWorkbook(reply, `banzu-assessment-${m}${teamId ? `-${teamId}` : ''}.xlsx`, xlsx);
    },
  );

  routes.get('/api/v1/assessment-rules', { config: { roles: 'any' }, schema: { tags, summary: "The center's assessment weights and bonus rules (seed 003 by default)" } }, () =>
    loadAssessmentRules(store),
  );

  routes.put(
    '/api/v1/assessment-rules',
    { config: { roles: orgAdminRoles }, schema: { tags, summary: "Set the center's assessment weights and bonus rules; confirmed sheets keep theirs; audited", body: rulesBody } },
    async (request) => {
      const actor = actorOf(request);
      const rules = { briefingPercent: defaultAssessmentRules.briefingPercent, absenceForfeitDays: defaultAssessmentRules.absenceForfeitDays, ...request.body };
      try {
        checkAssessmentRules(rules);
      } catch (err) {
        if (err instanceof AssessmentRulesError) throw new BadRequestError(words(`assessment_rules.${err.problem}`, { subject: err.subject }));
        throw err;
      }
      await store.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO assessment_rules (center_id, rules, updated_at, updated_by) SELECT id, $1, $2, $3 FROM centers ORDER BY created_at LIMIT 1
           ON CONFLICT (center_id) DO UPDATE SET rules = EXCLUDED.rules, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
          [JSON.stringify(rules), new Date(clock.now()), actor.userId],
        );
        await writeAudit(tx, { userId: actor.userId, action: 'update', subject: 'assessment_rules', rowCount: 1, detail: { rules } });
      });
      return loadAssessmentRules(store);
    },
  );
}
