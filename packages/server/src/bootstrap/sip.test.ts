import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@banzu/core';
import { loadConfig } from '../config/index';
import { EventLog } from '../events/index';
import { backends, type TestStore } from '../store/testing';
import { seedTestCenter } from '../testing/center';
import { Phone } from '../voice/testing/phone';
import { writeTone } from '../voice/index';
import { assemble, startConfiguredSwitch, type Assembled } from './index';
import { heardSeconds, portBlock, tones, until } from '../voice/testing/call-setup';
import { dominantTones, wavChannels } from '../voice/testing/hearing';

const address = '127.0.0.1';
const password = 'sip-start-pw';
const queueNumber = '4008001001';
const { caller, agent, music } = tones;

/**
 * Ports of this run: a block of 100 between voice/index.test.ts's (10000-29999) and the ephemeral
 * range (32768 up), where any socket of the machine may take a port.
 */
const base = 30_000 + 100 * Math.floor(Math.random() * 27);
const ports = portBlock(base);

describe('start-up with BANZU_SWITCH=sip: a real phone as agent 8001 answers a call to a queue number', () => {
  let dir: string;
  let t: TestStore;
  let log: EventLog;
  let banzu: Assembled;
  let app: FastifyInstance;
  let deskPhone: Phone | undefined;
  let callerPhone: Phone | undefined;
  const errors: unknown[] = [];

  const call = async (token: string | undefined, method: 'GET' | 'POST' | 'PATCH', url: string, body?: object) =>
    app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body ? { payload: body } : {}) });
  const login = async (username: string) => (await call(undefined, 'POST', '/api/v1/auth/login', { username, password })).json().token as string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'banzu-sip-start-'));
    await writeTone(join(dir, 'caller.wav'), { hz: caller.hz, seconds: 60 });
    await writeTone(join(dir, 'agent.wav'), { hz: agent.hz, seconds: 60 });
    const config = loadConfig({
      env: {
        BANZU_DATA_DIR: dir,
        BANZU_SWITCH: 'sip',
        BANZU_SIP_PORT: String(ports.sip),
        BANZU_B2BUA_PORT: String(ports.b2bua),
        BANZU_RTPENGINE_NG_PORT: String(ports.ng),
        BANZU_SIP_WS_PORT: String(ports.sip + 3),
        BANZU_RTP_PORTS: `${ports.rtp.min}-${ports.rtp.max}`,
      },
      cwd: '/nonexistent',
    });
    t = await backends[0]!.open();
    await seedTestCenter(t.store, password);
    log = new EventLog(t.store);
    // What `startServer` does with this configuration, over the test's store.
    const onError = (err: unknown) => errors.push(err);
    const sip = await startConfiguredSwitch(config, t.store, onError);
    banzu = await assemble({ config, store: t.store, log, clock: systemClock }, { floor: { onError }, switch: sip });
    app = banzu.app;
  }, 180_000);

  afterAll(async () => {
    await Promise.all([deskPhone?.stop(), callerPhone?.stop()]);
    await banzu?.close();
    await log?.close();
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('rings the agent’s registered phone for a call to the number the manager gave the queue; both hear each other; the caller’s hang-up ends the call', async () => {
    expect((await call(undefined, 'GET', '/ready')).statusCode).toBe(200);

    // The number is given after the switch started: it is looked up at each call.
    const manager = await login('manager');
    const queues = (await call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[];
    const presales = queues.find((q) => q.name === '售前咨询')!;
    expect((await call(manager, 'PATCH', `/api/v1/queues/${presales.id}`, { inboundNumbers: [queueNumber] })).json().inboundNumbers).toEqual([queueNumber]);

    deskPhone = await Phone.start({
      dir: join(dir, 'desk'),
      user: '8001',
      proxy: { address, port: ports.sip },
      sipPort: ports.agentSip,
      controlPort: ports.agentControl,
      rtpPorts: ports.agentRtp,
      voice: join(dir, 'agent.wav'),
      deskPhone: true,
      // The test center gives every agent's SIP account the login password.
      password,
    });
    await deskPhone.registered();
    const agentToken = await login('8001');
    expect((await call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meal' })).statusCode).toBe(200);
    const [agent8001] = await t.store.query<{ user_id: string }>("SELECT user_id FROM agents WHERE employee_no = '8001'");
    const agentId = agent8001!.user_id;
    const engine = banzu.floor!.engine;

    callerPhone = await Phone.start({
      dir: join(dir, 'caller'),
      user: '13800138000',
      proxy: { address, port: ports.sip },
      sipPort: ports.callerSip,
      controlPort: ports.callerControl,
      rtpPorts: ports.callerRtp,
      voice: join(dir, 'caller.wav'),
      deskPhone: false,
    });
    await callerPhone.dial(queueNumber);
    // The caller queues and hears the music; then the agent gets ready and the router offers (an agent
    // ready before the call is voice/index.test.ts's case).
    const queued = callerPhone;
    await until(async () => (await queued.secondsHeard()) >= 2, 'the caller hears the music while queued');
    expect((await call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    await until(() => engine.router.agentState(agentId)?.status === 'talking', 'agent 8001’s phone answers and they talk');
    const callId = engine.router.agentState(agentId)!.callId!;
    expect(engine.router.call(callId)).toMatchObject({ queueId: presales.id });

    const phones = [callerPhone, deskPhone];
    const from = await Promise.all(phones.map((p) => p.secondsHeard()));
    let heard: number[] = [];
    await until(async () => {
      heard = await Promise.all(phones.map((p) => p.secondsHeard()));
      return heard.every((s, i) => s >= from[i]! + 5);
    }, 'five seconds of talk on both phones').catch((err: Error) => {
      throw new Error(`${err.message} (the caller heard ${heard[0]! - from[0]!} s, the agent ${heard[1]! - from[1]!} s)`);
    });
    await callerPhone.hangUp();
    await until(() => engine.router.call(callId) === undefined, 'the router ends the call');
    expect(engine.router.agentState(agentId)?.status).toBe('wrap_up');

    await Promise.all([deskPhone.stop(), callerPhone.stop()]);
    const callerSeconds = await heardSeconds(callerPhone);
    const agentSeconds = await heardSeconds(deskPhone);
    console.info(`the caller heard, second by second: ${callerSeconds.join(' ')}\nagent 8001 heard: ${agentSeconds.join(' ')}`);
    expect(callerSeconds[0]).toBe(music.hz);
    expect(callerSeconds.filter((hz) => hz === agent.hz).length).toBeGreaterThanOrEqual(4);
    expect(agentSeconds.filter((hz) => hz === caller.hz).length).toBeGreaterThanOrEqual(4);
    expect(agentSeconds.filter((hz) => hz !== null && hz !== caller.hz)).toEqual([]);

    // Queues record by default: the recording plays from the usual route once the call ended, the
    // caller on the left and the agent on the right, from the answer on.
    let recording = await call(manager, 'GET', `/api/v1/calls/${callId}/recording`);
    await until(async () => {
      recording = await call(manager, 'GET', `/api/v1/calls/${callId}/recording`);
      return recording.statusCode === 200;
    }, 'the recording is saved');
    expect(recording.headers['content-type']).toBe('audio/wav');
    const { rate, channels } = wavChannels(recording.rawPayload);
    expect(channels).toHaveLength(2);
    const [left, right] = channels.map((samples) => dominantTones(samples, rate, [caller.hz, agent.hz, music.hz]));
    console.info(`the recording, second by second: left ${left!.join(' ')} / right ${right!.join(' ')}`);
    expect(left!.filter((hz) => hz === caller.hz).length).toBeGreaterThanOrEqual(4);
    expect(right!.filter((hz) => hz === agent.hz).length).toBeGreaterThanOrEqual(4);
    // Nobody's voice on the other's channel, and no music (the recording starts at the answer).
    expect(left!.filter((hz) => hz !== null && hz !== caller.hz)).toEqual([]);
    expect(right!.filter((hz) => hz !== null && hz !== agent.hz)).toEqual([]);
    const [row] = await t.store.query<{ duration_ms: number }>('SELECT duration_ms FROM recordings WHERE call_id = $1', [callId]);
    expect(row!.duration_ms).toBeGreaterThanOrEqual(4000);
    expect(errors).toEqual([]);
  }, 180_000);

  it('is not ready while Kamailio does not answer, says so, and starts it again when it exits', async () => {
    // Kamailio writes its process id where start-up told it: the test touches only that process.
    const pidFile = join(dir, 'voice', 'kamailio.pid');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    // Frozen (its whole process group: the workers answer SIP), it neither answers nor exits.
    process.kill(-pid, 'SIGSTOP');
    let ready = await call(undefined, 'GET', '/ready');
    await until(async () => {
      ready = await call(undefined, 'GET', '/ready');
      return ready.statusCode === 503;
    }, '/ready notices').finally(() => process.kill(-pid, 'SIGCONT'));
    expect(ready.json()).toMatchObject({ status: 'switch down', problems: [`kamailio is not answering on ${address}:${ports.sip}`] });
    await until(async () => (await call(undefined, 'GET', '/ready')).statusCode === 200, 'Kamailio answers again');

    // Killed, it exits (its workers are stopped with it): Banzu starts its own Kamailio again, after a
    // second's backoff, and says why.
    process.kill(pid, 'SIGKILL');
    await until(async () => errors.some((err) => String(err).includes('kamailio exited')), 'Banzu notices');
    await until(async () => Number((await readFile(pidFile, 'utf8')).trim()) !== pid, 'a new Kamailio');
    await until(async () => (await call(undefined, 'GET', '/ready')).statusCode === 200, 'the new Kamailio answers');
  }, 60_000);
});
