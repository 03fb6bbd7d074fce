import { dayTotalsBefore, intervalStart, localDate, localParts, shiftAttendance, volumeStanding, type Actor, type OpenMatters, type VolumeStanding } from '@banzu/core';
import { loadCenterSettings } from '../org/settings';
import { metricsReport } from '../reports/index';
import type { Queryable } from '../store/index';
import { listTickets } from '../tickets/index';
import { leaveOn, loggedInSpans } from '../wfm/index';
import { openFaults } from './faults';

const DAY = 86_400_000;
/** Telemarketing callbacks due within this long count as near their time. */
const CALLBACK_HORIZON = 2 * 3_600_000;
/** Earlier weeks the day's volume is compared with. */
const WEEKS = 4;
/** At most this many of a kind are listed: a handover is read, not scrolled. */
const LIMIT = 30;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * Today's calls up to the last whole quarter-hour against the same weekday of the last four weeks
 * up to the same time, from the reports' interval figures (总呼叫数, the whole center: calls nobody
 * answered belong to no team).
 */
export async function callVolume(db: Queryable, now: number, timeZone: string): Promise<VolumeStanding> {
  const cut = localParts(intervalStart(now, 15, timeZone), timeZone);
  const before = `${two(cut.hour)}:${two(cut.minute)}`;
  // Only the five days compared are read: a month of quarter-hours of a large floor is millions of rows.
  const dayTotal = async (date: string) => {
    const report = await metricsReport(db, { from: date, to: date, by: 'interval', intervalMinutes: 15, timeZone });
    const rows = report.rows.map((r) => ({ key: r.key, value: r.metrics.totalCalls ?? 0 }));
    return dayTotalsBefore(rows, before).get(date) ?? 0;
  };
  const earlier: number[] = [];
  for (let week = 1; week <= WEEKS; week++) {
    const total = await dayTotal(localDate(now - week * 7 * DAY, timeZone));
    if (total > 0) earlier.push(total);
  }
  return volumeStanding(await dayTotal(localDate(now, timeZone)), earlier);
}

/** The team's agents rostered today (published shifts) who did not come or came late, and those on approved leave. */
async function attendanceToday(db: Queryable, teamId: string, now: number, timeZone: string): Promise<OpenMatters['attendance']> {
  const today = localDate(now, timeZone);
  const shifts = await db.query<{ userId: string; name: string; startsAt: Date; endsAt: Date }>(
    `SELECT s.user_id AS "userId", u.display_name AS name, s.starts_at AS "startsAt", s.ends_at AS "endsAt"
       FROM wfm_roster_shifts s JOIN wfm_rosters r ON r.team_id = s.team_id AND r.month = s.month JOIN users u ON u.id = s.user_id
      WHERE s.team_id = $1 AND s.date = $2::date AND r.status = 'published' ORDER BY u.display_name`,
    [teamId, today],
  );
  const agents = await db.query<{ id: string; name: string }>("SELECT id, display_name AS name FROM users WHERE team_id = $1 AND role = 'agent' AND NOT disabled", [teamId]);
  const onLeave = await leaveOn(
    db,
    today,
    agents.map((a) => a.id),
  );
  const away = new Set(onLeave.map((l) => l.agentId));
  const { attendanceGraceMinutes } = await loadCenterSettings(db);
  const result: OpenMatters['attendance'] = agents.filter((a) => away.has(a.id)).map((a) => ({ agentId: a.id, agentName: a.name, status: 'leave' as const, lateMinutes: 0 }));
  for (const s of shifts) {
    if (away.has(s.userId)) continue;
    const shift = { start: s.startsAt.getTime(), end: s.endsAt.getTime() };
    // With the state under way: an agent logged in since the start and not changed since is no latecomer.
    const spans = await loggedInSpans(db, s.userId, new Date(shift.start - DAY), new Date(shift.end + DAY), now);
    const standing = shiftAttendance(shift, spans, now, attendanceGraceMinutes);
    if (standing.status === 'absent') result.push({ agentId: s.userId, agentName: s.name, status: 'absent', lateMinutes: 0 });
    else if (standing.status === 'late' || standing.status === 'late_and_early') {
      result.push({ agentId: s.userId, agentName: s.name, status: 'late', lateMinutes: standing.lateMinutes });
    }
  }
  return result;
}

/**
 * What is open for a team now, as its leader would see it: tickets past their reminder or deadline
 * and callbacks waiting, agents away or late today, faults not over, disputed evaluations, and the
 * day's call volume.
 */
export async function openMatters(db: Queryable, teamId: string, now: number, timeZone: string): Promise<OpenMatters> {
  // The team's tickets are those its leader sees: accepted by, or assigned to, the team or one of its people.
  const leader: Actor = { userId: '', role: 'team_leader', teamId };
  const page = (view: 'near_deadline' | 'overdue' | 'callback') => listTickets(db, leader, { view, limit: LIMIT, offset: 0 }, now).then((p) => p.items);
  const [overdue, near, callbacks] = [await page('overdue'), await page('near_deadline'), await page('callback')];
  const campaignCallbacks = await db.query<{ customer: string; campaign: string; at: Date | null }>(
    `SELECT cu.name AS customer, c.name AS campaign, cc.next_attempt_at AS at
       FROM campaign_customers cc JOIN campaigns c ON c.id = cc.campaign_id JOIN customers cu ON cu.id = cc.customer_id
       JOIN users u ON u.id = coalesce(cc.callback_agent_id, cc.assigned_agent_id)
      WHERE cc.status = 'callback' AND c.status IN ('running', 'paused') AND u.team_id = $1 AND cc.next_attempt_at <= $2
      ORDER BY cc.next_attempt_at LIMIT ${LIMIT}`,
    [teamId, new Date(now + CALLBACK_HORIZON)],
  );
  const disputes = await db.query<{ id: string; agentName: string; callId: string; score: number; disputedAt: Date | null }>(
    `SELECT e.id, u.display_name AS "agentName", e.call_id AS "callId", e.score, e.disputed_at AS "disputedAt"
       FROM qa_evaluations e JOIN users u ON u.id = e.agent_id
      WHERE e.status = 'disputed' AND e.purpose = 'evaluation' AND u.team_id = $1 ORDER BY e.disputed_at LIMIT ${LIMIT}`,
    [teamId],
  );
  const faults = await openFaults(db, teamId);
  return {
    tickets: [...overdue, ...near].map((t) => ({ id: t.id, no: t.no, title: t.title, dueAt: Date.parse(t.dueAt), overdue: Date.parse(t.dueAt) <= now })),
    callbacks: [
      ...callbacks.map((t) => ({ kind: 'ticket' as const, label: `${t.no} ${t.title}`, dueAt: null })),
      ...campaignCallbacks.map((c) => ({ kind: 'campaign' as const, label: `${c.customer}（${c.campaign}）`, dueAt: c.at ? c.at.getTime() : null })),
    ],
    attendance: await attendanceToday(db, teamId, now, timeZone),
    faults: faults.map((f) => ({ id: f.id, kind: f.kind, title: f.title, startedAt: Date.parse(f.startedAt), effect: f.effect })),
    disputes: disputes.map((d) => ({
      evaluationId: d.id,
      agentName: d.agentName,
      callId: d.callId,
      score: Math.round(d.score * 10) / 10,
      disputedAt: d.disputedAt ? d.disputedAt.getTime() : null,
    })),
    volume: await callVolume(db, now, timeZone),
  };
}
