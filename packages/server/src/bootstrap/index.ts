import { resolve } from 'node:path';
import { systemClock, type Clock } from '@banzu/core';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index';
import { seedDemoCenter } from '../demo/index';
import { EventLog } from '../events/index';
import { buildApp } from '../http/app';
import { randomPassword } from '../auth/password';
import { createCenter, createUser, loadCenter } from '../org/index';
import { ProjectionRunner } from '../projections/index';
import { reportsProjection } from '../reports/index';
import { startFloor, type Floor } from '../floor/index';
import { recordingsDir } from '../recordings/index';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../store/index';
import { lockDataDir } from './data-dir-lock';
import { ensureWebConsole } from './web-console';

export interface Banzu {
  config: Config;
  store: Store;
  log: EventLog;
  clock: Clock;
  close(): Promise<void>;
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

/**
 * Opens the store, applies migrations, and on first start creates the administrator and
 * (unless disabled) the demo center. Passwords that were not configured are printed once.
 *
 * @example
 * const banzu = await openBanzu(loadConfig(), console.log);
 */
export async function openBanzu(config: Config, print: (line: string) => void, clock: Clock = systemClock): Promise<Banzu> {
  const { store, release } = await openConfiguredStore(config);
  try {
    await migrate(store);
    await firstStart(store, config, print);
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

async function firstStart(store: Store, config: Config, print: (line: string) => void): Promise<void> {
  const notes: string[] = [];
  const [admin] = await store.query('SELECT id FROM users WHERE username = $1', ['admin']);
  if (!admin) {
    const password = config.adminPassword ?? randomPassword();
    await createUser(store, { username: 'admin', displayName: '系统管理员 Administrator', role: 'admin', password });
    notes.push(config.adminPassword ? 'admin created with BANZU_ADMIN_PASSWORD' : `admin password: ${password}`);
  }
  const [center] = await store.query('SELECT id FROM centers LIMIT 1');
  if (!center) {
    if (config.demo) {
      const password = config.demoPassword ?? randomPassword();
      const demo = await seedDemoCenter(store, password);
      notes.push(
        `demo center: ${demo.teams} teams, ${demo.agents} agents`,
        `demo logins: manager, qa1, leader1..leader${demo.teams}, agents ${demo.logins.find((l) => /^\d+$/.test(l))}..${demo.logins.at(-1)} (工号)`,
        config.demoPassword ? 'demo password: BANZU_DEMO_PASSWORD' : `demo password: ${password}`,
      );
    } else {
      await createCenter(store, { id: 'default', name: 'Banzu', timeZone: 'Asia/Shanghai', hours: {}, holidays: [] });
    }
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
  const runners = [new ProjectionRunner(banzu.store, banzu.log, reportsProjection({ timeZone: center.timeZone }), onError)];
  const head = await banzu.log.head();
  for (const runner of runners) await runner.start();
  await Promise.all(runners.map((runner) => runner.caughtUp(head)));
  return runners;
}

export function createLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { service: 'banzu' } });
}

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  banzu: Banzu;
  close(): Promise<void>;
}

/**
 * Starts Banzu: store, first-start setup, HTTP API and console.
 *
 * @example
 * const server = await startServer(loadConfig(), { print: console.log });
 */
export async function startServer(
  config: Config,
  options: { print?: (line: string) => void; logger?: Logger; clock?: Clock } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config);
  const print = options.print ?? ((line: string) => logger.info(line));
  // The API answers while the console builds; the pages show a placeholder until it is done.
  const building = ensureWebConsole(print).catch((err: unknown) => logger.error({ err }, 'the web console did not build'));
  const banzu = await openBanzu(config, print, options.clock);
  let projections: ProjectionRunner[] = [];
  let floor: Floor | undefined;
  let app: FastifyInstance;
  try {
    projections = await startProjections(banzu, (err) => logger.error({ err }, 'a projection stopped'));
    floor = await startFloor(banzu, {
      simulate: config.sim,
      speed: config.simSpeed,
      load: config.simLoad,
      recordingsDir: recordingsDir(config),
      onError: (err) => logger.error({ err }, 'the floor engine failed'),
    });
    app = await buildApp({ ...banzu, floor, onOrgChanged: floor.reload, onCustomersChanged: floor.customersChanged }, logger);
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await floor?.close();
    for (const runner of projections) runner.stop();
    await banzu.close();
    await building;
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    url: `http://localhost:${port}`,
    banzu,
    async close() {
      await building;
      await app.close();
      await floor?.close();
      for (const runner of projections) runner.stop();
      await banzu.close();
    },
  };
}
