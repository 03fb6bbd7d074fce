import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callDetailRecords, Router, seededRandom, systemClock, wallTimer, type SwitchEvent, type SwitchPort } from '@banzu/core';
import { EventLog } from '../events/index';
import { FloorEngine } from '../floor/engine';
import { RouterJournal } from '../floor/journal';
import { sipHa1 } from '../sip-accounts/index';
import { backends, type TestStore } from '../store/testing';
import { startSipSwitch, type SipSwitch } from './index';
import { heardSeconds, portBlock, tones, until } from './testing/call-setup';
import { readWav, toneShare } from './testing/hearing';
import { Phone } from './testing/phone';
import { writeTone } from './tone';

const address = '127.0.0.1';
const agentId = '8001';
const queueNumber = '4008001001';
/** A queue that is never open: its callers hear the after-hours message. */
const closedNumber = '4008001009';
const callerNumber = '13800138000';
const deskPassword = 'desk-phone-pw';
/** Position and wait are announced on entry and again this often. */
const announceEverySeconds = 16;

/** What each second of a phone's audio was: the music (its tone), speech (loud, no tone of ours), or silence. */
type Heard = 'music' | 'speech' | 'caller' | 'agent' | null;

function hear(samples: Int16Array, rate: number): Heard[] {
  const seconds: Heard[] = [];
  for (let start = 0; start + rate <= samples.length; start += rate) {
    const block = samples.subarray(start, start + rate);
    let energy = 0;
    for (const x of block) energy += x * x;
    const rms = Math.sqrt(energy / block.length);
    if (rms < 150) {
      seconds.push(null);
      continue;
    }
    const shares: [Heard, number][] = [
      ['music', toneShare(block, rate, tones.music.hz)],
      ['caller', toneShare(block, rate, tones.caller.hz)],
      ['agent', toneShare(block, rate, tones.agent.hz)],
    ];
    const [best, share] = shares.reduce((a, b) => (b[1] > a[1] ? b : a));
    // Speech spreads its energy over many frequencies: no tone of ours carries a fifth of it.
    seconds.push(share > 0.5 ? best : share < 0.2 ? 'speech' : null);
  }
  return seconds;
}

async function heardBy(phone: Phone): Promise<Heard[]> {
  const heard = await readWav((await phone.heardFile())!);
  return hear(heard.samples, heard.rate);
}

/** Runs of the same kind as [kind, seconds]. */
function runs(seconds: readonly Heard[]): [Heard, number][] {
  const out: [Heard, number][] = [];
  for (const s of seconds) {
    const last = out.at(-1);
    if (last && last[0] === s) last[1]++;
    else out.push([s, 1]);
  }
  return out;
}

