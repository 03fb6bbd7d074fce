import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Router, seededRandom, systemClock, wallTimer, type QueueConfig, type SwitchEvent, type SwitchPort } from '@banzu/core';
import { assemble, startConfiguredSwitch, type Assembled } from '../../bootstrap/index';
import { loadConfig } from '../../config/index';
import { EventLog } from '../../events/index';
import { FloorEngine } from '../../floor/engine';
import { RouterJournal } from '../../floor/journal';
import { sipHa1 } from '../../sip-accounts/index';
import { backends, type TestStore } from '../../store/testing';
import { seedTestCenter } from '../../testing/center';
import { startSipSwitch, type SipSwitch } from '../index';
import { writeTone } from '../tone';
import { dominantTones, readWav } from './hearing';
import { Phone } from './phone';

/**
 * What the end-to-end voice tests share: the tones each side plays, one run's ports, the phones of
 * a scenario on them, a floor over a real SIP switch, and waiting for a condition instead of a
 * fixed time. For tests.
 */

/** The caller plays 440 Hz, the agent's phone 660 Hz, the music 1000 Hz: who heard what is told by pitch. */
export const tones = { caller: { hz: 440 }, agent: { hz: 660 }, music: { hz: 1000 } } as const;

/** The caller's number in every scenario. */
export const callerNumber = '13800138000';

/**
 * A block of 100 ports from `base` for one run: Kamailio, the B2BUA and rtpengine's control, the
 * phones, and the RTP ranges. Tests pick blocks below the ephemeral range (32768 up), where any
 * socket of the machine may take a port.
 */
export function portBlock(base: number) {
  return {
    sip: base,
    b2bua: base + 1,
    ng: base + 2,
    agentSip: base + 10,
    agentControl: base + 12,
    callerSip: base + 20,
    callerControl: base + 22,
    /** A second agent's desk phone (SIP takes the next port too). */
    secondAgentSip: base + 14,
    secondAgentControl: base + 16,
    secondAgentRtp: { min: base + 24, max: base + 29 },
    /** A third desk phone (a team leader's, or a third agent's). */
    thirdAgentSip: base + 17,
    thirdAgentControl: base + 19,
    thirdAgentRtp: { min: base + 70, max: base + 79 },
    rtp: { min: base + 30, max: base + 59 },
    agentRtp: { min: base + 60, max: base + 69 },
    callerRtp: { min: base + 80, max: base + 99 },
  };
}

export type PortBlock = ReturnType<typeof portBlock>;

/** The `BANZU_*` variables that put the SIP switch of `banzu start --switch sip` on a port block. */
export function sipSwitchEnv(ports: PortBlock): Record<string, string> {
  return {
    BANZU_SIP_PORT: String(ports.sip),
    BANZU_B2BUA_PORT: String(ports.b2bua),
    BANZU_RTPENGINE_NG_PORT: String(ports.ng),
    BANZU_SIP_WS_PORT: String(ports.sip + 3),
    BANZU_RTP_PORTS: `${ports.rtp.min}-${ports.rtp.max}`,
  };
}

/** Where a scenario's phones live and which ports they take. */
export interface Scene {
  dir: string;
  address: string;
  ports: PortBlock;
}

/** The phones of a scenario, each on ports of its own: the caller and up to three desk phones. */
export type PhoneSlot = 'caller' | 'agent' | 'secondAgent' | 'thirdAgent';

/** Writes the voices of a scenario into `dir`: `caller.wav` (440 Hz) and `agent.wav` (660 Hz). */
export async function writeVoices(dir: string, seconds = 60): Promise<void> {
  await writeTone(join(dir, 'caller.wav'), { hz: tones.caller.hz, seconds });
  await writeTone(join(dir, 'agent.wav'), { hz: tones.agent.hz, seconds });
}

/**
 * Starts a baresip phone in the slot: the caller (speaks `caller.wav`, does not register) or a desk
 * phone (registers as `user` with `password`, answers at once unless `unanswered`, speaks `agent.wav`
 * unless told another voice). `name` is its directory under the scene's: one per call.
 *
 * @example
 * const desk = await startPhone(scene, 'agent', { name: 'desk', user: '8001', password });
 * await desk.registered();
 */
