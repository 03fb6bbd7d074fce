import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { systemClock, type Clock } from '@banzu/core';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index';
import { EventLog } from '../events/index';
import { buildApp, type AppContext } from '../http/app';
import { randomPassword } from '../auth/password';
import { createCenter, createUser, loadCenter } from '../org/index';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { campaignsProjection } from '../campaigns/index';
import { startFloor, type Floor, type FloorConnection, type FloorOptions, type FloorResume } from '../floor/index';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../store/index';
import { lockDataDir } from './data-dir-lock';
import { startConfiguredSwitch, type ConfiguredSwitch } from './sip';
import { ensureWebConsole } from './web-console';

export interface Banzu {
  config: Config;
  store: Store;
  log: EventLog;
  clock: Clock;
  close(): Promise<void>;
}

/**
 * What start-up adds to the product without the product importing it: the demo center is one
 * (src/demo, imported only by `banzu start`). It seeds the first start, connects the floor's
 * switch, and runs its own work beside the server.
 */
export interface Guest {
  /** On the first start, when the store has no center: creates one; returns lines to print once. */
  seed?(store: Store): Promise<string[]>;
  /** Connects the floor's switch (see `FloorOptions.connect`). */
  connect?(store: Store, resume: FloorResume): Promise<FloorConnection>;
  /** Starts the guest's own work once the server runs; returns a function that stops it. */
  start?(server: Assembled): Promise<() => Promise<void>>;
}

/** Opens the configured store (a server with DATABASE_URL, else embedded under the data dir). */
export async function openConfiguredStore(config: Config): Promise<{ store: Store; release: () => void }> {
  if (config.databaseUrl) return { store: await openServerStore({ url: config.databaseUrl }), release: () => {} };
  const release = lockDataDir(config.dataDir);
  try {
    return { store: await openEmbeddedStore({ dataDir: resolve(config.dataDir, 'pg') }), release };
  } catch (err) {
    release();
    throw err;
  }
}

/** The configured store as a person names it: the embedded store's data directory, or the server's URL without its password. */
export function storeName(config: Config): string {
  if (!config.databaseUrl) return resolve(config.dataDir);
  try {
    const url = new URL(config.databaseUrl);
    url.password = '';
    return url.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** Whether the data directory holds an embedded store: PostgreSQL writes PG_VERSION when it creates one. */
export function hasEmbeddedStore(dataDir: string): boolean {
  return existsSync(resolve(dataDir, 'pg', 'PG_VERSION'));
}

/**
 * Opens the store, applies migrations, and on first start creates the administrator and the
 * center: the guest's (the demo's), or an empty one. Passwords that were not configured are printed once.
 *
 * @example
 * const banzu = await openBanzu(loadConfig(), console.log);
 */
export function openBanzu(config: Config, print: (line: string) => void, clock: Clock = systemClock, guest?: Guest): Promise<Banzu> {
  return openPreparedBanzu(
    config,
    async (store) => {
      await migrate(store);
      await firstStart(store, config, print, guest);
    },
    clock,
  );
}

/**
 * Opens the configured store as Banzu once `prepare` has run on it: migrations and a first start, or
 * a check that refuses a store without a center. When `prepare` throws, the store is closed again.
 *
 * @example
 * const banzu = await openPreparedBanzu(config, (store) => migrate(store).then(() => {}));
 */
export async function openPreparedBanzu(config: Config, prepare: (store: Store) => Promise<void>, clock: Clock = systemClock): Promise<Banzu> {
  const { store, release } = await openConfiguredStore(config);
  try {
    await prepare(store);
  } catch (err) {
    await store.close();
    release();
    throw err;
  }
  const log = new EventLog(store);
  return {
    config,
    store,
    log,
    clock,
    async close() {
      await log.close();
      await store.close();
      release();
    },
  };
}

async function firstStart(store: Store, config: Config, print: (line: string) => void, guest: Guest | undefined): Promise<void> {
  const notes: string[] = [];
  const [admin] = await store.query('SELECT id FROM users WHERE username = $1', ['admin']);
  if (!admin) {
    const password = config.adminPassword ?? randomPassword();
    await createUser(store, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
    notes.push(config.adminPassword ? 'admin created with BANZU_ADMIN_PASSWORD' : `admin password: ${password}`);
  }
  const [center] = await store.query('SELECT id FROM centers LIMIT 1');
  if (!center) {
    if (guest?.seed) notes.push(...(await guest.seed(store)));
    else await createCenter(store, { id: 'default', name: 'Banzu', timeZone: 'Asia/Shanghai', hours: {}, holidays: [] });
  }
  if (notes.length > 0) {
    print('┌─ Banzu first start: note these, they are shown only once');
    for (const note of notes) print(`│ ${note}`);
    print('└─');
  }
}

/**
 * Starts the projections that keep read models current; resolves once they have caught up with
 * the log, so a command reading a report sees every event written before it started.
 */
export async function startProjections(banzu: Banzu, onError: (err: unknown) => void): Promise<ProjectionRunner[]> {
  const center = await loadCenter(banzu.store);
  const runners = [reportsProjection(center), campaignsProjection(center)].map((projection) => new ProjectionRunner(banzu.store, banzu.log, projection, onError));
  const head = await banzu.log.head();
  for (const runner of runners) await runner.start();
  await Promise.all(runners.map((runner) => runner.caughtUp(head)));
  return runners;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'banzu' } });
}

