import type { CampaignRules, CampaignTask, TaskStatus } from '@banzu/core';
import { NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';

export type CampaignStatus = 'draft' | 'running' | 'paused' | 'finished';
export type CampaignSource = { kind: 'filter'; classCodes: string[]; tags: string[] } | { kind: 'import'; importId: string };

export interface Campaign {
  id: string;
  name: string;
  script: string;
  status: CampaignStatus;
  rules: CampaignRules;
  teamId: string | null;
  source: CampaignSource;
  agentIds: string[];
  createdAt: string;
}

const campaignSelect = `SELECT c.id, c.name, c.script, c.status, c.rules, c.team_id AS "teamId", c.source, c.created_at AS "createdAt",
  coalesce((SELECT array_agg(a.agent_id ORDER BY a.agent_id) FROM campaign_agents a WHERE a.campaign_id = c.id), '{}') AS "agentIds"
  FROM campaigns c`;

export async function loadCampaign(db: Queryable, id: string): Promise<Campaign> {
  const [campaign] = await db.query<Campaign>(`${campaignSelect} WHERE c.id = $1`, [id]);
  if (!campaign) throw new NotFoundError(missing('campaign', id));
  return campaign;
}

export async function listCampaigns(db: Queryable): Promise<Campaign[]> {
  return db.query<Campaign>(`${campaignSelect} ORDER BY c.created_at DESC, c.id`);
}

/** Running campaigns the agent works, oldest first. */
export async function agentCampaigns(db: Queryable, agentId: string): Promise<Campaign[]> {
  return db.query<Campaign>(
    `${campaignSelect} WHERE c.status = 'running' AND EXISTS (SELECT 1 FROM campaign_agents a WHERE a.campaign_id = c.id AND a.agent_id = $1)
     ORDER BY c.created_at, c.id`,
    [agentId],
  );
}

interface TaskRow {
  customer_id: string;
  position: number;
  phones: string[];
  phone_index: number;
  status: TaskStatus;
  attempts: number;
  next_attempt_at: Date | null;
  assigned_agent_id: string | null;
  callback_agent_id: string | null;
  locked_by: string | null;
  last_result: string | null;
}

const taskColumns = `customer_id, position, phones, phone_index, status, attempts, next_attempt_at, assigned_agent_id, callback_agent_id, locked_by, last_result`;

export const taskOf = (r: TaskRow): CampaignTask => ({
  customerId: r.customer_id,
  position: r.position,
  phones: r.phones,
  phoneIndex: r.phone_index,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at === null ? null : new Date(r.next_attempt_at).getTime(),
  assignedAgentId: r.assigned_agent_id,
  callbackAgentId: r.callback_agent_id,
  lockedBy: r.locked_by,
  lastResult: r.last_result,
});

/**
 * The tasks an agent could be given now or soon: the one in hand, due or coming callbacks and
 * retries, and the first fresh customers of the agent's list (or nobody's). The core decides among them.
 */
export async function candidateTasks(db: Queryable, campaignId: string, agentId: string): Promise<CampaignTask[]> {
  // Each branch is one index range (migration 008), so the cost does not grow with the list.
  const dated = (who: string) =>
    `(SELECT ${taskColumns} FROM campaign_customers
      WHERE campaign_id = $1 AND ${who} AND status IN ('open', 'callback') AND next_attempt_at IS NOT NULL AND locked_by IS NULL
      ORDER BY next_attempt_at LIMIT 100)`;
  const fresh = (who: string) =>
    `(SELECT ${taskColumns} FROM campaign_customers
      WHERE campaign_id = $1 AND ${who} AND status = 'open' AND next_attempt_at IS NULL AND locked_by IS NULL
      ORDER BY position LIMIT 20)`;
  const rows = await db.query<TaskRow>(
    [
      `(SELECT ${taskColumns} FROM campaign_customers WHERE campaign_id = $1 AND locked_by = $2)`,
      dated('assigned_agent_id = $2'),
      dated('assigned_agent_id IS NULL'),
      `(SELECT ${taskColumns} FROM campaign_customers
        WHERE campaign_id = $1 AND callback_agent_id = $2 AND status = 'callback' AND locked_by IS NULL ORDER BY next_attempt_at LIMIT 100)`,
      fresh('assigned_agent_id = $2'),
      fresh('assigned_agent_id IS NULL'),
    ].join(' UNION '),
    [campaignId, agentId],
  );
  return rows.map(taskOf);
}

export async function allTasks(db: Queryable, campaignId: string): Promise<CampaignTask[]> {
  return (await db.query<TaskRow>(`SELECT ${taskColumns} FROM campaign_customers WHERE campaign_id = $1 ORDER BY position`, [campaignId])).map(taskOf);
}

/** A dial whose result is not saved yet. It belongs to the agent holding the customer and goes with the hold. */
export interface OpenDial {
  callId: string;
  /** The number dialled (E.164). */
  number: string;
}

/** The customer's task, locked until the transaction ends, and its dial waiting for a result. */
export async function loadTask(db: Queryable, campaignId: string, customerId: string): Promise<{ task: CampaignTask; dial: OpenDial | null }> {
  const [row] = await db.query<TaskRow & { dial_call_id: string | null; dial_number: string | null }>(
    `SELECT ${taskColumns}, dial_call_id, dial_number FROM campaign_customers WHERE campaign_id = $1 AND customer_id = $2 FOR UPDATE`,
    [campaignId, customerId],
  );
  if (!row) throw new NotFoundError(words('campaign.no_customer_in_campaign', { customer: customerId }));
  return { task: taskOf(row), dial: row.dial_call_id === null ? null : { callId: row.dial_call_id, number: row.dial_number! } };
}

/** Notes the dial the holder of the customer just made; its result is due before the customer goes back. */
export async function saveDial(db: Queryable, campaignId: string, customerId: string, dial: OpenDial): Promise<void> {
  await db.query('UPDATE campaign_customers SET dial_call_id = $3, dial_number = $4 WHERE campaign_id = $1 AND customer_id = $2', [
    campaignId,
    customerId,
    dial.callId,
    dial.number,
  ]);
}

/** The agent's latest dial still waiting for its result, over every campaign. */
export async function agentOpenDial(db: Queryable, agentId: string): Promise<(OpenDial & { campaignId: string; customerId: string }) | null> {
  const [row] = await db.query<{ campaign_id: string; customer_id: string; dial_call_id: string; dial_number: string }>(
    `SELECT campaign_id, customer_id, dial_call_id, dial_number FROM campaign_customers
     WHERE locked_by = $1 AND dial_call_id IS NOT NULL ORDER BY locked_at DESC LIMIT 1`,
    [agentId],
  );
  return row ? { campaignId: row.campaign_id, customerId: row.customer_id, callId: row.dial_call_id, number: row.dial_number } : null;
}

/**
 * Writes a task's new state only if nobody changed who holds it meanwhile (compare-and-set on
 * `locked_by`): of two agents claiming one customer at once, one wins. A new holder (or none)
 * ends the open dial with the old hold. Returns whether it was written.
 */
export async function saveTask(db: Queryable, campaignId: string, task: CampaignTask, expectedLockedBy: string | null): Promise<boolean> {
  const rows = await db.query(
    `UPDATE campaign_customers SET phone_index = $3, status = $4, attempts = $5, next_attempt_at = $6, assigned_agent_id = $7,
       callback_agent_id = $8, locked_by = $9, locked_at = CASE WHEN $9::text IS NULL THEN NULL ELSE now() END, last_result = $10, updated_at = now(),
       dial_call_id = CASE WHEN locked_by IS NOT DISTINCT FROM $9 THEN dial_call_id END,
       dial_number = CASE WHEN locked_by IS NOT DISTINCT FROM $9 THEN dial_number END
     WHERE campaign_id = $1 AND customer_id = $2 AND locked_by IS NOT DISTINCT FROM $11 RETURNING 1`,
    [
      campaignId,
      task.customerId,
      task.phoneIndex,
      task.status,
      task.attempts,
      task.nextAttemptAt === null ? null : new Date(task.nextAttemptAt),
      task.assignedAgentId,
      task.callbackAgentId,
      task.lockedBy,
      task.lastResult,
      expectedLockedBy,
    ],
  );
  return rows.length === 1;
}