export async function startPhone(scene: Scene, slot: PhoneSlot, options: { name: string; user?: string; voice?: string; password?: string; unanswered?: boolean }): Promise<Phone> {
  const { ports, address, dir } = scene;
  const at = {
    caller: { sipPort: ports.callerSip, controlPort: ports.callerControl, rtpPorts: ports.callerRtp },
    agent: { sipPort: ports.agentSip, controlPort: ports.agentControl, rtpPorts: ports.agentRtp },
    secondAgent: { sipPort: ports.secondAgentSip, controlPort: ports.secondAgentControl, rtpPorts: ports.secondAgentRtp },
    thirdAgent: { sipPort: ports.thirdAgentSip, controlPort: ports.thirdAgentControl, rtpPorts: ports.thirdAgentRtp },
  }[slot];
  const caller = slot === 'caller';
  return Phone.start({
    dir: join(dir, options.name),
    user: options.user ?? callerNumber,
    proxy: { address, port: ports.sip },
    ...at,
    voice: options.voice ?? join(dir, caller ? 'caller.wav' : 'agent.wav'),
    deskPhone: !caller,
    ...(options.unanswered ? { unanswered: true } : {}),
    ...(options.password ? { password: options.password } : {}),
  });
}

/** Polls until `condition` holds; fails naming `what` after `timeoutMs`, a guard against a hang. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until each phone heard `seconds` more than it had when called (a phone's recording grows
 * only while sound reaches it); on a timeout, says how much each heard.
 */
export async function heardFor(phones: readonly Phone[], seconds: number, what: string): Promise<void> {
  const from = await Promise.all(phones.map((p) => p.secondsHeard()));
  let heard = from;
  await until(async () => {
    heard = await Promise.all(phones.map((p) => p.secondsHeard()));
    return heard.every((s, i) => s >= from[i]! + seconds);
  }, what).catch((err: Error) => {
    throw new Error(`${err.message} (each phone heard ${heard.map((s, i) => `${(s - from[i]!).toFixed(1)} s`).join(', ')})`);
  });
}

/** Which of the tones (or none) carried each second of what a phone recorded; the three of `tones` unless told others. */
export async function heardSeconds(phone: Phone, candidates: readonly number[] = [tones.caller.hz, tones.agent.hz, tones.music.hz]): Promise<(number | null)[]> {
  const heard = await readWav((await phone.heardFile())!);
  return dominantTones(heard.samples, heard.rate, candidates);
}

/** How long each phone has heard so far: the marks between the phases of a scenario. */
export async function marks<K extends string>(phones: Record<K, Phone>): Promise<Record<K, number>> {
  const entries = await Promise.all(Object.entries<Phone>(phones).map(async ([name, phone]) => [name, await phone.secondsHeard()] as const));
  return Object.fromEntries(entries) as Record<K, number>;
}

/** The seconds of a phase, from one mark to the next, with a second of margin at the start for the change to take. */
export function during<T>(seconds: readonly T[], from: number, to: number): T[] {
  return seconds.slice(Math.ceil(from) + 1, Math.floor(to));
}

/** What was heard, phase by phase: consecutive seconds of the same tone (or silence) as one. */
export function phases(seconds: readonly (number | null)[]): (number | null)[] {
  return seconds.filter((hz, i) => i === 0 || hz !== seconds[i - 1]);
}

