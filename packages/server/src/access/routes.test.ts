import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestApp, type TestApp } from '../http/testing';
import { loadCenter } from '../org/index';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { backends } from '../store/testing';

interface Operation {
  method: string;
  path: string;
  query: string[];
}

/** What a body says, as text: a workbook's cells, or the body itself. */
async function textOf(body: Buffer, contentType: string): Promise<string> {
  if (!contentType.includes('spreadsheetml')) return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell.text)));
  return cells.join('\n');
}

/** Digits only: a number written 186 1000 0001, 186-1000-0001 or +8618610000001 is the same 11 digits. */
const digitsOnly = (text: string) => text.replace(/[\s-]/g, '');

/**
 * Every GET operation of the OpenAPI document, as every role that works from masked numbers or
 * within a team: QA and trainers find no full phone number anywhere, a team leader and an agent
 * nothing of another team's customers or calls. Path parameters name another team's things.
 */
describe('every route, walked as each role', () => {
  let h: TestApp;
  let operations: Operation[];
  /** National numbers (11 digits) of every customer and caller. */
  let numbers: string[];
  /** Another team's customers (客服二组, 三组): names and numbers. */
  let foreign: string[];
  /** The national number of 客服二组’s customer who calls. */
  let callerNumber: string;
  const params: Record<string, string> = {};

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { floor: true });
    const { store } = h.t;
    const engine = h.app.floor!.engine;
    const manager = await h.login('manager');
    const queueId = ((await h.call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[]).find((q) => q.name === '售前咨询')!.id;
    const team = async (name: string) => (await store.query<{ id: string }>('SELECT id FROM teams WHERE name LIKE $1', [`${name}%`]))[0]!.id;
    const [team1, team2] = [await team('客服一组'), await team('客服二组')];
    const customers = await store.query<{ id: string; name: string; team_id: string | null; number: string }>(
      `SELECT c.id, c.name, c.team_id, p.number_e164 AS number FROM customers c JOIN customer_phones p ON p.customer_id = c.id`,
    );
    numbers = [...new Set(customers.map((c) => c.number.replace(/^\+86/, '')))];
    const others = customers.filter((c) => c.team_id !== null && c.team_id !== team1);
    foreign = [...new Set(others.flatMap((c) => [c.name, c.number.replace(/^\+86/, '')]))];
    const caller = customers.find((c) => c.team_id === team2)!;
    callerNumber = caller.number.replace(/^\+86/, '');

    // A call of 客服二组: its customer calls, an agent of that team answers and hangs up; another waits in the queue.
    const agent2 = await h.login('8005');
    expect((await h.call(agent2, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    expect(engine.command({ type: 'switch.call_arrived', callId: 'walk-1', from: caller.number, to: '4008001234', queueId, vipLevel: 0 })).toBeNull();
    const agentOf2 = (await store.query<{ id: string }>("SELECT user_id AS id FROM agents WHERE employee_no = '8005'"))[0]!.id;
    await vi.waitFor(() => expect(h.app.floor!.feed.agent(agentOf2)?.status).toBe('ringing'));
    expect((await h.call(agent2, 'POST', '/api/v1/desktop/answer')).statusCode).toBe(200);
    await vi.waitFor(() => expect(h.app.floor!.feed.agent(agentOf2)?.status).toBe('talking'));
    h.clock.advance(30_000);
    expect((await h.call(agent2, 'POST', '/api/v1/desktop/hang-up')).statusCode).toBe(200);
    expect(engine.command({ type: 'switch.call_arrived', callId: 'walk-2', from: caller.number, to: '4008001234', queueId, vipLevel: 0 })).toBeNull();
    await engine.durable();
    const reports = new ProjectionRunner(store, h.app.banzu.log, reportsProjection(await loadCenter(store)));
    await reports.start();
    await reports.caughtUp(await h.app.banzu.log.head());
    reports.stop();

    Object.assign(params, { callId: 'walk-1', customerId: caller.id, teamId: team2, agentId: agentOf2, userId: agentOf2 });
    const doc = (await h.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean }[] }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => method === 'get')
        .map(([method, op]) => ({ method, path, query: (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => p.name) })),
    );
    expect(operations.length).toBeGreaterThan(30);
  });
  afterAll(() => h.close());

  /** The path with its parameters filled: the other team's call, customer, team or agent. */
  function url(op: Operation): string {
    const filled = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name !== 'id') return params[name] ?? 'x';
      if (op.path.startsWith('/api/v1/customers')) return params.customerId!;
      if (op.path.startsWith('/api/v1/teams')) return params.teamId!;
      if (op.path.startsWith('/api/v1/users')) return params.userId!;
      return 'x';
    });
    const query = op.query.map((name) => `${name}=${name === 'to' || name === 'from' || name === 'date' ? '2026-01-05' : name === 'month' ? '2026-01' : 'x'}`);
    return query.length ? `${filled}?${query.join('&')}` : filled;
  }

  async function walk(username: string): Promise<{ url: string; text: string }[]> {
    const token = await h.login(username);
    const out = [];
    for (const op of operations) {
      if (op.path === '/api/v1/live') continue; // the WebSocket: its scope is tested in live/ and floor/
      const at = url(op);
      const res = await h.call(token, 'GET', at);
      expect(res.statusCode, `${username} GET ${at}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      out.push({ url: at, text: digitsOnly(await textOf(res.rawPayload, String(res.headers['content-type'] ?? ''))) });
    }
    return out;
  }

  it('reaches the data it looks for: the manager sees the numbers, 客服二组’s leader its customer and call', async () => {
    const asManager = (await walk('manager')).map((r) => r.text).join('\n');
    expect(numbers.filter((n) => asManager.includes(n)).length).toBeGreaterThan(10);
    const asLeader2 = await walk('leader2');
    expect(asLeader2.filter((r) => r.text.includes(callerNumber)).map((r) => r.url)).toEqual(expect.arrayContaining(['/api/v1/desktop/calls/walk-1/screen-pop']));
  });

  it.each(['qa1', 'trainer1'])('shows %s no full phone number on any route', async (username) => {
    for (const { url, text } of await walk(username)) {
      const full = numbers.filter((n) => text.includes(n));
      expect(full, `GET ${url}`).toEqual([]);
    }
  });

  it.each(['leader1', '8001'])('shows %s nothing of another team’s customers or calls', async (username) => {
    for (const { url, text } of await walk(username)) {
      const seen = foreign.filter((f) => text.includes(digitsOnly(f)));
      expect(seen, `GET ${url}`).toEqual([]);
    }
  });
});
