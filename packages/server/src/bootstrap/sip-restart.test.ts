import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openServerStore, type Store } from '../store/index';
import { testDatabaseUrl } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { startBanzuProcess } from '../testing/process';
import { stopLeftover } from '../voice/child';
import { portBlock, sipSwitchEnv, startPhone, until, writeVoices } from '../voice/testing/call-setup';
import type { Phone } from '../voice/testing/phone';

const address = '127.0.0.1';
const password = 'sip-restart-pw';
const queueNumber = '4008001001';
/** A block of 100 ports like bootstrap/sip.test.ts's, and the HTTP port apart from all blocks. */
const ports = portBlock(30_000 + 100 * Math.floor(Math.random() * 27));
const httpPort = 9_000 + Math.floor(Math.random() * 1000);
const base = `http://${address}:${httpPort}`;

/**
 * `banzu start --switch sip` killed with SIGKILL while a call is up, then started again on the same
 * store and data directory: the Kamailio and rtpengine the killed process left behind are replaced,
 * the call that was up is ended in the log, and its agent is not left on a call.
 */
describe('a SIP server killed mid-call and started again (PostgreSQL)', () => {
  const schema = `test_${randomBytes(6).toString('hex')}`;
  let dir: string;
  let admin: Store;
  let store: Store;
  let server: ChildProcess | undefined;
  let deskPhone: Phone | undefined;
  let callerPhone: Phone | undefined;
  let agentId: string;

  const start = async () => {
    const url = `${testDatabaseUrl}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const { child, ready, output } = await startBanzuProcess(
      ['--port', String(httpPort), '--data-dir', join(dir, 'data'), '--no-demo', '--switch', 'sip'],
      {
        DATABASE_URL: url,
        ...sipSwitchEnv(ports),
      },
      base,
    );
    server = child;
    expect(ready, output()).toBe(true);
  };
  const api = async (token: string | null, method: string, path: string, body?: object) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const login = async (username: string) => ((await (await api(null, 'POST', '/api/v1/auth/login', { username, password })).json()) as { token: string }).token;
  const lastState = async () =>
    (await store.query<{ to: string }>("SELECT payload->>'to' AS to FROM events WHERE type = 'agent.state_changed' AND stream = $1 ORDER BY seq DESC LIMIT 1", [agentId]))[0]?.to;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'banzu-sip-restart-'));
    await writeVoices(dir, 120);
    admin = await openServerStore({ url: testDatabaseUrl, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    store = await openServerStore({ url: testDatabaseUrl, schema, maxConnections: 2 });
    await migrate(store);
    await seedTestCenter(store, password);
    [{ id: agentId }] = (await store.query<{ id: string }>("SELECT user_id AS id FROM agents WHERE employee_no = '8001'")) as [{ id: string }];
  }, 120_000);

  afterAll(async () => {
    await Promise.all([deskPhone?.stop(), callerPhone?.stop()]);
    if (server && server.exitCode === null && server.signalCode === null) {
      const gone = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await gone;
    }
    // Whatever a failed run left behind.
    await stopLeftover(join(dir, 'data', 'voice', 'kamailio.pid'), 'kamailio');
    await stopLeftover(join(dir, 'data', 'voice', 'rtpengine.pid'), 'rtpengine');
    await store?.close();
    await admin?.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('ends the call that was up, in the log, and the agent leaves it; the daemons the killed process left are replaced', async () => {
    await start();
    const manager = await login('manager');
    const queues = (await (await api(manager, 'GET', '/api/v1/queues')).json()) as { id: string; name: string }[];
    const presales = queues.find((q) => q.name === '售前咨询')!;
    expect((await api(manager, 'PATCH', `/api/v1/queues/${presales.id}`, { inboundNumbers: [queueNumber] })).status).toBe(200);

    deskPhone = await startPhone({ dir, address, ports }, 'agent', { name: 'desk', user: '8001', password });
    await deskPhone.registered();
    const agent = await login('8001');
    expect((await api(agent, 'POST', '/api/v1/desktop/state', { status: 'ready' })).status).toBe(200);
    callerPhone = await startPhone({ dir, address, ports }, 'caller', { name: 'caller' });
    await callerPhone.dial(queueNumber);
    await until(async () => (await lastState()) === 'talking', 'agent 8001 talks');
    const [answered] = await store.query<{ call_id: string }>("SELECT stream AS call_id FROM events WHERE type = 'call.answered' ORDER BY seq DESC LIMIT 1");
    const callId = answered!.call_id;
    const talking = callerPhone;
    await until(async () => (await talking.secondsHeard()) >= 3, 'the caller hears the agent');

    const gone = new Promise((resolve) => server!.once('exit', resolve));
    server!.kill('SIGKILL');
    await gone;
    expect(await lastState()).toBe('talking');

    // The killed process's Kamailio and rtpengine still hold the ports: the restart replaces them.
    await start();
    await until(async () => (await lastState()) === 'wrap_up', 'agent 8001 leaves the call');
    const ended = await store.query<{ payload: { outcome: string } }>("SELECT payload FROM events WHERE type = 'call.ended' AND stream = $1", [callId]);
    expect(ended).toHaveLength(1);
    expect((await api(null, 'GET', '/ready')).status).toBe(200);
  }, 300_000);
});