/** A real SIP switch (Kamailio, rtpengine, the B2BUA) under a floor with a real router, over a test store. */
export interface SwitchFloor extends Scene {
  sip: SipSwitch;
  engine: FloorEngine;
  /** Every event the switch reported, in order. */
  reported: SwitchEvent[];
  /** What reached `onError` (the switch's and the floor's). */
  errors: unknown[];
  /** Dials `number` from the phone; resolves with the call's id once the switch reported its arrival. */
  call(phone: Phone, number: string): Promise<string>;
  /** Logs the agent in if logged out, and makes them not ready (a meal break) unless they are. */
  notReady(agentId: string): void;
  /**
   * The caller's phone calls `number` and the agent's desk phone answers: the desk phones register,
   * the agent gets ready; resolves with the call's id once the two have talked three seconds.
   */
  answered(caller: Phone, number: string, agentId: string, deskPhones: readonly Phone[]): Promise<string>;
  /** The caller hangs up; resolves once the router ended the call. */
  hangUp(caller: Phone, callId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the SIP switch on a fresh port block under a floor whose router has one queue (`queueId`,
 * reached at `queueNumber`) of `agents`; the desk phones' accounts are the agents' ids with
 * `password`. Each step of a test waits for its condition; `close` stops everything and removes the
 * scene's directory.
 *
 * @example
 * const floor = await startSwitchFloor({ agents: ['8001', '8002'], queueNumber: '4008001001', password });
 * const callId = await floor.call(await startPhone(floor, 'caller', { name: 'caller' }), '4008001001');
 */
export async function startSwitchFloor(options: {
  agents: readonly string[];
  /** Further SIP accounts that are no queue's agents (a team leader's desk phone). */
  others?: readonly string[];
  queueNumber: string;
  password: string;
  queue?: Partial<QueueConfig>;
  /** Further queues of the same agents, reached by no number: where a call can be transferred. */
  moreQueues?: readonly (Partial<QueueConfig> & { id: string })[];
}): Promise<SwitchFloor> {
  const address = '127.0.0.1';
  // A block of 100 below the ephemeral range, so parallel runs and leftovers rarely meet.
  const ports = portBlock(10_000 + 100 * Math.floor(Math.random() * 200));
  const dir = await mkdtemp(join(tmpdir(), 'banzu-voice-'));
  await writeVoices(dir);
  await writeTone(join(dir, 'music.wav'), { hz: tones.music.hz, seconds: 30 });
  const errors: unknown[] = [];
  const reported: SwitchEvent[] = [];
  const onError = (err: unknown) => errors.push(err);
  const users = [...options.agents, ...(options.others ?? [])];
  const sip = await startSipSwitch({
    dir: join(dir, 'switch'),
    address,
    sipPort: ports.sip,
    b2buaPort: ports.b2bua,
    ngPort: ports.ng,
    rtpPorts: ports.rtp,
    queueNumbers: { [options.queueNumber]: options.queue?.id ?? 'presales' },
    accounts: async () => users.map((user) => ({ user, ha1: sipHa1(user, 'banzu', options.password) })),
    realm: 'banzu',
    trunks: [address],
    musicFile: join(dir, 'music.wav'),
    onError,
  });
  let t: TestStore | undefined;
  let log: EventLog | undefined;
  let engine: FloorEngine | undefined;
  const close = async () => {
    await engine?.stop();
    await sip.close();
    await log?.close();
    await t?.cleanup();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // The floor sees the B2BUA; the test also keeps what it reported.
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
    const { journal } = await RouterJournal.open(t.store, onError);
    const queueAgents = [...options.agents];
    const router = new Router({
      queues: [
        { id: 'presales', agents: queueAgents, wrapUpSeconds: 60, ringTimeoutSeconds: 4, record: false, ...options.queue },
        ...(options.moreQueues ?? []).map((q) => ({ agents: queueAgents, wrapUpSeconds: 60, ringTimeoutSeconds: 4, record: false, ...q })),
      ],
      agents: queueAgents.map((agentId) => ({ agentId, skills: [] })),
      random: seededRandom(1),
    });
    const floor = new FloorEngine({ router, log, clock: systemClock, timer: wallTimer(systemClock), switch: observed, journal, onError });
    engine = floor;
    floor.start();
    const arrivals = () => reported.filter((e) => e.type === 'switch.call_arrived');
    const call = async (phone: Phone, number: string) => {
      const before = arrivals().length;
      await phone.dial(number);
      await until(() => arrivals().length > before, 'the call arrives');
      return arrivals().at(-1)!.callId;
    };
    return {
      dir,
      address,
      ports,
      sip,
      engine: floor,
      reported,
      errors,
      call,
      notReady(agentId) {
        if ((floor.router.agentState(agentId)?.status ?? 'logged_out') === 'logged_out') floor.command({ type: 'agent.login', agentId, notReadyReason: 'meal' });
        if (floor.router.agentState(agentId)?.status !== 'not_ready') {
          const rejected = floor.command({ type: 'agent.not_ready', agentId, reason: 'meal' });
          if (rejected) throw new Error(`${agentId} cannot go not ready: ${JSON.stringify(rejected)}`);
        }
      },
      async answered(caller, number, agentId, deskPhones) {
        await Promise.all(deskPhones.map((p) => p.registered()));
        const rejected = floor.command({ type: 'agent.ready', agentId });
        if (rejected) throw new Error(`${agentId} cannot get ready: ${JSON.stringify(rejected)}`);
        const callId = await call(caller, number);
        await until(() => floor.router.agentState(agentId)?.status === 'talking', `${agentId} talks`);
        const agentPhone = deskPhones.find((p) => p.user === agentId);
        await heardFor(agentPhone ? [caller, agentPhone] : [caller], 3, `the caller and ${agentId} talk`);
        return callId;
      },
      async hangUp(caller, callId) {
        await caller.hangUp();
        await until(() => floor.router.call(callId) === undefined, 'the router ends the call');
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Banzu as `startServer` assembles it with `BANZU_SWITCH=sip`, over the test center, on a port block of its own. */
export interface SipCenter extends Scene {
  banzu: Assembled;
  app: FastifyInstance;
  store: TestStore['store'];
  errors: unknown[];
  /** One request to the API, as the user of `token` (none: anonymous). */
  api(token: string | undefined, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: object): Promise<LightMyRequestResponse>;
  /** Logs in with the test center's password; the session's token. */
  login(username: string): Promise<string>;
  /** The user id of the agent with this 工号. */
  agentId(employeeNo: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts Banzu with the SIP switch the way `startServer` does (the configuration from `BANZU_*`
 * variables, `startConfiguredSwitch`, `assemble`) over the test center, whose accounts all have
 * `password`, on a port block between startSwitchFloor's (10000-29999) and the ephemeral range.
 * The scene's directory (the data directory) has the voices of `writeVoices`.
 *
 * @example
 * const center = await startSipCenter({ password });
 * const manager = await center.login('manager');
 */
export async function startSipCenter(options: { password: string }): Promise<SipCenter> {
  const address = '127.0.0.1';
  const ports = portBlock(30_000 + 100 * Math.floor(Math.random() * 27));
  const dir = await mkdtemp(join(tmpdir(), 'banzu-sip-center-'));
  await writeVoices(dir);
  const config = loadConfig({ env: { BANZU_DATA_DIR: dir, BANZU_SWITCH: 'sip', ...sipSwitchEnv(ports) }, cwd: '/nonexistent' });
  const errors: unknown[] = [];
  const onError = (err: unknown) => errors.push(err);
  const t = await backends[0]!.open();
  const log = new EventLog(t.store);
  let banzu: Assembled | undefined;
  const close = async () => {
    await banzu?.close();
    await log.close();
    await t.cleanup();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await seedTestCenter(t.store, options.password);
    const sip = await startConfiguredSwitch(config, t.store, onError);
    const assembled = await assemble({ config, store: t.store, log, clock: systemClock }, { floor: { onError }, switch: sip });
    banzu = assembled;
    const api: SipCenter['api'] = (token, method, url, body) =>
      assembled.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(body ? { payload: body } : {}) });
    return {
      dir,
      address,
      ports,
      banzu: assembled,
      app: assembled.app,
      store: t.store,
      errors,
      api,
      login: async (username) => (await api(undefined, 'POST', '/api/v1/auth/login', { username, password: options.password })).json().token as string,
      async agentId(employeeNo) {
        const [row] = await t.store.query<{ user_id: string }>('SELECT user_id FROM agents WHERE employee_no = $1', [employeeNo]);
        if (!row) throw new Error(`no agent ${employeeNo}`);
        return row.user_id;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
