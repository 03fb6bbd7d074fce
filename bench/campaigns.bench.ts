/**
 * Telemarketing campaigns at a large center's size: a campaign of 100,000 customers made from a
 * filter and dealt out to 47 agents; an agent's "next customer" (decision and claim) while the
 * list is full (target p99 < 50 ms); the monthly per-agent report over 300,000 dials (target < 1 s);
 * on the PostgreSQL server and on embedded PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import type { BenchResult } from './index';
import { migrate, openEmbeddedStore, openServerStore, type Store } from '../packages/server/src/store/index';
import { seedDemoCenter } from '../packages/server/src/demo/index';
import { agentReport, CampaignDesk, createCampaign, setCampaignStatus } from '../packages/server/src/campaigns/index';
import { EventLog } from '../packages/server/src/events/index';
import { defaultRules } from '../packages/core/src/index';

const url = process.env.BANZU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CUSTOMERS = 100_000;
const DIALS = 300_000;
const NEXTS = 500;
const timeZone = 'Asia/Shanghai';
/** Monday 2026-01-05, 10:00 in Shanghai: inside seed 000's calling hours. */
const now = Date.UTC(2026, 0, 5, 2, 0);

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
};

async function bench(store: Store, label: string): Promise<BenchResult[]> {
  await seedDemoCenter(store, 'bench-pass', now);
  await store.exec(`
    INSERT INTO customers (id, name, class_code, tags, created_at)
    SELECT md5('bench' || i)::uuid, 'Customer ' || i, (ARRAY['ordinary','prospect','high_value'])[1 + i % 3], ARRAY['bench'], timestamptz '2025-01-01' + i * interval '1 second'
    FROM generate_series(1, ${CUSTOMERS}) i;
    INSERT INTO customer_phones (customer_id, number_e164) SELECT md5('bench' || i)::uuid, '+86137' || lpad(i::text, 8, '0') FROM generate_series(1, ${CUSTOMERS}) i;
    ANALYZE customers; ANALYZE customer_phones;`);
  const agents = (await store.query<{ user_id: string }>('SELECT user_id FROM agents ORDER BY employee_no')).map((r) => r.user_id);
  const manager = { userId: (await store.query<{ id: string }>(`SELECT id FROM users WHERE username = 'manager'`))[0]!.id, role: 'manager' as const, teamId: null };

  const [created, createMs] = await time(() =>
    store.transaction((tx) =>
      createCampaign(tx, manager, { name: 'bench', script: '', teamId: null, source: { kind: 'filter', classCodes: [], tags: ['bench'] }, agentIds: agents, rules: defaultRules }),
    ),
  );
  if (created.customers !== CUSTOMERS) throw new Error(`${label}: listed ${created.customers} customers`);
  const [, startMs] = await time(() => store.transaction((tx) => setCampaignStatus(tx, created.campaign.id, 'running')));
  await store.exec('ANALYZE campaign_customers;');

  const desk = new CampaignDesk(store, new EventLog(store), null, timeZone, () => now);
  const times: number[] = [];
  for (let i = 0; i < NEXTS; i++) {
    const agentId = agents[i % agents.length]!;
    const [handed, ms] = await time(() => desk.next(agentId));
    if ('none' in handed) throw new Error(`${label}: no task for ${agentId}`);
    times.push(ms);
    await desk.release(agentId, handed.campaign.id, handed.task.customerId);
  }
  times.sort((a, b) => a - b);

  // A month of dials by the campaign's agents, results spread like a real list's.
  await store.query(
    `INSERT INTO campaign_attempts (campaign_id, customer_id, agent_id, number_e164, call_id, started_at, local_date, talk_seconds, result, recorded_at)
     SELECT $1, md5('bench' || (1 + i % ${CUSTOMERS}))::uuid, ($2::text[])[1 + i % array_length($2::text[], 1)], '+86137' || lpad((1 + i % ${CUSTOMERS})::text, 8, '0'),
            'bench-' || i, t, (t AT TIME ZONE 'Asia/Shanghai')::date, CASE WHEN i % 2 = 0 THEN 60 + i % 240 ELSE 0 END,
            (ARRAY['no_answer','busy','not_interested','interested','refused','callback','success','wrong_number'])[1 + i % 8], t + interval '90 seconds'
     FROM generate_series(1, ${DIALS}) i, LATERAL (SELECT timestamptz '2026-01-01 01:00+00' + (i % 30) * interval '1 day' + (i % 28800) * interval '1 second' AS t) x`,
    [created.campaign.id, agents],
  );
  await store.exec('ANALYZE campaign_attempts;');
  const query = { from: '2026-01-01', to: '2026-01-31', campaignId: created.campaign.id, teamId: null, timeZone, now } as const;
  await agentReport(store, { ...query, by: 'month' });
  const [month, monthMs] = await time(() => agentReport(store, { ...query, by: 'month' }));
  const [, dayMs] = await time(() => agentReport(store, { ...query, from: '2026-01-05', to: '2026-01-05', by: 'day' }));
  if (month.total.tally.dials !== DIALS) throw new Error(`${label}: report counted ${month.total.tally.dials} dials`);

  return [
    { name: `${label}: campaign of 100,000 customers from a filter`, value: createMs, unit: 'ms' },
    { name: `${label}: start (deal 100,000 out to ${agents.length} agents)`, value: startMs, unit: 'ms' },
    { name: `${label}: next customer (decide and claim), p50`, value: times[Math.floor(NEXTS * 0.5)]!, unit: 'ms' },
    { name: `${label}: next customer (decide and claim), p99`, value: times[Math.floor(NEXTS * 0.99)]!, unit: 'ms', target: '< 50 ms', ok: times[Math.floor(NEXTS * 0.99)]! < 50 },
    { name: `${label}: monthly report per agent, 300,000 dials`, value: monthMs, unit: 'ms', target: '< 1000 ms', ok: monthMs < 1000 },
    { name: `${label}: daily report per agent`, value: dayMs, unit: 'ms' },
  ];
}

export default async function (): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const admin = await openServerStore({ url, maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const server = await openServerStore({ url, schema });
  try {
    await migrate(server);
    results.push(...(await bench(server, 'PostgreSQL')));
  } finally {
    await server.close();
    await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin.close();
  }
  const embedded = await openEmbeddedStore();
  try {
    await migrate(embedded);
    results.push(...(await bench(embedded, 'embedded')));
  } finally {
    await embedded.close();
  }
  return results;
}
