import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeskFloor, openDeskFloor } from './testing';

/** 一次性解决问题的呼叫率: the wrap-up's "resolved?", and repeat calls from the same number within the center's window. */
describe('first-contact resolution from the desktop wrap-up', () => {
  let floor: DeskFloor;
  const fcr = () => floor.dayTotal();
  const call = (callId: string, from: string, resolved: boolean | undefined) => floor.answer(callId, from, resolved === undefined ? {} : { resolved });

  beforeAll(async () => {
    floor = await openDeskFloor();
  });
  afterAll(() => floor.close());

  it('a resolved wrap-up yields FCR; a wrap-up that does not say is outside the figure', async () => {
    await call('f-1', '13900000001', true);
    await call('f-2', '13900000002', undefined);
    expect(await fcr()).toMatchObject({ metrics: { firstContactResolution: 1 }, tally: { resolutionKnown: 1 } });
  });

  it('a repeat call from the same number within the window makes the first call not FCR, whatever its wrap-up said', async () => {
    await call('f-3', '13900000001', true);
    // f-1 was repeated by f-3; f-3 itself is resolved so far.
    expect(await fcr()).toMatchObject({ metrics: { firstContactResolution: 0.5 }, tally: { resolutionKnown: 2 } });
  });

  it('a call after the window is a new contact; the window is the center’s setting', async () => {
    expect((await floor.h.call(floor.manager, 'PATCH', '/api/v1/center/settings', { repeatCallWindowHours: 0 })).statusCode).toBe(400);
    expect((await floor.h.call(floor.manager, 'PATCH', '/api/v1/center/settings', { repeatCallWindowHours: 1 })).statusCode).toBe(200);
    floor.h.clock.advance(2 * 3_600_000);
    await call('f-4', '13900000002', true);
    expect((await fcr()).tally.resolutionKnown).toBe(3);
    expect((await fcr()).metrics.firstContactResolution).toBeCloseTo(2 / 3);
  });

  it('refuses a "resolved" that is not yes or no, and a disposition for a call the agent is not on', async () => {
    expect((await floor.h.call(floor.agent, 'POST', '/api/v1/desktop/disposition', { callId: 'f-1', code: 'inquiry', resolved: 'yes' })).statusCode).toBe(400);
    expect((await floor.h.call(floor.agent, 'POST', '/api/v1/desktop/disposition', { callId: 'f-1', code: 'inquiry', resolved: true })).statusCode).toBe(409);
  });
});

/** "A repeat call … on the same topic" (issue 19): the topic is the center's setting, the queue by default. */
describe('a repeat call on the same topic', () => {
  let floor: DeskFloor;
  let afterSales: string;
  const fcr = async () => (await floor.dayTotal()).metrics.firstContactResolution;
  const topic = (repeatCallTopic: string) => floor.h.call(floor.manager, 'PATCH', '/api/v1/center/settings', { repeatCallTopic });

  beforeAll(async () => {
    floor = await openDeskFloor();
    const queues = (await floor.h.call(floor.manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[];
    afterSales = queues.find((q) => q.name === '售后服务')!.id;
  });
  afterAll(() => floor.close());

  it('by default a later call to another queue is about something else; one to the same queue is a repeat', async () => {
    expect((await floor.h.call(floor.manager, 'GET', '/api/v1/center/settings')).json()).toMatchObject({ repeatCallTopic: 'queue' });
    await floor.answer('t-1', '13900000011', { resolved: true });
    await floor.answer('t-2', '13900000011', { resolved: true, queueId: afterSales });
    // 售前 then 售后: both resolved at first contact.
    expect(await fcr()).toBe(1);
    await floor.answer('t-3', '13900000011', { resolved: true });
    // 售前 again within the window: t-1 did not resolve it.
    expect(await fcr()).toBeCloseTo(2 / 3);
  });

  it('by disposition: a later call saved with the same disposition is a repeat, in any queue', async () => {
    expect((await topic('subject')).statusCode).toBe(400);
    expect((await topic('disposition')).statusCode).toBe(200);
    await floor.answer('t-4', '13900000012', { resolved: true, code: 'repair' });
    await floor.answer('t-5', '13900000012', { resolved: true, code: 'inquiry' });
    expect(await fcr()).toBeCloseTo(4 / 5);
    await floor.answer('t-6', '13900000012', { resolved: true, code: 'repair', queueId: afterSales });
    // t-4 was repeated by t-6 (报修 both times, in another queue); t-5 stands.
    expect(await fcr()).toBeCloseTo(4 / 6);
  });

  it('any: every later call from the number, whatever it was about', async () => {
    expect((await topic('any')).statusCode).toBe(200);
    await floor.answer('t-7', '13900000013', { resolved: true, code: 'order' });
    await floor.answer('t-8', '13900000013', { resolved: true, code: 'complaint', queueId: afterSales });
    expect(await fcr()).toBeCloseTo(5 / 8);
  });
});
