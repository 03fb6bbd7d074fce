import { randomUUID } from 'node:crypto';
import { canSeeTeam, checkRules, distribute, normalizePhone, teamScope, type Actor, type CampaignRules, type RulesProblem } from '@banzu/core';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words, type Wording } from '../http/messages';
import type { Queryable, Store } from '../store/index';
import { allTasks, loadCampaign, type Campaign, type CampaignSource } from './store';

export interface NewCampaign {
  name: string;
  script: string;
  rules: CampaignRules;
  /** The running team; a team leader's own team whatever is sent. */
  teamId: string | null;
  source: CampaignSource;
  /** The agents who work it; absent: every agent of the team. */
  agentIds?: string[];
}

/** Whether the caller may manage (or read) this campaign: a team leader only the own team's. */
export function assertCampaignInScope(actor: Actor, campaign: Pick<Campaign, 'teamId'>): void {
  if (!canSeeTeam(actor, campaign.teamId)) throw new ForbiddenError(words('campaign.not_your_team'));
}

/** A problem of the rules in the user's words. */
function rulesProblem(p: RulesProblem | { kind: 'do_not_call'; index: number; number: string }): Wording {
  if (p.kind === 'calling_window') return words('campaign_rules.calling_window', { ...p, day: words(`weekday.${p.day}`) });
  return words(`campaign_rules.${p.kind}`, { ...p });
}

/** The rules with the do-not-call numbers in E.164, or 400 naming what is wrong. */
export function normalisedRules(rules: CampaignRules): CampaignRules {
  const problems: Parameters<typeof rulesProblem>[0][] = checkRules(rules);
  const doNotCall: string[] = [];
  rules.doNotCall.forEach((n, i) => {
    const phone = normalizePhone(n);
    if (phone.ok) doNotCall.push(phone.e164);
    else problems.push({ kind: 'do_not_call', index: i, number: n });
  });
  if (problems.length > 0) throw new BadRequestError(words('campaign_rules.wrong', { problems: problems.map(rulesProblem) }), { field: 'rules', problems });
  return { ...rules, doNotCall: [...new Set(doNotCall)] };
}

/**
 * Creates a campaign with its customer list (in the caller's transaction): the customers of the filter (classes, tags) or of an
 * import, within the caller's team scope, never blacklisted ones, each with its numbers; customers
 * whose every number is on the do-not-call list are marked so and never dialled.
 *
 * @example
 * const { campaign, customers } = await store.transaction((tx) => createCampaign(tx, manager, { name: '春季回访', script, rules, teamId: null, source: { kind: 'filter', classCodes: ['prospect'], tags: [] } }));
 */
