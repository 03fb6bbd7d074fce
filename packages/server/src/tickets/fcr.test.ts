import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetail } from '@banzu/contract';
import type { FloorEngine } from '../floor/engine';
import { openTestApp, type TestApp } from '../http/testing';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';

/** 一次性解决问题的呼叫率 follows ticket links: a repeat call about the same open ticket resolves nothing at first contact. */
describe('first-contact resolution and the calls linked to a ticket', () => {
  let h: TestApp;
  let engine: FloorEngine;
  let agent: string;
  let colleague: string;
  let manager: string;
  let queueId: string;
  let runner: ProjectionRunner;

  const fcr = async () => {
    await runner.caughtUp(await h.app.banzu.log.head());
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(engine.now());
    const res = await h.call(manager, 'GET', `/api/v1/reports/metrics?from=${date}&to=${date}&by=day`);
    expect(res.statusCode, res.body).toBe(200);
    const { metrics, tally } = res.json().total as { metrics: { firstContactResolution: number | null }; tally: { resolutionKnown: number; resolvedFirstContact: number } };
    return { known: tally.resolutionKnown, resolved: tally.resolvedFirstContact, rate: metrics.firstContactResolution };
  };

  /** A call from `from` answered at the desktop and wrapped up as resolved. */
  async function call(callId: string, from: string) {
    expect(engine.command({ type: 'switch.call_arrived', callId, from, to: '4008001234', queueId, vipLevel: 0 })).toBeNull();
    await h.app.banzu.log.settled();
    expect((await h.call(agent, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    h.clock.advance(60_000);
    expect((await h.call(agent, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    const saved = await h.call(agent, 'POST', '/api/v1/desktop/disposition', { callId, code: 'inquiry', finish: true, resolved: true });
    expect(saved.statusCode, saved.body).toBe(200);
    h.clock.advance(60_000);
  }
  const link = async (ticketId: string, callId: string, token = agent, status = 200) => {
    const res = await h.call(token, 'POST', `/api/v1/tickets/${ticketId}/calls`, { callId });
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as TicketDetail;
  };

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    engine = h.app.floor!.engine;
    runner = new ProjectionRunner(h.app.banzu.store, h.app.banzu.log, reportsProjection({ timeZone: 'Asia/Shanghai' }), (err) => {
      throw err;
    });
    await runner.start();
    [agent, colleague, manager] = (await Promise.all(['8001', '8003', 'manager'].map((u) => h.login(u)))) as [string, string, string];
    queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    expect((await h.call(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
  });
  afterAll(async () => {
    runner.stop();
    await h.close();
  });

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
