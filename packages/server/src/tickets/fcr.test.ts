import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '@banzu/contract';
import type { TestApp } from '../http/testing';
import { type DeskFloor, openDeskFloor } from '../reports/testing';

/** 一次性解决问题的呼叫率 follows ticket links: a repeat call about the same open ticket resolves nothing at first contact. */
describe('first-contact resolution and the calls linked to a ticket', () => {
  let floor: DeskFloor;
  let h: TestApp;
  let agent: string;
  let colleague: string;

  const fcr = async () => {
    const { metrics, tally } = await floor.dayTotal();
    return { known: tally.resolutionKnown, resolved: tally.resolvedFirstContact, rate: metrics.firstContactResolution };
  };
  /** A call from `from` answered at the desktop and wrapped up as resolved. */
  const call = (callId: string, from: string) => floor.answer(callId, from, { resolved: true });
  const link = async (ticketId: string, callId: string, token = agent, status = 200) => {
    const res = await h.call(token, 'POST', `/api/v1/tickets/${ticketId}/calls`, { callId });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as TicketDetail;
  };

  beforeAll(async () => {
    floor = await openDeskFloor();
    ({ h, agent } = floor);
    colleague = await h.login('8003');
  });
  afterAll(() => floor.close());

  it('a call about an open ticket from another phone is no first-contact resolution, and neither is the call the ticket came from', async () => {
    await call('t-1', '13900000021');
    const ticket = (await h.call(agent, 'POST', '/api/v1/tickets', { type: 'complaint', title: '宽带断网', description: '', callId: 't-1' })).json() as TicketDetail;
    expect(ticket.callIds).toEqual(['t-1']);
    expect(await fcr()).toEqual({ known: 1, resolved: 1, rate: 1 });

    // The customer calls again, from the office phone this time: the number alone would not tell.
    await call('t-2', '13900000022');
    expect(await fcr()).toEqual({ known: 2, resolved: 2, rate: 1 });
    const linked = await link(ticket.id, 't-2');
    expect(linked.callIds).toEqual(['t-1', 't-2']);
    expect(linked.steps.at(-1)).toMatchObject({ action: 'call', detail: { callId: 't-2', repeat: true } });
    expect(await fcr()).toEqual({ known: 2, resolved: 0, rate: 0 });
    // The same call twice changes nothing; the list finds the ticket by either call.
    expect((await link(ticket.id, 't-2')).steps.filter((s) => s.action === 'call')).toHaveLength(1);
    expect((await h.call(agent, 'GET', '/api/v1/tickets?callId=t-2')).json().items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
    expect(await fcr()).toEqual({ known: 2, resolved: 0, rate: 0 });
  });

  it('a call linked after the ticket was closed is a new contact; a ticket out of scope is not found', async () => {
    const [ticket] = (await h.call(agent, 'GET', '/api/v1/tickets?callId=t-1')).json().items as TicketDetail[];
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${ticket!.id}/close`, { resolution: '已修复' })).statusCode).toBe(200);
    await call('t-3', '13900000023');
    expect((await link(ticket!.id, 't-3')).steps.at(-1)).toMatchObject({ action: 'call', detail: { callId: 't-3', repeat: false } });
    expect(await fcr()).toEqual({ known: 3, resolved: 1, rate: 1 / 3 });
    // Another agent's ticket is not theirs to link; a call the switch never saw changes no figure.
    await link(ticket!.id, 't-4', colleague, 404);
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${ticket!.id}/calls`, {})).statusCode).toBe(400);
    expect((await h.call(agent, 'POST', `/api/v1/tickets/${ticket!.id}/reopen`, {})).statusCode).toBe(200);
    await link(ticket!.id, 'never-recorded');
    expect(await fcr()).toEqual({ known: 3, resolved: 1, rate: 1 / 3 });
  });
});
