/**
 * Reports over a year of a busy center: 10,000,000 calls in quarter-hour tallies and the daily
 * rollup, on the PostgreSQL server and on embedded PostgreSQL. Target: < 1 s and < 5 s.
 */
import { randomBytes } from 'node:crypto';
import type { BenchResult } from './index';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../packages/server/src/store/index';
import { metricsReport } from '../packages/server/src/reports/index';

const url = process.env.BANZU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const timeZone = 'Asia/Shanghai';
const agents = 40;

/** 2025, every quarter-hour, each of 40 agents answering ~7 calls of one of 4 queues: 10M calls. */
async function seed(store: Store): Promise<number> {
  await store.exec(`
    INSERT INTO centers (id, name, time_zone, hours) VALUES ('default', 'bench', '${timeZone}', '{}');
    INSERT INTO interval_tallies (interval_start, queue_id, agent_id, team_id, offered, answered, answered_within_threshold,
      abandoned, answer_wait_seconds, talk_seconds, hold_seconds, wrap_up_seconds, logged_in_seconds, available_seconds, on_call_seconds, after_call_seconds)
    SELECT t, 'q' || (a % 4), 'agent-' || a, 'team-' || (a % 3), 7.2, 7, 6, 0.2, 70, 1260, 40, 105, 900, 200, 1300, 105
    FROM generate_series(timestamptz '2024-12-31 16:00Z', timestamptz '2025-12-31 15:45Z', interval '15 minutes') t,
         generate_series(1, ${agents}) a;
    INSERT INTO day_tallies (day, queue_id, agent_id, team_id, offered, answered, answered_within_threshold, abandoned,
      answer_wait_seconds, talk_seconds, hold_seconds, wrap_up_seconds, logged_in_seconds, available_seconds, on_call_seconds, after_call_seconds)
    SELECT (interval_start AT TIME ZONE '${timeZone}')::date, queue_id, agent_id, team_id, sum(offered), sum(answered), sum(answered_within_threshold),
      sum(abandoned), sum(answer_wait_seconds), sum(talk_seconds), sum(hold_seconds), sum(wrap_up_seconds), sum(logged_in_seconds),
      sum(available_seconds), sum(on_call_seconds), sum(after_call_seconds)
    FROM interval_tallies GROUP BY 1, 2, 3, 4;
    ANALYZE interval_tallies; ANALYZE day_tallies;`);
  const [{ calls }] = (await store.query<{ calls: number }>('SELECT sum(offered)::float8 AS calls FROM day_tallies')) as [{ calls: number }];
  return calls;
}

async function timeMs(run: () => Promise<unknown>): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[1]!;
}

async function measure(store: Store, label: string, limitMs: number): Promise<BenchResult[]> {
  const calls = await seed(store);
  const year = { from: '2025-01-01', to: '2025-12-31', timeZone };
  const cases: [string, () => Promise<unknown>][] = [
    ['year by month', () => metricsReport(store, { ...year, by: 'month' })],
    ['year by agent', () => metricsReport(store, { ...year, by: 'agent' })],
    ['year by day, one team', () => metricsReport(store, { ...year, by: 'day', teamId: 'team-1' })],
    ['one day by 30-minute interval', () => metricsReport(store, { from: '2025-06-02', to: '2025-06-02', by: 'interval', intervalMinutes: 30, timeZone })],
  ];
  const results: BenchResult[] = [{ name: `${label}: calls in the year`, value: calls, unit: 'calls' }];
  for (const [name, run] of cases) {
    const ms = await timeMs(run);
    results.push({ name: `${label}: ${name}`, value: ms, unit: 'ms', target: `< ${limitMs} ms`, ok: ms < limitMs });
  }
  return results;
}

export default async function (): Promise<BenchResult[]> {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await openServerStore({ url, maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const server = await openServerStore({ url, schema });
  const results: BenchResult[] = [];
  try {
    await migrate(server);
    results.push(...(await measure(server, 'PostgreSQL', 1000)));
  } finally {
    await server.close();
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
  const embedded = await openEmbeddedStore();
  try {
    await migrate(embedded);
    results.push(...(await measure(embedded, 'embedded', 5000)));
  } finally {
    await embedded.close();
  }
  return results;
}