export async function createCampaign(tx: Queryable, actor: Actor, input: NewCampaign): Promise<{ campaign: Campaign; customers: number; withoutPhone: number }> {
  const scope = teamScope(actor);
  const teamId = scope.kind === 'team' ? scope.teamId : input.teamId;
  if (scope.kind === 'none') throw new ForbiddenError(words('access.no_team'));
  const rules = normalisedRules(input.rules);
  if (teamId !== null && (await tx.query('SELECT 1 FROM teams WHERE id = $1', [teamId])).length === 0)
    throw new BadRequestError(words('org.no_such', { thing: words('thing.team'), ids: teamId }), { field: 'teamId' });
  const agentIds = input.agentIds ?? (await teamAgents(tx, teamId));
  if (agentIds.length === 0) throw new BadRequestError(words('campaign.needs_agents'), { field: 'agentIds' });
  const known = await tx.query<{ user_id: string; team_id: string }>(
    'SELECT a.user_id, u.team_id FROM agents a JOIN users u ON u.id = a.user_id WHERE a.user_id = ANY($1::text[]) AND NOT u.disabled',
    [agentIds],
  );
  const unknown = agentIds.filter((id) => !known.some((k) => k.user_id === id));
  if (unknown.length > 0) throw new BadRequestError(words('org.no_such', { thing: words('thing.agent'), ids: unknown.join('、') }), { field: 'agentIds' });
  if (teamId !== null && known.some((k) => k.team_id !== teamId)) throw new BadRequestError(words('campaign.agents_off_team'), { field: 'agentIds' });
  if (rules.skillId && (await tx.query('SELECT 1 FROM skills WHERE id = $1', [rules.skillId])).length === 0) {
    throw new BadRequestError(words('org.no_such', { thing: words('thing.skill'), ids: rules.skillId }), { field: 'rules.skillId' });
  }

  const id = randomUUID();
  await tx.query(`INSERT INTO campaigns (id, name, script, status, rules, team_id, source, created_by) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7)`, [
    id,
    input.name,
    input.script,
    JSON.stringify(rules),
    teamId,
    JSON.stringify(input.source),
    actor.userId,
  ]);
  await tx.query('INSERT INTO campaign_agents (campaign_id, agent_id) SELECT $1, unnest($2::text[])', [id, [...new Set(agentIds)]]);

  const params: unknown[] = [id];
  const where = ["c.class_code <> 'blacklisted'"];
  if (input.source.kind === 'filter') {
    if (input.source.classCodes.length > 0) where.push(`c.class_code = ANY($${params.push(input.source.classCodes)}::text[])`);
    if (input.source.tags.length > 0) where.push(`c.tags && $${params.push(input.source.tags)}::text[]`);
  } else {
    const [job] = await tx.query<{ created_at: Date; finished_at: Date | null; status: string }>('SELECT created_at, finished_at, status FROM import_jobs WHERE id::text = $1', [
      input.source.importId,
    ]);
    if (job?.status !== 'done') throw new BadRequestError(words('campaign.no_finished_import', { id: input.source.importId }), { field: 'source.importId' });
    // An import writes or updates its customers between its start and its end.
    where.push(`c.updated_at BETWEEN $${params.push(job.created_at)} AND $${params.push(job.finished_at ?? job.created_at)}`);
  }
  if (teamId !== null) where.push(`(c.team_id IS NULL OR c.team_id = $${params.push(teamId)})`);
  const matched = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM customers c WHERE $1::text IS NOT NULL AND ${where.join(' AND ')}`, params);
  await tx.query(
    `INSERT INTO campaign_customers (campaign_id, customer_id, position, phones)
     SELECT $1, c.id, row_number() OVER (ORDER BY c.created_at, c.id), p.phones
     FROM customers c
     CROSS JOIN LATERAL (SELECT array_agg(p.number_e164 ORDER BY p.position, p.number_e164) AS phones FROM customer_phones p WHERE p.customer_id = c.id) p
     WHERE ${where.join(' AND ')} AND p.phones IS NOT NULL`,
    params,
  );
  await tx.query(`UPDATE campaign_customers SET status = 'dnc' WHERE campaign_id = $1 AND phones <@ $2::text[]`, [id, rules.doNotCall]);
  const [{ n }] = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM campaign_customers WHERE campaign_id = $1', [id])) as [{ n: number }];
  if (n === 0) throw new BadRequestError(words('campaign.no_customers'), { field: 'source' });
  return { campaign: await loadCampaign(tx, id), customers: n, withoutPhone: matched[0]!.n - n };
}

async function teamAgents(db: Queryable, teamId: string | null): Promise<string[]> {
  if (teamId === null) return [];
  const rows = await db.query<{ id: string }>(`SELECT u.id FROM users u JOIN agents a ON a.user_id = u.id WHERE u.team_id = $1 AND NOT u.disabled ORDER BY a.employee_no`, [
    teamId,
  ]);
  return rows.map((r) => r.id);
}

/** Deals the campaign's open customers out to its agents by its distribution rule; returns how many moved. */
export async function distributeCampaign(tx: Queryable, campaignId: string): Promise<number> {
  const campaign = await loadCampaign(tx, campaignId);
  const tasks = await allTasks(tx, campaignId);
  const agents = await tx.query<{ agentId: string; skillLevel: number }>(
    `SELECT ca.agent_id AS "agentId", coalesce(s.level, 0) AS "skillLevel" FROM campaign_agents ca
     JOIN agents a ON a.user_id = ca.agent_id
     LEFT JOIN agent_skills s ON s.agent_id = ca.agent_id AND s.skill_id = $2
     WHERE ca.campaign_id = $1 ORDER BY a.employee_no`,
    [campaignId, campaign.rules.skillId ?? ''],
  );
  const owners = new Map(
    (
      await tx.query<{ id: string; owner: string | null }>(
        'SELECT c.id, c.owner_user_id AS owner FROM customers c JOIN campaign_customers cc ON cc.customer_id = c.id WHERE cc.campaign_id = $1',
        [campaignId],
      )
    ).map((r) => [r.id, r.owner]),
  );
  const changed = distribute(campaign.rules.distribution, tasks, agents, owners);
  if (changed.length === 0) return 0;
  await tx.query(
    `UPDATE campaign_customers cc SET assigned_agent_id = v.agent, updated_at = now()
     FROM unnest($2::uuid[], $3::text[]) AS v(customer, agent)
     WHERE cc.campaign_id = $1 AND cc.customer_id = v.customer AND cc.locked_by IS NULL`,
    [campaignId, changed.map((t) => t.customerId), changed.map((t) => t.assignedAgentId)],
  );
  return changed.length;
}

/** draft/paused → running (dealing the list out), running → paused, any → finished. */
export async function setCampaignStatus(store: Queryable, campaignId: string, to: 'running' | 'paused' | 'finished'): Promise<Campaign> {
  const campaign = await loadCampaign(store, campaignId);
  if (campaign.status === 'finished') throw new BadRequestError(words('campaign.finished_stays'), { field: 'status' });
  if (to === 'paused' && campaign.status !== 'running') {
    throw new BadRequestError(words('campaign.pause_not_running', { status: words(`campaign_status.${campaign.status}`) }), { field: 'status' });
  }
  await store.query(`UPDATE campaigns SET status = $2, started_at = coalesce(started_at, CASE WHEN $2 = 'running' THEN now() END) WHERE id = $1`, [campaignId, to]);
  if (to === 'running') await distributeCampaign(store, campaignId);
  if (to === 'finished') await store.query('UPDATE campaign_customers SET locked_by = NULL, locked_at = NULL WHERE campaign_id = $1', [campaignId]);
  return loadCampaign(store, campaignId);
}

/** How many customers are in each state, for the list and the progress page. */
export async function campaignCounts(db: Queryable, campaignId: string): Promise<Record<string, number>> {
  const rows = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM campaign_customers WHERE campaign_id = $1 GROUP BY status', [campaignId]);
  const counts: Record<string, number> = { open: 0, callback: 0, done: 0, exhausted: 0, dnc: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export async function assertCampaignExists(db: Queryable, id: string): Promise<void> {
  if ((await db.query('SELECT 1 FROM campaigns WHERE id = $1', [id])).length === 0) throw new NotFoundError(missing('campaign', id));
}

/** A draft's name, script or rules; once started, a campaign is changed only by pausing or finishing it. */
export async function editDraft(tx: Queryable, campaignId: string, change: { name?: string; script?: string; rules?: CampaignRules }): Promise<Campaign> {
  const campaign = await loadCampaign(tx, campaignId);
  if (campaign.status !== 'draft') throw new ConflictError(words('campaign.edit_draft_only'));
  const rules = change.rules ? normalisedRules(change.rules) : campaign.rules;
  if (rules.skillId && (await tx.query('SELECT 1 FROM skills WHERE id = $1', [rules.skillId])).length === 0) {
    throw new BadRequestError(words('org.no_such', { thing: words('thing.skill'), ids: rules.skillId }), { field: 'rules.skillId' });
  }
  await tx.query('UPDATE campaigns SET name = $2, script = $3, rules = $4 WHERE id = $1', [
    campaignId,
    change.name ?? campaign.name,
    change.script ?? campaign.script,
    JSON.stringify(rules),
  ]);
  // Nobody has dialled a draft: each customer is open, or do-not-call when every number is on the new list.
  await tx.query(`UPDATE campaign_customers SET status = CASE WHEN phones <@ $2::text[] THEN 'dnc' ELSE 'open' END WHERE campaign_id = $1`, [campaignId, rules.doNotCall]);
  return loadCampaign(tx, campaignId);
}

/** Deletes a draft with its customer list; a started campaign has dials on record and is finished instead. */
export async function deleteDraft(tx: Queryable, campaignId: string): Promise<Campaign> {
  const campaign = await loadCampaign(tx, campaignId);
  if (campaign.status !== 'draft') throw new ConflictError(words('campaign.delete_draft_only'));
  await tx.query('DELETE FROM campaigns WHERE id = $1', [campaignId]);
  return campaign;
}

/** Thrown inside a transaction to roll back a campaign made only to count its customers. */
class Preview extends Error {
  constructor(readonly counts: { customers: number; withoutPhone: number }) {
    super('preview');
  }
}

/**
 * How many customers a new campaign would hold, before creating it: the campaign is made exactly as
 * `createCampaign` makes it, in a transaction that is then rolled back, so the count cannot differ.
 *
 * @example
 * await previewCampaign(store, leader, input); // { customers: 120, withoutPhone: 3 }
 */
export async function previewCampaign(store: Pick<Store, 'transaction'>, actor: Actor, input: NewCampaign): Promise<{ customers: number; withoutPhone: number }> {
  return store
    .transaction(async (tx) => {
      const { customers, withoutPhone } = await createCampaign(tx, actor, input);
      throw new Preview({ customers, withoutPhone });
    })
    .catch((err: unknown) => {
      if (err instanceof Preview) return err.counts;
      throw err;
    });
}
