import type { QaCallDetail, QaPickableCall } from '@banzu/contract';
import { fromLocal, teamScope, visibleNumber, type Actor, type CallDetailRecord } from '@banzu/core';
import { maySeeRecordedCall } from '../access/index';
import { screenPopCustomer } from '../crm/index';
import { NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

const seconds = (ms: number | null | undefined) => Math.round((ms ?? 0) / 1000);

/**
 * A call as the inspector scores it: the call's facts, the agent's disposition and notes, and the
 * screen pop the agent saw (the customer, the caller's earlier calls, tickets opened from the call),
 * within the caller's scope (a leader the own team's calls); numbers masked for QA. A call the caller
 * may not hear is a 404, as for its recording.
 */
export async function qaCallDetail(db: Queryable, actor: Actor, callId: string): Promise<QaCallDetail> {
  const [call] = await db.query<{
    started_at: Date;
    ended_at: Date | null;
    from_number: string | null;
    vip_level: number;
    queue_name: string | null;
    agent_name: string | null;
    employee_no: string | null;
    record: CallDetailRecord;
  }>(
    `SELECT c.started_at, c.ended_at, c.from_number, c.vip_level, q.name AS queue_name, u.display_name AS agent_name, a.employee_no, c.record
     FROM call_records c LEFT JOIN queues q ON q.id = c.queue_id LEFT JOIN users u ON u.id = c.agent_id LEFT JOIN agents a ON a.user_id = c.agent_id
     WHERE c.call_id = $1`,
    [callId],
  );
  if (!call || !(await maySeeRecordedCall(db, actor, callId))) throw new NotFoundError(words('qa.no_call', { id: callId }));
  const r = call.record;
  // The customer on the line: the caller, or on an outbound call the number dialled.
  const number = r.direction === 'outbound' ? r.to : call.from_number;
  const scope = teamScope(actor);
  const [notes, previousCalls, tickets, customer] = await Promise.all([
    db.query<{ note: string }>(`SELECT payload->>'note' AS note FROM events WHERE stream = $1 AND type = 'call.note_added' ORDER BY seq`, [callId]),
    number
      ? db.query<{ call_id: string; started_at: Date; outcome: string | null }>(
          `SELECT call_id, started_at, outcome FROM call_records WHERE from_number = $1 AND call_id <> $2 ${scope.kind === 'team' ? 'AND team_id = $3' : ''}
           ORDER BY started_at DESC LIMIT 10`,
          [number, callId, ...(scope.kind === 'team' ? [scope.teamId] : [])],
        )
      : [],
    db.query<{ id: string; title: string; status: string }>(`SELECT id, title, status FROM tickets WHERE call_id = $1 ORDER BY created_at`, [callId]),
    screenPopCustomer(db, actor, number),
  ]);
  return {
    callId,
    direction: r.direction === 'outbound' ? 'outbound' : 'inbound',
    startedAt: call.started_at.toISOString(),
    endedAt: call.ended_at?.toISOString() ?? null,
    queueName: call.queue_name,
    agentName: call.agent_name,
    employeeNo: call.employee_no,
    from: visibleNumber(actor, number),
    vipLevel: call.vip_level,
    waitSeconds: seconds(r.queueMs + r.ringMs),
    talkSeconds: seconds(r.talkMs),
    holdSeconds: seconds(r.holdMs),
    wrapUpSeconds: seconds(r.wrapUpMs),
    transfers: r.transfers?.length ?? 0,
    endedBy: r.endedBy ?? null,
    endedIn: r.endedIn ?? null,
    disposition: r.disposition ?? null,
    resolved: r.resolved ?? null,
    notes: notes.map((n) => n.note),
    customer,
    previousCalls: previousCalls.map((c) => ({ callId: c.call_id, startedAt: c.started_at.toISOString(), outcome: c.outcome })),
    tickets,
  };
}

/**
 * The recorded, answered calls of a local day a scorer may pick to score outside the sample (seed
 * 003: the leader evaluates the team's work): a team leader the own team's, the floor-wide roles
 * all, or one agent's; newest first, with the evaluation already made of each.
 */
export async function pickableCalls(db: Queryable, actor: Actor, query: { date: string; agentId?: string }, timeZone: string): Promise<QaPickableCall[]> {
  const [y, m, d] = query.date.split('-').map(Number) as [number, number, number];
  const params: unknown[] = [new Date(fromLocal(y, m, d, 0, 0, timeZone)).toISOString(), new Date(fromLocal(y, m, d + 1, 0, 0, timeZone)).toISOString()];
  const where = [`c.started_at >= $1`, `c.started_at < $2`, `c.outcome = 'answered'`, `c.ended_at IS NOT NULL`, `(c.record->>'recorded')::boolean IS NOT FALSE`];
  const scope = teamScope(actor);
  if (scope.kind === 'team') where.push(`c.team_id = $${params.push(scope.teamId)}`);
  if (query.agentId) where.push(`c.agent_id = $${params.push(query.agentId)}`);
  const rows = await db.query<{
    call_id: string;
    agent_id: string;
    agent_name: string;
    employee_no: string | null;
    started_at: Date;
    talk_ms: number | null;
    queue_name: string | null;
    from_number: string | null;
    evaluation_id: string | null;
  }>(
    `SELECT c.call_id, c.agent_id, u.display_name AS agent_name, a.employee_no, c.started_at, (c.record->>'talkMs')::float8 AS talk_ms, q.name AS queue_name, c.from_number,
            (SELECT e.id::text FROM qa_evaluations e WHERE e.call_id = c.call_id AND e.purpose = 'evaluation' LIMIT 1) AS evaluation_id
     FROM call_records c JOIN users u ON u.id = c.agent_id LEFT JOIN agents a ON a.user_id = c.agent_id LEFT JOIN queues q ON q.id = c.queue_id
     WHERE ${where.join(' AND ')} ORDER BY c.started_at DESC, c.call_id LIMIT 500`,
    params,
  );
  return rows.map((r) => ({
    callId: r.call_id,
    agentId: r.agent_id,
    agentName: r.agent_name,
    employeeNo: r.employee_no,
    startedAt: r.started_at.toISOString(),
    talkSeconds: seconds(r.talk_ms),
    queueName: r.queue_name,
    from: visibleNumber(actor, r.from_number),
    evaluationId: r.evaluation_id,
  }));
}
