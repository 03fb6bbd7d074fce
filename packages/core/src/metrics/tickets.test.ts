import { describe, expect, it } from 'vitest';
import { addTicketTallies, computeTicketMetrics, emptyTicketTally, ticketMetricDictionary } from './index';

describe('ticket metrics', () => {
  it('computes each figure once from summed tallies: the groups’ figures are those of their sum', () => {
    const complaints = {
      ...emptyTicketTally(),
      tickets: 3,
      closed: 2,
      closedOnTime: 1,
      handlingSeconds: 2 * 30 * 3600,
      reopened: 1,
      bounces: 2,
      satisfactionSum: 7,
      satisfactionAnswers: 2,
    };
    const repairs = { ...emptyTicketTally(), tickets: 1, closed: 1, closedOnTime: 1, handlingSeconds: 6 * 3600, satisfactionSum: 5, satisfactionAnswers: 1 };
    const total = computeTicketMetrics(addTicketTallies(complaints, repairs), { customers: 200 });
    expect(total).toEqual({
      tickets: 4,
      ticketsClosed: 3,
      ticketOnTimeRate: 2 / 3,
      ticketHandlingHours: 22,
      ticketReopenRate: 0.25,
      ticketBounces: 2,
      callbackSatisfaction: 4,
      ticketsPerCustomer: 0.02,
    });
    // Tickets per customer of the groups add up to the total's.
    const parts = [complaints, repairs].map((t) => computeTicketMetrics(t, { customers: 200 }).ticketsPerCustomer!);
    expect(parts[0]! + parts[1]!).toBeCloseTo(total.ticketsPerCustomer!);
  });

  it('has no data where nothing was counted below the line, never 0', () => {
    const none = computeTicketMetrics({ ...emptyTicketTally(), tickets: 2 });
    expect(none).toMatchObject({ ticketOnTimeRate: null, ticketHandlingHours: null, callbackSatisfaction: null, ticketsPerCustomer: null, ticketReopenRate: 0 });
    expect(computeTicketMetrics(emptyTicketTally(), { customers: 0 }).ticketsPerCustomer).toBeNull();
  });

  it('defines each ticket figure once, with its data source', () => {
    const ids = ticketMetricDictionary.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['ticketOnTimeRate', 'ticketHandlingHours', 'ticketReopenRate', 'ticketBounces', 'callbackSatisfaction', 'ticketsPerCustomer']));
    for (const m of ticketMetricDictionary) expect(m.dataSource.from).not.toBe('');
  });
});
