import {
  addTallies,
  agentTimeField,
  staysOutbound,
  factsFromRecord,
  foldCallDetailRecord,
  intervalStart,
  tallyCall,
  tallyFields,
  type AgentStatus,
  type CallDetailRecord,
  type RepeatCallTopic,
  type Tally,
  type Thresholds,
} from '@banzu/core';
import { loadCenterSettings } from '../org/settings';
import type { Projection } from '../projections/index';
import type { Queryable } from '../store/index';

const QUARTER_HOUR = 15 * 60_000;
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const columns = tallyFields.map(snake);

/** Adds tallies per (interval, queue, agent, team) before they are written in one statement. */
class TallyBuffer {
  private readonly rows = new Map<string, { key: [number, string, string, string]; tally: Tally }>();

  add(intervalStart: number, queueId: string, agentId: string, teamId: string, tally: Partial<Tally>, sign = 1): void {
    const id = `${intervalStart}|${queueId}|${agentId}|${teamId}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { key: [intervalStart, queueId, agentId, teamId], tally: addTallies() }));
    for (const f of tallyFields) row.tally[f] += sign * (tally[f] ?? 0);
  }

  /** Adds the rows to the quarter-hour table and to the daily rollup, in the center's time zone. */
  async write(tx: Queryable, timeZone: string): Promise<void> {
    if (this.rows.size === 0) return;
    const json = [...this.rows.values()].map(({ key, tally }) => ({
      interval_start: new Date(key[0]).toISOString(),
      queue_id: key[1],
      agent_id: key[2],
      team_id: key[3],
      ...Object.fromEntries(tallyFields.map((f, i) => [columns[i], tally[f]])),
    }));
    const upsert = (table: string, keyColumn: string, keyExpression: string) =>
      tx.query(
        `INSERT INTO ${table} (${keyColumn}, queue_id, agent_id, team_id, ${columns.join(', ')})
         SELECT ${keyExpression}, r->>'queue_id', r->>'agent_id', r->>'team_id', ${columns.map((c) => `sum((r->>'${c}')::float8)`).join(', ')}
         FROM jsonb_array_elements($1::jsonb) r
         GROUP BY 1, 2, 3, 4
         ON CONFLICT (${keyColumn}, queue_id, agent_id, team_id) DO UPDATE SET
           ${columns.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ')}`,
        table === 'day_tallies' ? [JSON.stringify(json), timeZone] : [JSON.stringify(json)],
      );
    await upsert('interval_tallies', 'interval_start', `(r->>'interval_start')::timestamptz`);
    await upsert('day_tallies', 'day', `((r->>'interval_start')::timestamptz AT TIME ZONE $2)::date`);
  }
}

interface AgentStatusRow {
  agent_id: string;
  status: AgentStatus;
  since: Date;
  not_ready_reason: string | null;
  outbound: boolean;
}

/**
 * What a call is about for the repeat rule (the center's `repeatCallTopic`): the queue it entered
 * first, its disposition, or nothing in particular (any call from the number); null while that is not
 * known yet (no queue entered, no disposition saved) or the call is no inbound call from a number.
 */
function repeatTopic(record: CallDetailRecord | undefined, topic: RepeatCallTopic): string | null {
  if (record?.direction !== 'inbound' || !record.from) return null;
  if (topic === 'queue') return record.firstQueueId;
  if (topic === 'disposition') return record.disposition;
  return '';
}

/**
 * A call from a number, on the same topic as an answered call from that number within the center's
 * repeat window before, marks that earlier call as repeated (`repeatedBy`): it was no first-contact
 * resolution. A call is looked at once, in the batch where its topic becomes known: on arrival (any
 * call), on entering a queue (by queue) or when its disposition is saved (by disposition). The
 * earlier call's record joins the batch (in `callIds`, `before` and `after`), so its tally is replaced.
 */
