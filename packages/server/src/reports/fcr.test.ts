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
