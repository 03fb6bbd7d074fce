import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centerCalendar, dayKind, parseLocalDateTime } from '../calendar/index';
import { localParts } from '../time/index';
import {
  acceptedTicket,
  addSlaHours,
  applyTicketAction,
  BOUNCE_ESCALATION,
  callbackDue,
  dueSupervision,
  slaMoments,
  slaStanding,
  TicketTransitionError,
  type SlaCalendar,
  type TicketState,
} from './index';

const zone = 'Asia/Shanghai';
/** National Day 2026: 1-7 October off, Saturday 10 October worked instead (调休); 09:00-18:00. */
const nationalDay: SlaCalendar = {
  calendar: centerCalendar({ days: { ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`2026-10-0${i + 1}`, 'holiday' as const])), '2026-10-10': 'workday' } }),
  timeZone: zone,
};
const local = (iso: string) => Date.parse(`${iso}+08:00`);
const field = { kind: 'field_team', id: '维修一队', name: '维修一队' } as const;

describe('ticket lifecycle', () => {
  it('goes from 受理 through 交办, 退单 and closing to a callback that reopens it once, then closes satisfied', () => {
    let t: TicketState = acceptedTicket();
    expect(t).toMatchObject({ status: 'open', assignee: null });
    t = applyTicketAction(t, { type: 'assign', to: field });
    t = applyTicketAction(t, { type: 'bounce', reason: '不属于本队' });
    expect(t).toMatchObject({ status: 'open', assignee: null, bounces: 1 });
    t = applyTicketAction(t, { type: 'assign', to: { kind: 'user', id: 'u1', name: '王芳' } });
    t = applyTicketAction(t, { type: 'note', text: '已联系客户' });
    t = applyTicketAction(t, { type: 'close', resolution: '已上门维修' });
    expect(callbackDue(t)).toBe(true);
    t = applyTicketAction(t, { type: 'callback', result: { solved: false, satisfaction: 2 }, note: '仍然断网' });
    // Not solved: back to its handler, counted as a reopening.
    expect(t).toMatchObject({ status: 'assigned', assignee: { id: 'u1' }, reopens: 1 });
    t = applyTicketAction(t, { type: 'close', resolution: '更换光猫' });
    t = applyTicketAction(t, { type: 'callback', result: { solved: true, satisfaction: 5 }, note: '' });
    expect(t).toMatchObject({ status: 'closed', reopens: 1, bounces: 1, callback: { solved: true, satisfaction: 5 } });
    expect(callbackDue(t)).toBe(false);
  });

  it('refuses steps the state does not allow, with a stable code', () => {
    const closed = applyTicketAction(acceptedTicket(), { type: 'close', resolution: '咨询已解答' });
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof TicketTransitionError ? err.code : 'other';
      }
      return 'none';
    };
    expect(code(() => applyTicketAction(closed, { type: 'assign', to: field }))).toBe('ticket_closed');
    expect(code(() => applyTicketAction(closed, { type: 'close', resolution: '' }))).toBe('ticket_closed');
    expect(code(() => applyTicketAction(acceptedTicket(), { type: 'reopen', reason: '' }))).toBe('ticket_not_closed');
    expect(code(() => applyTicketAction(acceptedTicket(), { type: 'bounce', reason: '' }))).toBe('not_assigned');
    expect(code(() => applyTicketAction(closed, { type: 'callback', result: { solved: true, satisfaction: 6 }, note: '' }))).toBe('bad_satisfaction');
    const done = applyTicketAction(closed, { type: 'callback', result: { solved: true, satisfaction: 4 }, note: '' });
    expect(code(() => applyTicketAction(done, { type: 'callback', result: { solved: true, satisfaction: 4 }, note: '' }))).toBe('callback_done');
    // A reopened ticket nobody handled goes back to the dispatcher.
    expect(applyTicketAction(closed, { type: 'reopen', reason: '客户再次来电' })).toMatchObject({ status: 'open', reopens: 1 });
    expect(BOUNCE_ESCALATION).toBeGreaterThan(1);
  });
});

describe('SLA clock', () => {
  it('gives a complaint 48 clock hours, a reminder before and escalations after', () => {
    const start = local('2026-09-30T16:00:00');
    const m = slaMoments(start, { hours: 48, basis: 'clock' }, 'normal', nationalDay);
    expect(m.dueAt - start).toBe(48 * 3_600_000);
    expect(m.remindAt).toBeLessThan(m.dueAt);
    expect(m.managerAt).toBeGreaterThan(m.dueAt);
    expect(slaStanding(m, m.remindAt - 1)).toBe('on_time');
    expect(slaStanding(m, m.remindAt)).toBe('near_deadline');
    expect(slaStanding(m, m.dueAt)).toBe('overdue');
    expect(dueSupervision(m, m.remindAt, new Set()).map((s) => s.kind)).toEqual(['reminder']);
    expect(dueSupervision(m, m.managerAt, new Set(['reminder'])).map((s) => (s.kind === 'escalation' ? s.level : s.kind))).toEqual(['leader', 'manager']);
    expect(dueSupervision(m, m.managerAt, new Set(['reminder', 'escalation:leader', 'escalation:manager']))).toEqual([]);
    // A priority with its own hours.
    expect(slaMoments(start, { hours: 48, basis: 'clock', byPriority: { urgent: 4 } }, 'urgent', nationalDay).dueAt - start).toBe(4 * 3_600_000);
  });

  it('counts working hours across the National Day holiday and works the make-up Saturday', () => {
    const start = local('2026-09-30T16:00:00');
    // 2 h on 30 September, 9 h on Thursday 8 and Friday 9 October, the last 4 h on the make-up Saturday 10 October.
    expect(addSlaHours(start, 24, 'working', nationalDay)).toBe(local('2026-10-10T13:00:00'));
    // Without the make-up day the count would go on to Monday.
    const noMakeup: SlaCalendar = {
      ...nationalDay,
      calendar: centerCalendar({ days: Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`2026-10-0${i + 1}`, 'holiday' as const])) }),
    };
    expect(addSlaHours(start, 24, 'working', noMakeup)).toBe(local('2026-10-12T13:00:00'));
    // Accepted on a holiday evening: the count starts on the next working morning.
    expect(addSlaHours(local('2026-10-03T20:00:00'), 1, 'working', nationalDay)).toBe(local('2026-10-08T10:00:00'));
  });

  it('never puts a deadline before its start, and a working-hours deadline inside working time', () => {
    const from = Date.parse('2026-09-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 * 24 * 3600 }),
        fc.integer({ min: 0, max: 200 * 4 }),
        fc.constantFrom('clock' as const, 'working' as const),
        (s, quarters, basis) => {
          const start = from + s * 1000;
          const due = addSlaHours(start, quarters / 4, basis, nationalDay);
          expect(due).toBeGreaterThanOrEqual(start);
          if (basis === 'working' && quarters > 0) {
            const p = localParts(due, zone);
            const date = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
            expect(['workday', 'makeup']).toContain(dayKind(nationalDay.calendar, date));
            const minute = parseLocalDateTime(`${date}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`).seconds / 60;
            expect(minute).toBeGreaterThan(9 * 60);
            expect(minute).toBeLessThanOrEqual(18 * 60);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