async function markRepeatCalls(
  tx: Queryable,
  callIds: string[],
  before: Map<string, CallDetailRecord>,
  teamBefore: Map<string, string>,
  after: Map<string, CallDetailRecord>,
): Promise<void> {
  const { repeatCallWindowHours, repeatCallTopic } = await loadCenterSettings(tx);
  const topicOf = (record: CallDetailRecord | undefined) => repeatTopic(record, repeatCallTopic);
  const repeats = callIds
    .map((id) => after.get(id)!)
    .filter((r) => topicOf(before.get(r.callId)) === null && topicOf(r) !== null)
    .sort((a, b) => a.startedAt - b.startedAt);
  if (repeats.length === 0) return;
  const windowMs = repeatCallWindowHours * 3_600_000;
  // The answered calls of these numbers in the window before the earliest of them; calls of the batch are in `after`.
  const stored = await tx.query<{ call_id: string; record: CallDetailRecord; team_id: string | null }>(
    `SELECT call_id, record, team_id FROM call_records
     WHERE from_number = ANY($1::text[]) AND direction = 'inbound' AND agent_id IS NOT NULL AND started_at >= $2::timestamptz`,
    [[...new Set(repeats.map((r) => r.from))], new Date(repeats[0]!.startedAt - windowMs).toISOString()],
  );
  const storedRows = new Map(stored.map((row) => [row.call_id, row]));
  // Each number's answered calls, the batch's version of a call over the stored one.
  const answered = new Map<string, Map<string, CallDetailRecord>>();
  const remember = (r: CallDetailRecord) => {
    if (!r.from || r.direction !== 'inbound' || r.answeredAt === null) return;
    const calls = answered.get(r.from) ?? new Map<string, CallDetailRecord>();
    answered.set(r.from, calls.set(r.callId, r));
  };
  for (const row of stored) remember(row.record);
  for (const record of after.values()) remember(record);
  for (const call of repeats) {
    const previous = [...(answered.get(call.from!)?.values() ?? [])]
      .filter((r) => r.callId !== call.callId && r.startedAt < call.startedAt && topicOf(r) === topicOf(call))
      .sort((a, b) => b.startedAt - a.startedAt)[0];
    if (!previous || (previous.repeatedBy ?? null) !== null || call.startedAt - previous.startedAt > windowMs) continue;
    if (!after.has(previous.callId)) {
      const row = storedRows.get(previous.callId)!;
      before.set(row.call_id, row.record);
      teamBefore.set(row.call_id, row.team_id ?? '');
      callIds.push(row.call_id);
    }
    // A copy: the record before the batch keeps its old mark, so its old tally is taken back as it was.
    const marked = { ...structuredClone(previous), repeatedBy: call.callId };
    after.set(marked.callId, marked);
    remember(marked);
  }
}

/**
 * A call linked to a ticket still open is a repeat contact about it (`repeatOfTicket`), and the
 * ticket's earlier calls were repeated by it (`repeatedBy`, unless a call from the same number
 * already was): none of them is a first-contact resolution. Records are copied before they change,
 * so the old tally is taken back as it was.
 */
function markTicketRepeats(links: readonly { ticketId: string; callId: string; earlierCallIds: string[] }[], after: Map<string, CallDetailRecord>): void {
  const change = (id: string, edit: (record: CallDetailRecord) => void) => {
    const record = after.get(id);
    if (!record) return;
    const copy = structuredClone(record);
    edit(copy);
    after.set(id, copy);
  };
  for (const link of links) {
    if (!after.has(link.callId)) continue;
    change(link.callId, (r) => (r.repeatOfTicket ??= link.ticketId));
    for (const id of link.earlierCallIds) if (id !== link.callId) change(id, (r) => (r.repeatedBy ??= link.callId));
  }
}

export interface ReportsProjectionOptions {
  /** The center's time zone: intervals are quarter-hours of its wall clock. */
  timeZone: string;
}

/**
 * Call detail records and interval tallies, kept by one projection of the event log (calls, agents'
 * states, and QA scores that stand for 监听分值). A call's
 * tally is replaced whenever its record changes after it ended (a late wrap-up or disposition),
 * by subtracting the old tally and adding the new: tallies stay exact and additive.
 *
 * @example
 * new ProjectionRunner(store, log, reportsProjection({ timeZone: 'Asia/Shanghai' })).start();
 */