describe('while waiting, by ear: announcements in Mandarin, the after-hours message, the callback key', () => {
  const ports = portBlock(10_000 + 100 * Math.floor(Math.random() * 200));
  let dir: string;
  let t: TestStore;
  let log: EventLog;
  let sip: SipSwitch;
  let engine: FloorEngine;
  const errors: unknown[] = [];
  const reported: SwitchEvent[] = [];
  let round = 0;

  const caller = () =>
    Phone.start({
      dir: join(dir, `caller-${++round}`),
      user: callerNumber,
      proxy: { address, port: ports.sip },
      sipPort: ports.callerSip,
      controlPort: ports.callerControl,
      rtpPorts: ports.callerRtp,
      voice: join(dir, 'caller.wav'),
      deskPhone: false,
    });

  /** The customer's phone behind the trunk, on the caller's ports (the caller has hung up by then). */
  const customer = () =>
    Phone.start({
      dir: join(dir, `customer-${++round}`),
      user: callerNumber,
      proxy: { address, port: ports.sip },
      sipPort: ports.callerSip,
      controlPort: ports.callerControl,
      rtpPorts: ports.callerRtp,
      voice: join(dir, 'caller.wav'),
      deskPhone: false,
      customer: true,
    });

  const deskPhone = () =>
    Phone.start({
      dir: join(dir, `desk-${++round}`),
      user: agentId,
      proxy: { address, port: ports.sip },
      sipPort: ports.agentSip,
      controlPort: ports.agentControl,
      rtpPorts: ports.agentRtp,
      voice: join(dir, 'agent.wav'),
      deskPhone: true,
      password: deskPassword,
    });

  const arrivals = () => reported.filter((e) => e.type === 'switch.call_arrived');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'banzu-waiting-'));
    await writeTone(join(dir, 'caller.wav'), { hz: tones.caller.hz, seconds: 90 });
    await writeTone(join(dir, 'agent.wav'), { hz: tones.agent.hz, seconds: 90 });
    await writeTone(join(dir, 'music.wav'), { hz: tones.music.hz, seconds: 30 });
    sip = await startSipSwitch({
      dir: join(dir, 'switch'),
      address,
      sipPort: ports.sip,
      b2buaPort: ports.b2bua,
      ngPort: ports.ng,
      rtpPorts: ports.rtp,
      queueNumbers: { [queueNumber]: 'presales', [closedNumber]: 'night' },
      // The customer's phone stands in for the trunk: Banzu's calls out reach it directly.
      trunkUri: `sip:${address}:${ports.callerSip}`,
      accounts: async () => [{ user: agentId, ha1: sipHa1(agentId, 'banzu', deskPassword) }],
      realm: 'banzu',
      trunks: [address],
      musicFile: join(dir, 'music.wav'),
      onError: (err) => errors.push(err),
    });
    const b2bua: SwitchPort = sip.port;
    const observed: SwitchPort = {
      execute: (commands, at) => b2bua.execute(commands, at),
      onEvent: (handler) =>
        b2bua.onEvent((event) => {
          reported.push(event);
          handler(event);
        }),
      personAtDesk: (id) => b2bua.personAtDesk(id),
    };
    t = await backends[0]!.open();
    log = new EventLog(t.store);
    const { journal } = await RouterJournal.open(t.store, (err) => errors.push(err));
    const router = new Router({
      queues: [
        { id: 'presales', agents: [agentId], wrapUpSeconds: 60, ringTimeoutSeconds: 10, record: false, announceEverySeconds, expectedHandleSeconds: 150 },
        { id: 'night', agents: [agentId], record: false, hours: { timeZone: 'Asia/Shanghai', hours: {}, holidays: [] } },
      ],
      agents: [{ agentId, skills: [] }],
      random: seededRandom(1),
    });
    engine = new FloorEngine({ router, log, clock: systemClock, timer: wallTimer(systemClock), switch: observed, journal, onError: (err) => errors.push(err) });
    engine.start();
  }, 120_000);

  afterAll(async () => {
    await engine?.stop();
    await sip?.close();
    await log?.close();
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('tells a waiting caller the position and the estimated wait in Mandarin on entry and again every so often, with the music between', async () => {
    const phone = await caller();
    try {
      await phone.dial(queueNumber);
      await until(() => arrivals().length === 1, 'the call arrives');
      const callId = arrivals()[0]!.callId;
      // Long enough for the first announcement, the music, and the second announcement to begin.
      await until(async () => (await phone.secondsHeard()) >= announceEverySeconds + 5, 'the caller waits through two announcements', 90_000);
      expect(engine.router.call(callId)?.status).toBe('queued');
      await phone.hangUp();
      await until(() => engine.router.call(callId) === undefined, 'the router ends the call');
      await phone.stop();
      const seconds = await heardBy(phone);
      console.info(`the waiting caller heard, second by second: ${seconds.map((s) => s ?? '_').join(' ')}`);
      let heard = runs(seconds.filter((s) => s !== null));
      // The music starts as the call is answered; the router's first announcement follows within moments.
      if (heard[0]![0] === 'music' && heard[0]![1] <= 3) heard = heard.slice(1);
      // Speech (您现在排在第一位，预计等待三分钟。如需回电，请按1。), the music, speech again when the interval is up.
      expect(heard.map(([kind]) => kind).slice(0, 3)).toEqual(['speech', 'music', 'speech']);
      expect(heard[0]![1]).toBeGreaterThanOrEqual(4);
      expect(heard[1]![1]).toBeGreaterThanOrEqual(2);
      // The second announcement comes about an interval after the first.
      const first = seconds.indexOf('speech');
      const second = seconds.findIndex((s, i) => i > first && s === 'speech' && seconds.slice(first, i).includes('music'));
      expect(second - first).toBeGreaterThanOrEqual(announceEverySeconds - 3);
      expect(second - first).toBeLessThanOrEqual(announceEverySeconds + 3);
      expect(seconds.filter((s) => s === 'caller' || s === 'agent')).toEqual([]);
      const announced = (await log.readStream(callId)).filter((e) => e.type === 'call.position_announced');
      expect(announced.length).toBeGreaterThanOrEqual(2);
    } finally {
      await phone.stop();
    }
    expect(errors).toEqual([]);
  }, 150_000);

  it('plays the after-hours message to a caller of a closed queue to its end, then hangs up', async () => {
    const phone = await caller();
    try {
      const before = arrivals().length;
      await phone.dial(closedNumber);
      await until(() => arrivals().length > before, 'the call arrives');
      const callId = arrivals().at(-1)!.callId;
      await phone.until(() => /terminated|closed/i.test(phone.output()), 'be hung up by Banzu', 60_000);
      await phone.stop();
      const seconds = await heardBy(phone);
      console.info(`after hours, the caller heard: ${seconds.map((s) => s ?? '_').join(' ')}`);
      let heard = runs(seconds.filter((s) => s !== null));
      // The music starts as the call is answered, until the router's message comes (on a busy machine, a second or two).
      if (heard[0]![0] === 'music' && heard[0]![1] <= 3) heard = heard.slice(1);
      expect(heard.map(([kind]) => kind)).toEqual(['speech']);
      // 您好，现在是非工作时间，请在工作时间内来电，谢谢。: heard whole, several seconds.
      expect(heard[0]![1]).toBeGreaterThanOrEqual(5);
      const ended = (await log.readStream(callId)).find((e) => e.type === 'call.ended');
      expect(ended?.payload).toMatchObject({ outcome: 'after_hours_message' });
    } finally {
      await phone.stop();
    }
    expect(errors).toEqual([]);
  }, 120_000);

  let callbackId: string | undefined;

  it('takes the callback key: the caller presses 1 while waiting, hears the confirmation, the line closes, and the call keeps its place as a callback', async () => {
    const phone = await caller();
    try {
      const before = arrivals().length;
      await phone.dial(queueNumber);
      await until(() => arrivals().length > before, 'the call arrives');
      const callId = arrivals().at(-1)!.callId;
      callbackId = callId;
      await until(async () => (await phone.secondsHeard()) >= 3, 'the caller hears the announcement');
      await phone.pressKey('1');
      await until(() => reported.some((e) => e.type === 'switch.callback_requested' && e.callId === callId), 'the switch reports the key', 20_000);
      expect(reported.find((e) => e.type === 'switch.callback_requested')).toEqual({ type: 'switch.callback_requested', callId, number: callerNumber });
      await phone.until(() => /terminated|closed/i.test(phone.output()), 'be hung up after the confirmation', 30_000);
      await phone.stop();
      // The router keeps the call in the queue as a callback, though the caller's line is closed.
      expect(engine.router.call(callId)).toMatchObject({ status: 'queued', callback: true });
      const requested = (await log.readStream(callId)).find((e) => e.type === 'call.callback_requested');
      expect(requested?.payload).toMatchObject({ number: callerNumber, via: 'caller' });
      const seconds = await heardBy(phone);
      console.info(`the caller who pressed 1 heard: ${seconds.map((s) => s ?? '_').join(' ')}`);
      // The announcement, then the confirmation (好的，轮到您时我们会给您回电，再见。): speech to the end, no music after the key.
      const heard = runs(seconds.filter((s) => s !== null));
      expect(heard.at(-1)![0]).toBe('speech');
      expect(heard.at(-1)![1]).toBeGreaterThanOrEqual(3);
    } finally {
      await phone.stop();
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it('calls the customer back through the trunk when the callback’s turn comes: the agent’s phone answers, the customer answers, each hears the other', async () => {
    const callId = callbackId;
    if (!callId) return expect.fail('needs the callback of the test before');
    const [desk, phone] = await Promise.all([deskPhone(), customer()]);
    try {
      await desk.registered();
      expect(engine.command({ type: 'agent.login', agentId })).toBeNull();
      await until(() => engine.router.agentState(agentId)?.status === 'talking', 'the agent talks with the customer called back', 60_000);
      expect(reported.filter((e) => e.callId === callId).map((e) => e.type)).toEqual([
        'switch.call_arrived',
        'switch.callback_requested',
        'switch.caller_hung_up',
        'switch.agent_answered',
        'switch.customer_answered',
      ]);
      const from = await Promise.all([desk.secondsHeard(), phone.secondsHeard()]);
      await until(async () => (await Promise.all([desk.secondsHeard(), phone.secondsHeard()])).every((s, i) => s >= from[i]! + 4), 'four seconds of talk');
      await phone.hangUp();
      await until(() => engine.router.call(callId) === undefined, 'the router ends the call');
      await Promise.all([desk.stop(), phone.stop()]);
      const [agentHeard, customerHeard] = await Promise.all([heardSeconds(desk), heardSeconds(phone)]);
      console.info(`callback: the agent heard ${agentHeard.join(' ')} / the customer heard ${customerHeard.join(' ')}`);
      expect(agentHeard.filter((hz) => hz === tones.caller.hz).length).toBeGreaterThanOrEqual(3);
      expect(customerHeard.filter((hz) => hz === tones.agent.hz).length).toBeGreaterThanOrEqual(3);
      expect(agentHeard.filter((hz) => hz !== null && hz !== tones.caller.hz)).toEqual([]);
      const ended = (await log.readStream(callId)).find((e) => e.type === 'call.ended');
      expect(ended?.payload).toMatchObject({ outcome: 'callback' });
    } finally {
      await Promise.all([desk.stop(), phone.stop()]);
    }
    expect(errors).toEqual([]);
  }, 150_000);

  it('dials out for an agent (a campaign’s call): the agent’s phone first, then the customer through the trunk; each hears the other, and the call is in the records reports read', async () => {
    const callId = 'campaign-call-1';
    const [desk, phone] = await Promise.all([deskPhone(), customer()]);
    try {
      await desk.registered();
      if ((engine.router.agentState(agentId)?.status ?? 'logged_out') === 'logged_out') engine.command({ type: 'agent.login', agentId, notReadyReason: 'meal' });
      await until(() => ['ready', 'not_ready', 'wrap_up'].includes(engine.router.agentState(agentId)?.status ?? ''), 'the agent is free');
      if (engine.router.agentState(agentId)?.status === 'wrap_up') engine.command({ type: 'agent.not_ready', agentId, reason: 'meal' });
      // What the campaign desk sends for the agent's next customer (campaigns/desk.ts).
      expect(engine.command({ type: 'agent.dial', agentId, callId, number: callerNumber })).toBeNull();
      await until(() => engine.router.agentState(agentId)?.status === 'talking', 'the customer answers and talks with the agent', 60_000);
      expect(reported.filter((e) => e.callId === callId).map((e) => e.type)).toEqual(['switch.customer_answered']);
      const from = await Promise.all([desk.secondsHeard(), phone.secondsHeard()]);
      await until(async () => (await Promise.all([desk.secondsHeard(), phone.secondsHeard()])).every((s, i) => s >= from[i]! + 4), 'four seconds of talk');
      await desk.hangUp();
      await until(() => engine.router.call(callId) === undefined, 'the router ends the call');
      await phone.until(() => /terminated|closed/i.test(phone.output()), 'be hung up when the agent hangs up');
      await Promise.all([desk.stop(), phone.stop()]);
      const [agentHeard, customerHeard] = await Promise.all([heardSeconds(desk), heardSeconds(phone)]);
      console.info(`outbound: the agent heard ${agentHeard.join(' ')} / the customer heard ${customerHeard.join(' ')}`);
      expect(agentHeard.filter((hz) => hz === tones.caller.hz).length).toBeGreaterThanOrEqual(3);
      expect(customerHeard.filter((hz) => hz === tones.agent.hz).length).toBeGreaterThanOrEqual(3);
      const record = callDetailRecords(await log.readStream(callId)).get(callId);
      expect(record).toMatchObject({ direction: 'outbound', to: callerNumber, agents: [agentId], outcome: 'answered' });
      expect(record!.talkMs).toBeGreaterThanOrEqual(3000);
    } finally {
      await Promise.all([desk.stop(), phone.stop()]);
    }
    expect(errors).toEqual([]);
  }, 150_000);

  it('reports a customer who cannot be reached, and frees the agent: nobody answers at the trunk', async () => {
    const callId = 'campaign-call-2';
    const desk = await deskPhone();
    try {
      await desk.registered();
      if (engine.router.agentState(agentId)?.status === 'wrap_up') engine.command({ type: 'agent.not_ready', agentId, reason: 'meal' });
      // No phone listens at the trunk's address this time: the INVITE times out or is refused.
      expect(engine.command({ type: 'agent.dial', agentId, callId, number: callerNumber })).toBeNull();
      await until(() => engine.router.call(callId) === undefined, 'the router ends the dial', 60_000);
      const unreachable = reported.find((e) => e.type === 'switch.customer_unreachable' && e.callId === callId);
      expect(unreachable).toBeDefined();
      expect(engine.router.agentState(agentId)?.status).toBe('wrap_up');
      // The agent's phone was hung up.
      await desk.until(() => /terminated|closed/i.test(desk.output()), 'be hung up');
    } finally {
      await desk.stop();
    }
    expect(errors).toEqual([]);
  }, 120_000);
});
