import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CenterSettings, Ticket } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';

/**
 * Working-time SLAs count the back office's hours (settings officeHours), which the manager sets,
 * on the working days of the center calendar: not a fixed 09:00-18:00, not the phones' opening hours.
 */
describe.each(backends)('working-time SLAs in the back office’s hours ($name)', (backend) => {
  let h: TestApp;
  let agent: string;
  let leader: string;
  let manager: string;

  beforeAll(async () => {
    h = await openTestApp(backend);
    // Thursday 8 January 2026, 16:00 in Shanghai.
    h.clock.set(Date.parse('2026-01-08T08:00:00Z'));
    [agent, leader, manager] = (await Promise.all(['8001', 'leader1', 'manager'].map((u) => h.login(u)))) as [string, string, string];
  });
  afterAll(() => h.close());

  const send = async <T>(token: string, method: string, url: string, body?: unknown, status = 200): Promise<T> => {
    const res = await h.call(token, method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json() as T;
  };
  const accept = (title: string) => send<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'repair', title, description: '' }, 201);

  it('counts the hours the manager set, with a lunch break, across a holiday and a make-up Saturday; open tickets keep their deadlines', async () => {
    // Friday 9 January 2026 a public holiday, Saturday 10 January worked in its place (调休).
    await send(manager, 'PUT', '/api/v1/calendar/days/2026-01-09', { kind: 'holiday' });
    await send(manager, 'PUT', '/api/v1/calendar/days/2026-01-10', { kind: 'workday' });
    await send(manager, 'PUT', '/api/v1/ticket-types', { code: 'repair', name: '报修', sla: { hours: 14, basis: 'working' } });

    expect((await send<CenterSettings>(agent, 'GET', '/api/v1/center/settings')).officeHours).toEqual([{ start: '09:00', end: '18:00' }]);
    // 09:00-18:00: Thursday 2 h, Friday off, Saturday 9 h, Sunday off, Monday 3 h: Monday 12 January 12:00.
    const before = await accept('光猫红灯');
    expect(before.dueAt).toBe('2026-01-12T04:00:00.000Z');

    const set = await send<CenterSettings>(manager, 'PATCH', '/api/v1/center/settings', {
      officeHours: [
        { start: '13:30', end: '17:30' },
        { start: '08:30', end: '12:00' },
      ],
    });
    expect(set.officeHours).toHaveLength(2);
    // 08:30-12:00 and 13:30-17:30: Thursday 1.5 h, Saturday 7.5 h, Monday 3.5 h before lunch and 1.5 h after: Monday 15:00.
    const after = await accept('机顶盒无信号');
    expect(after.dueAt).toBe('2026-01-12T07:00:00.000Z');
    expect((await send<Ticket>(agent, 'GET', `/api/v1/tickets/${before.id}`)).dueAt).toBe('2026-01-12T04:00:00.000Z');
    // Clock-hour types are not affected: a complaint is due 48 hours on.
    expect((await send<Ticket>(agent, 'POST', '/api/v1/tickets', { type: 'complaint', title: '装维人员态度差', description: '' }, 201)).dueAt).toBe('2026-01-10T08:00:00.000Z');
  });

  it('refuses hours that cannot be worked, naming them, and lets only managers change them', async () => {
    const refused = async (officeHours: unknown) => {
      const res = await h.call(manager, 'PATCH', '/api/v1/center/settings', { officeHours });
      expect(res.statusCode).toBe(400);
      return res.json().error.message as string;
    };
    expect(await refused([{ start: '18:00', end: '09:00' }])).toContain('办公时段 18:00-09:00 的开始时间应早于结束时间');
    expect(
      await refused([
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '17:30' },
      ]),
    ).toContain('办公时段 11:00-17:30 与 08:30-12:00 重叠');
    expect(await refused([{ start: '9点', end: '18:00' }])).toContain('时间应写成 HH:MM');
    expect(await refused([])).toContain('至少要有一个办公时段');
    expect((await h.call(leader, 'PATCH', '/api/v1/center/settings', { officeHours: [{ start: '09:00', end: '17:00' }] })).statusCode).toBe(403);
    expect((await send<CenterSettings>(agent, 'GET', '/api/v1/center/settings')).officeHours).toHaveLength(2);
  });
});
