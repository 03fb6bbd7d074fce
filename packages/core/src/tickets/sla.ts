import { addWorkingHours, type CenterCalendar } from '../calendar/index';
import { fromLocal, localParts } from '../time/index';
import type { TicketPriority } from './lifecycle';

/** How an SLA counts: every hour on the clock, or only the center's working hours on working days. */
export const slaBases = ['clock', 'working'] as const;
export type SlaBasis = (typeof slaBases)[number];

/** A ticket type's time to handle: `hours` in `basis`; a priority may have its own hours. */
export interface TicketSla {
  hours: number;
  basis: SlaBasis;
  byPriority?: Partial<Record<TicketPriority, number>>;
}

/** Share of the SLA after which the handler is reminded that the deadline nears. */
export const REMINDER_SHARE = 0.8;
/** Share of the SLA past the deadline after which an escalation goes on from the leader to the manager. */
export const MANAGER_ESCALATION_SHARE = 0.5;

export type EscalationLevel = 'leader' | 'manager';

/** The moments of a ticket's supervision (督办), epoch milliseconds. */
export interface SlaMoments {
  /** The handler is reminded. */
  remindAt: number;
  /** The deadline; the team leader is told when it passes. */
  dueAt: number;
  /** Still not closed: the manager is told. */
  managerAt: number;
}

/** Where the SLA clock counts: the center's calendar and time zone. */
export interface SlaCalendar {
  calendar: CenterCalendar;
  timeZone: string;
}

/** The hours a ticket of this priority has. */
export function slaHours(sla: TicketSla, priority: TicketPriority): number {
  return sla.byPriority?.[priority] ?? sla.hours;
}

/**
 * The instant `hours` after `from` in the SLA's basis: on the clock, or counting only working time
 * on the center's calendar (holidays off, make-up working days on).
 *
 * @example
 * addSlaHours(at, 48, 'clock', center);   // at + 48 h
 * addSlaHours(at, 16, 'working', center); // two 8-hour working days later, holidays skipped
 */
export function addSlaHours(from: number, hours: number, basis: SlaBasis, center: SlaCalendar): number {
  if (basis === 'clock') return from + Math.round(hours * 3_600_000);
  const p = localParts(from, center.timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
  const due = addWorkingHours(center.calendar, local, hours);
  const [date, time] = due.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  // Working time counts in whole minutes: never land before the instant the count started.
  return Math.max(from, fromLocal(y, m, d, hh, mm, center.timeZone));
}

/**
 * The reminder, the deadline and the manager's escalation of a ticket whose clock started at
 * `start` (acceptance, or the last reopening).
 *
 * @example
 * const complaint = { hours: 48, basis: 'clock' } as const;
 * slaMoments(start, complaint, 'normal', center); // remind at 38.4 h, due at 48 h, manager at 72 h
 */
export function slaMoments(start: number, sla: TicketSla, priority: TicketPriority, center: SlaCalendar): SlaMoments {
  const hours = slaHours(sla, priority);
  return {
    remindAt: addSlaHours(start, hours * REMINDER_SHARE, sla.basis, center),
    dueAt: addSlaHours(start, hours, sla.basis, center),
    managerAt: addSlaHours(start, hours * (1 + MANAGER_ESCALATION_SHARE), sla.basis, center),
  };
}

/** Where a ticket stands against its clock at `now`: the leader's lists sort by it. */
export type SlaStanding = 'on_time' | 'near_deadline' | 'overdue';

export function slaStanding(moments: Pick<SlaMoments, 'remindAt' | 'dueAt'>, now: number): SlaStanding {
  if (now >= moments.dueAt) return 'overdue';
  return now >= moments.remindAt ? 'near_deadline' : 'on_time';
}

/** A supervision step due at a moment: the reminder, or an escalation to the leader or the manager. */
export type SupervisionStep = { kind: 'reminder'; at: number } | { kind: 'escalation'; level: EscalationLevel; at: number };

/**
 * The supervision steps due by `now` that have not been taken yet (`taken`: the kinds already
 * recorded since the clock started), in time order. The server records each once.
 *
 * @example
 * dueSupervision(moments, now, new Set(['reminder'])); // [{ kind: 'escalation', level: 'leader', at: moments.dueAt }] once the deadline passed
 */
export function dueSupervision(moments: SlaMoments, now: number, taken: ReadonlySet<string>): SupervisionStep[] {
  const steps: SupervisionStep[] = [
    { kind: 'reminder', at: moments.remindAt },
    { kind: 'escalation', level: 'leader', at: moments.dueAt },
    { kind: 'escalation', level: 'manager', at: moments.managerAt },
  ];
  return steps.filter((s) => s.at <= now && !taken.has(supervisionKey(s)));
}

/** The name a supervision step is recorded under: 'reminder', 'escalation:leader', 'escalation:manager'. */
export function supervisionKey(step: Pick<SupervisionStep, 'kind'> & { level?: EscalationLevel }): string {
  return step.kind === 'reminder' ? 'reminder' : `escalation:${step.level}`;
}
