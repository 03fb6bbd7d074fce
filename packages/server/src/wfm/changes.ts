import type { DomainEvent } from '@banzu/core';
import type { EventLog } from '../events/index';
import type { Queryable } from '../store/index';

/** An agent's shift as stored: the team's month it belongs to, instants, breaks. */
export interface StoredShift {
  teamId: string;
  month: string;
  userId: string;
  date: string;
  shift: string;
  startsAt: Date;
  endsAt: Date;
  breaks: { name: string; start: string; end: string }[];
}

const shiftColumns = `team_id AS "teamId", month, user_id AS "userId", to_char(date, 'YYYY-MM-DD') AS date, shift, starts_at AS "startsAt", ends_at AS "endsAt", breaks`;

/** The agents' shifts on the dates asked (any month's roster, draft or published). */
export async function shiftsOn(db: Queryable, userIds: readonly string[], dates: readonly string[]): Promise<StoredShift[]> {
  if (userIds.length === 0 || dates.length === 0) return [];
  return db.query<StoredShift>(`SELECT ${shiftColumns} FROM wfm_roster_shifts WHERE user_id = ANY($1::text[]) AND date = ANY($2::date[]) ORDER BY date, user_id`, [userIds, dates]);
}

/** Whether the team's month is published: only then does a change notify the agent and move the reports' scheduled time. */
async function published(db: Queryable, teamId: string, month: string): Promise<boolean> {
  const [row] = await db.query<{ status: string }>('SELECT status FROM wfm_rosters WHERE team_id = $1 AND month = $2', [teamId, month]);
  return row?.status === 'published';
}

/** One agent's day before and after a change (null: off that day, or no shift in the roster). */
export interface DayChange {
  userId: string;
  teamId: string;
  month: string;
  date: string;
  before: { shift: string; start: number; end: number } | null;
  /** The shift the agent has now, with its breaks: the wallboard measures adherence to them from the event. */
  after: { shift: string; start: number; end: number; breaks?: { name: string; start: number; end: number }[] } | null;
}

/**
 * Records changes already made to roster shifts: for a published month, a notice to each agent
 * whose day changed (what the shift was, what it is, why) and one `roster.changed` event per team
 * so the reports' scheduled time follows; a draft changes silently. Call it in the transaction of
 * the change.
 *
 * @example
 * await recordChanges(tx, log, [{ userId, teamId, month, date, before: { shift: '早班', start, end }, after: null }], { cause: 'leave', note: '病假', by, at });
 */
export async function recordChanges(
  tx: Queryable,
  log: Pick<EventLog, 'appendIn'>,
  changes: readonly DayChange[],
  why: { cause: 'leave' | 'swap' | 'overtime' | 'edit'; note: string; by: string; at: number },
): Promise<void> {
  const events = new Map<string, Extract<DomainEvent, { type: 'roster.changed' }>>();
  for (const c of changes) {
    if (!(await published(tx, c.teamId, c.month))) continue;
    await tx.query('INSERT INTO wfm_schedule_changes (user_id, team_id, date, before_shift, after_shift, cause, note, at, by_user) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
      c.userId,
      c.teamId,
      c.date,
      c.before?.shift ?? null,
      c.after?.shift ?? null,
      why.cause,
      why.note,
      new Date(why.at),
      why.by,
    ]);
    let event = events.get(c.teamId);
    if (!event) {
      event = { type: 'roster.changed', stream: c.teamId, at: why.at, payload: { teamId: c.teamId, cause: why.cause, removed: [], added: [] } };
      events.set(c.teamId, event);
    }
    if (c.before) event.payload.removed.push({ agentId: c.userId, start: c.before.start, end: c.before.end });
    if (c.after) event.payload.added.push({ agentId: c.userId, start: c.after.start, end: c.after.end, breaks: c.after.breaks ?? [] });
  }
  if (events.size > 0) await log.appendIn(tx, [...events.values()]);
}

/** A stored shift as a change's before or after, its breaks as epoch ms. */
export const asChange = (s: StoredShift) => ({
  shift: s.shift,
  start: new Date(s.startsAt).getTime(),
  end: new Date(s.endsAt).getTime(),
  breaks: breakInstants(s.breaks),
});

/** Stored breaks (ISO instants) as epoch ms, for the roster events. */
export const breakInstants = (breaks: readonly { name: string; start: string; end: string }[] | null) =>
  (breaks ?? []).map((b) => ({ name: b.name, start: Date.parse(b.start), end: Date.parse(b.end) }));
