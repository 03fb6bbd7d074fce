/**
 * Tickets (工单): the lifecycle from 受理 to 回访 and the SLA clock that supervises it (督办), pure.
 *
 * @example
 * const center = { calendar: centerCalendar({ days: { '2026-10-01': 'holiday' } }), timeZone: 'Asia/Shanghai' };
 * const moments = slaMoments(acceptedAt, { hours: 48, basis: 'clock' }, 'normal', center);
 * let ticket = applyTicketAction(acceptedTicket(), { type: 'assign', to: { kind: 'user', id: userId, name: '王芳' } });
 * dueSupervision(moments, clock.now(), new Set()); // the reminder and escalations due by now
 */
export {
  acceptedTicket,
  applyTicketAction,
  assigneeKinds,
  BOUNCE_ESCALATION,
  callbackDue,
  ticketPriorities,
  ticketStatuses,
  TicketTransitionError,
  type Assignee,
  type AssigneeKind,
  type CallbackResult,
  type FieldVisitSignOff,
  type TicketAction,
  type TicketPriority,
  type TicketState,
  type TicketStatus,
} from './lifecycle';
export {
  addSlaHours,
  dueSupervision,
  MANAGER_ESCALATION_SHARE,
  REMINDER_SHARE,
  slaBases,
  slaHours,
  slaMoments,
  slaStanding,
  supervisionKey,
  type EscalationLevel,
  type SlaBasis,
  type SlaCalendar,
  type SlaMoments,
  type SlaStanding,
  type SupervisionStep,
  type TicketSla,
} from './sla';
