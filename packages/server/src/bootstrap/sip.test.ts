import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Phone } from '../voice/testing/phone';
import { heardFor, heardSeconds, startPhone, startSipCenter, tones, until, type SipCenter } from '../voice/testing/call-setup';
import { dominantTones, wavChannels } from '../voice/testing/hearing';

const password = 'sip-start-pw';
const queueNumber = '4008001001';
const { caller, agent, music } = tones;

describe('start-up with BANZU_SWITCH=sip: a real phone as agent 8001 answers a call to a queue number', () => {
  let center: SipCenter;
  let deskPhone: Phone | undefined;
  let callerPhone: Phone | undefined;
  const call: SipCenter['api'] = (...args) => center.api(...args);
  const login = (username: string) => center.login(username);

  beforeAll(async () => {
    center = await startSipCenter({ password });
  }, 180_000);

  afterAll(async () => {
    await Promise.all([deskPhone?.stop(), callerPhone?.stop()]);
    await center?.close();
  }, 60_000);

  it('rings the agent’s registered phone for a call to the number the manager gave the queue; both hear each other; the caller’s hang-up ends the call', async () => {
    expect((await call(undefined, 'GET', '/ready')).statusCode).toBe(200);

    // The number is given after the switch started: it is looked up at each call.
    const manager = await login('manager');
    const queues = (await call(manager, 'GET', '/api/v1/queues')).json() as { id: string; name: string }[];
    const presales = queues.find((q) => q.name === '售前咨询')!;
    expect((await call(manager, 'PATCH', `/api/v1/queues/${presales.id}`, { inboundNumbers: [queueNumber] })).json().inboundNumbers).toEqual([queueNumber]);

    deskPhone = await startPhone(center, 'agent', { name: 'desk', user: '8001', password });
    await deskPhone.registered();
    const agentToken = await login('8001');
    expect((await call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'not_ready', reason: 'meal' })).statusCode).toBe(200);
    const agentId = await center.agentId('8001');
    const engine = center.banzu.floor!.engine;

    callerPhone = await startPhone(center, 'caller', { name: 'caller' });
    await callerPhone.dial(queueNumber);
    // The caller queues and hears the music; then the agent gets ready and the router offers (an agent
    // ready before the call is voice/index.test.ts's case).
    const queued = callerPhone;
    await until(async () => (await queued.secondsHeard()) >= 2, 'the caller hears the music while queued');
    expect((await call(agentToken, 'POST', '/api/v1/desktop/state', { status: 'ready' })).statusCode).toBe(200);
    await until(() => engine.router.agentState(agentId)?.status === 'talking', 'agent 8001’s phone answers and they talk');
    const callId = engine.router.agentState(agentId)!.callId!;
    expect(engine.router.call(callId)).toMatchObject({ queueId: presales.id });

    await heardFor([callerPhone, deskPhone], 5, 'five seconds of talk on both phones');
    await callerPhone.hangUp();
    await until(() => engine.router.call(callId) === undefined, 'the router ends the call');
    expect(engine.router.agentState(agentId)?.status).toBe('wrap_up');

    await Promise.all([deskPhone.stop(), callerPhone.stop()]);
    const callerSeconds = await heardSeconds(callerPhone);
    const agentSeconds = await heardSeconds(deskPhone);
    console.info(`the caller heard, second by second: ${callerSeconds.join(' ')}\nagent 8001 heard: ${agentSeconds.join(' ')}`);
    // Queued: the music, or the queue's announcement (speech, no tone) if it began at once.
    expect([music.hz, null]).toContain(callerSeconds[0]);
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
    const [row] = await center.store.query<{ duration_ms: number }>('SELECT duration_ms FROM recordings WHERE call_id = $1', [callId]);
    expect(row!.duration_ms).toBeGreaterThanOrEqual(4000);
    expect(center.errors).toEqual([]);
  }, 180_000);

  it('is not ready while Kamailio does not answer, says so, and starts it again when it exits', async () => {
    // Kamailio writes its process id where start-up told it: the test touches only that process.
    const pidFile = join(center.dir, 'voice', 'kamailio.pid');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    // Frozen (its whole process group: the workers answer SIP), it neither answers nor exits.
    process.kill(-pid, 'SIGSTOP');
    let ready = await call(undefined, 'GET', '/ready');
    await until(async () => {
      ready = await call(undefined, 'GET', '/ready');
      return ready.statusCode === 503;
    }, '/ready notices').finally(() => process.kill(-pid, 'SIGCONT'));
    expect(ready.json()).toMatchObject({ status: 'switch down', problems: [`kamailio is not answering on ${center.address}:${center.ports.sip}`] });
    await until(async () => (await call(undefined, 'GET', '/ready')).statusCode === 200, 'Kamailio answers again');

    // Killed, it exits (its workers are stopped with it): Banzu starts its own Kamailio again, after a
    // second's backoff, and says why.
    process.kill(pid, 'SIGKILL');
    await until(async () => center.errors.some((err) => String(err).includes('kamailio exited')), 'Banzu notices');
    await until(async () => Number((await readFile(pidFile, 'utf8')).trim()) !== pid, 'a new Kamailio');
    await until(async () => (await call(undefined, 'GET', '/ready')).statusCode === 200, 'the new Kamailio answers');
  }, 60_000);
});