export function reportsProjection({ timeZone }: ReportsProjectionOptions): Projection {
  return {
    name: 'reports',
    async apply(tx, events) {
      const tallies = new TallyBuffer();
      const agentIds = new Set<string>();
      for (const e of events) {
        if (e.type === 'agent.state_changed') agentIds.add(e.stream);
        if (e.type === 'call.answered') agentIds.add(e.payload.agentId);
      }
      const callIds = [...new Set(events.filter((e) => e.type.startsWith('call.')).map((e) => e.stream))];
      const links = events.flatMap((e) => (e.type === 'ticket.call_linked' && e.payload.repeat ? [{ ticketId: e.stream, ...e.payload }] : []));
      const linkedIds = links.flatMap((l) => [l.callId, ...l.earlierCallIds]).filter((id) => !callIds.includes(id));

      const before = new Map<string, CallDetailRecord>();
      // The team a call was tallied under: its old tally is taken back from there, even if the agent moved since.
      const teamBefore = new Map<string, string>();
      for (const row of await tx.query<{ call_id: string; record: CallDetailRecord; team_id: string | null }>(
        'SELECT call_id, record, team_id FROM call_records WHERE call_id = ANY($1::text[])',
        [[...callIds, ...linkedIds]],
      )) {
        before.set(row.call_id, row.record);
        teamBefore.set(row.call_id, row.team_id ?? '');
        if (row.record.answeredBy) agentIds.add(row.record.answeredBy);
      }
      // A ticket may name a call that was never recorded: only recorded calls are tallied again.
      for (const id of new Set(linkedIds)) if (before.has(id)) callIds.push(id);
      const after = new Map(before);
      for (const e of events) {
        if (!e.type.startsWith('call.')) continue;
        after.set(e.stream, foldCallDetailRecord(after.get(e.stream), e)!);
      }
      await markRepeatCalls(tx, callIds, before, teamBefore, after);
      markTicketRepeats(links, after);
      for (const record of after.values()) if (record.answeredBy) agentIds.add(record.answeredBy);
      const teamOf = new Map(
        (await tx.query<{ id: string; team_id: string | null }>('SELECT id, team_id FROM users WHERE id = ANY($1::text[])', [[...agentIds]])).map((r) => [r.id, r.team_id ?? '']),
      );
      // The service-level threshold is the queue's; the short-abandon threshold the center's.
      const { shortAbandonSeconds } = await loadCenterSettings(tx);
      const thresholds = new Map(
        (await tx.query<{ id: string; sl: number }>('SELECT id, sl_threshold_seconds AS sl FROM queues')).map((q) => [
          q.id,
          { serviceLevelSeconds: q.sl, shortAbandonSeconds } satisfies Thresholds,
        ]),
      );
      const tallyOf = (record: CallDetailRecord | undefined, teamId: string, sign: number) => {
        const at = record && factsFromRecord(record);
        if (!at) return;
        const limits = thresholds.get(at.queueId) ?? { serviceLevelSeconds: 20, shortAbandonSeconds };
        tallies.add(intervalStart(at.offeredAt, 15, timeZone), at.queueId, at.agentId ?? '', teamId, tallyCall(at.facts, limits), sign);
      };

      const records = [];
      for (const id of callIds) {
        tallyOf(before.get(id), teamBefore.get(id) ?? '', -1);
        const record = after.get(id)!;
        const teamId = record.answeredBy ? (teamOf.get(record.answeredBy) ?? '') : '';
        tallyOf(record, teamId, 1);
        records.push({
          call_id: id,
          direction: record.direction,
          started_at: new Date(record.startedAt).toISOString(),
          ended_at: record.endedAt === null ? null : new Date(record.endedAt).toISOString(),
          queue_id: record.firstQueueId,
          agent_id: record.answeredBy,
          team_id: teamId || null,
          outcome: record.outcome,
          vip_level: record.vipLevel,
          from_number: record.from,
          record,
        });
      }
      if (records.length > 0) {
        await tx.query(
          `INSERT INTO call_records (call_id, direction, started_at, ended_at, queue_id, agent_id, team_id, outcome, vip_level, from_number, record)
           SELECT r->>'call_id', r->>'direction', (r->>'started_at')::timestamptz, (r->>'ended_at')::timestamptz, r->>'queue_id',
                  r->>'agent_id', r->>'team_id', r->>'outcome', (r->>'vip_level')::int, r->>'from_number', r->'record'
           FROM jsonb_array_elements($1::jsonb) r
           ON CONFLICT (call_id) DO UPDATE SET direction = EXCLUDED.direction, started_at = EXCLUDED.started_at,
             ended_at = EXCLUDED.ended_at, queue_id = EXCLUDED.queue_id, agent_id = EXCLUDED.agent_id, team_id = EXCLUDED.team_id,
             outcome = EXCLUDED.outcome, vip_level = EXCLUDED.vip_level, from_number = EXCLUDED.from_number, record = EXCLUDED.record`,
          [JSON.stringify(records)],
        );
      }

      const statusChanges = events.filter((e) => e.type === 'agent.state_changed');
      if (statusChanges.length > 0) {
        const current = new Map(
          (await tx.query<AgentStatusRow>('SELECT * FROM agent_status_current WHERE agent_id = ANY($1::text[])', [[...new Set(statusChanges.map((e) => e.stream))]])).map((r) => [
            r.agent_id,
            { status: r.status, since: r.since.getTime(), reason: r.not_ready_reason, outbound: r.outbound },
          ]),
        );
        for (const e of statusChanges) {
          const was = current.get(e.stream);
          if (was) {
            const field = agentTimeField(was.status, was.outbound);
            const team = teamOf.get(e.stream) ?? '';
            for (let t = was.since; t < e.at; ) {
              const start = intervalStart(t, 15, timeZone);
              const end = Math.min(start + QUARTER_HOUR, e.at);
              const seconds = (end - t) / 1000;
              if (field) tallies.add(start, '', e.stream, team, { [field]: seconds, loggedInSeconds: seconds });
              t = end;
            }
          }
          const to = e.payload.to;
          current.set(e.stream, {
            status: to,
            since: e.at,
            reason: e.payload.notReadyReason,
            outbound: staysOutbound(to, was?.outbound ?? false),
          });
        }
        await tx.query(
          `INSERT INTO agent_status_current (agent_id, status, since, not_ready_reason, outbound)
           SELECT r->>'agentId', r->>'status', (r->>'since')::timestamptz, r->>'reason', (r->>'outbound')::boolean
           FROM jsonb_array_elements($1::jsonb) r
           ON CONFLICT (agent_id) DO UPDATE SET status = EXCLUDED.status, since = EXCLUDED.since,
             not_ready_reason = EXCLUDED.not_ready_reason, outbound = EXCLUDED.outbound`,
          [JSON.stringify([...current].map(([agentId, s]) => ({ agentId, ...s, since: new Date(s.since).toISOString() })))],
        );
      }
      // 监听分值: a call's QA score counts in the call's own row (its interval, queue, agent, team) once it stands:
      // at scoring when the center needs no signature, else when signed, past the deadline or decided after a dispute.
      // Older logs counted every score at scoring and a changed one by replacing it: their events still fold so.
      for (const e of events) {
        const counts =
          (e.type === 'qa.evaluation_scored' && !e.payload.awaitsConfirmation) || e.type === 'qa.evaluation_confirmed'
            ? { call: e.payload, qa: { qaScoreSum: e.payload.score, qaEvaluations: 1 } }
            : e.type === 'qa.dispute_resolved' && !e.payload.awaitedConfirmation
              ? { call: e.payload, qa: { qaScoreSum: e.payload.score - e.payload.previousScore } }
              : null;
        if (!counts) continue;
        const { call, qa } = counts;
        tallies.add(intervalStart(call.callStartedAt, 15, timeZone), call.queueId ?? '', call.agentId, call.teamId ?? '', qa);
      }
      // 出勤率's denominator: a published shift's time, quarter-hour by quarter-hour, in the agent's row outside any queue.
      // A change after publishing takes the removed shifts' time out and counts the added.
      const schedule = (teamId: string, shift: { agentId: string; start: number; end: number }, sign: 1 | -1) => {
        for (let q = intervalStart(shift.start, 15, timeZone); q < shift.end; q += QUARTER_HOUR) {
          const scheduledSeconds = (Math.min(shift.end, q + QUARTER_HOUR) - Math.max(shift.start, q)) / 1000;
          tallies.add(q, '', shift.agentId, teamId, { scheduledSeconds }, sign);
        }
      };
      for (const e of events) {
        if (e.type === 'roster.published') for (const shift of e.payload.shifts) schedule(e.payload.teamId, shift, 1);
        if (e.type !== 'roster.changed') continue;
        for (const shift of e.payload.removed) schedule(e.payload.teamId, shift, -1);
        for (const shift of e.payload.added) schedule(e.payload.teamId, shift, 1);
      }
      await tallies.write(tx, timeZone);
    },
  };
}