/** The floor and the HTTP app over an open store. */
export interface Assembled {
  app: FastifyInstance;
  floor: Floor | null;
  store: Store;
  /** Stops the guest, closes the app, then the floor, then the switch; resolves once the floor's last snapshot is saved. */
  close(): Promise<void>;
}

/**
 * The composition root: the live floor (unless `floor` is null) with the configured switch (real
 * SIP, which assemble then owns and closes) or else the guest's, the HTTP app with the floor as a
 * plugin, and the guest's own work, over an open store, log and clock. `startServer` and the tests
 * build Banzu here.
 *
 * @example
 * const { app, floor } = await assemble({ config, store, log, clock }, { floor: { onError }, guest });
 */
export async function assemble(
  context: Omit<AppContext, 'live' | 'liveHeartbeatMs'> & Partial<Pick<AppContext, 'live' | 'liveHeartbeatMs'>>,
  options: { floor: FloorOptions | null; guest?: Guest; logger?: Logger; switch?: ConfiguredSwitch },
): Promise<Assembled> {
  const { guest, switch: configured } = options;
  const connect = configured ? () => configured.connect() : guest?.connect?.bind(guest, context.store);
  let floor: Floor | null = null;
  let app: FastifyInstance | undefined;
  let stopGuest = async () => {};
  const close = async () => {
    await stopGuest();
    await app?.close();
    await floor?.close();
    await configured?.close();
  };
  try {
    floor = options.floor ? await startFloor(context, { ...options.floor, ...(connect ? { connect } : {}) }) : null;
    app = await buildApp(context, {
      floor,
      ...(options.logger ? { logger: options.logger } : {}),
      ...(configured ? { switchProblems: () => configured.problems(), sip: configured.edge } : {}),
    });
    const assembled: Assembled = { app, floor, store: context.store, close };
    if (guest?.start) stopGuest = await guest.start(assembled);
    return assembled;
  } catch (err) {
    await close();
    throw err;
  }
}

export { startConfiguredSwitch, type ConfiguredSwitch } from './sip';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  banzu: Banzu;
  close(): Promise<void>;
}

/**
 * Starts Banzu: store, first-start setup, projections, the live floor, HTTP API and console, and
 * the guest (the demo) if start-up brings one.
 *
 * @example
 * const server = await startServer(loadConfig(), { print: console.log });
 */
export async function startServer(config: Config, options: { print?: (line: string) => void; logger?: Logger; clock?: Clock; guest?: Guest } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const print = options.print ?? ((line: string) => logger.info(line));
  const { guest } = options;
  // The API answers while the console builds; the pages show a placeholder until it is done.
  const building = ensureWebConsole(print).catch((err: unknown) => logger.error({ err }, 'the web console did not build'));
  const banzu = await openBanzu(config, print, options.clock, guest);
  let projections: ProjectionRunner[] = [];
  let assembled: Assembled | undefined;
  try {
    projections = await startProjections(banzu, (err) => logger.error({ err }, 'a projection stopped'));
    const onError = (err: unknown) => logger.error({ err }, 'the floor engine failed');
    const sip = config.switch === 'sip' ? await startConfiguredSwitch(config, banzu.store, (err) => logger.error({ err }, 'the SIP switch failed')) : undefined;
    assembled = await assemble(banzu, { floor: { onError }, logger, ...(guest ? { guest } : {}), ...(sip ? { switch: sip } : {}) });
    await assembled.app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await assembled?.close();
    for (const runner of projections) runner.stop();
    await banzu.close();
    await building;
    throw err;
  }
  const running = assembled;
  const { app } = running;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    url: `http://localhost:${port}`,
    banzu,
    async close() {
      await building;
      await running.close();
      for (const runner of projections) runner.stop();
      await banzu.close();
    },
  };
}
