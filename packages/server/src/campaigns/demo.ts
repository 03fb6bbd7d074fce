import { randomUUID } from 'node:crypto';
import { defaultRules, seededRandom, type Actor, type Random } from '@banzu/core';
import { nameInitials } from '../crm/pinyin';
import type { FloorEngine, FloorFeed } from '../floor/index';
import type { Queryable, Store } from '../store/index';
import type { CampaignDesk } from './desk';
import { createCampaign, setCampaignStatus } from './manage';

const products = ['净水器', '空气净化器', '扫地机器人', '智能门锁', '洗碗机'];
const mobilePrefixes = ['138', '139', '150', '186', '135', '177', '189', '158'];

/**
 * The demo's running campaign: a few hundred customers (prospects and ordinary customers from a
 * spring promotion), worked by the telemarketing team with seed 000's quotas — most of them long
 * employed (50 effective calls a day), two in their first two weeks (30).
 *
 * @example
 * await seedDemoCampaign(tx, { leader, agentIds, names, random, today: '2026-01-05' });
 */
export async function seedDemoCampaign(
  tx: Queryable,
  demo: { leader: Actor; agentIds: string[]; names: string[]; random: Random; today: string },
): Promise<{ campaignId: string; customers: number }> {
  const { random } = demo;
  const customers = demo.names.map((name, i) => ({
    id: randomUUID(),
    name,
    initials: nameInitials(name),
    cls: random.next() < 0.4 ? 'prospect' : random.next() < 0.15 ? 'high_value' : 'ordinary',
    tags: ['春季促销', products[i % products.length]!],
    phone: `+86${mobilePrefixes[random.int(mobilePrefixes.length)]}${String(random.int(100_000_000)).padStart(8, '0')}`,
    // List order is the order of creation.
    at: new Date(Date.UTC(2025, 11, 1) + i * 1000).toISOString(),
  }));
  const rows = JSON.stringify(customers);
  await tx.query(
    `INSERT INTO customers (id, name, name_initials, class_code, tags, team_id, created_at, updated_at)
     SELECT id, name, initials, cls, ARRAY(SELECT jsonb_array_elements_text(tags)), $2, at, at
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, initials text, cls text, tags jsonb, at timestamptz)`,
    [rows, demo.leader.teamId],
  );
  await tx.query(
    `INSERT INTO customer_phones (customer_id, number_e164, kind, position)
     SELECT id, phone, 'mobile', 0 FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, phone text)`,
    [rows],
  );
  for (const [i, agentId] of demo.agentIds.entries()) {
    const since = i < 2 ? shiftDate(demo.today, -5) : shiftDate(demo.today, -400);
    await tx.query('INSERT INTO quotas (agent_id, employed_since) VALUES ($1, $2)', [agentId, since]);
  }
  const { campaign, customers: listed } = await createCampaign(tx, demo.leader, {
    name: '春季促销回访 Spring promotion',
    script:
      '您好，我是班组示范中心的客服专员，打扰您一分钟。我们春季促销期间，净水器、扫地机器人等产品限时八折，并提供免费上门安装。' +
      '请问您家里目前有这方面的需要吗？\n— 有意向：约定上门演示时间，记录需求。\n— 暂时不需要：感谢，询问是否可以之后再联系。',
    teamId: demo.leader.teamId,
    source: { kind: 'filter', classCodes: ['prospect', 'ordinary', 'high_value'], tags: ['春季促销'] },
    agentIds: demo.agentIds,
    // The demo runs around the clock so it shows work whenever it is opened; a real campaign keeps seed 000's hours.
    rules: { ...defaultRules, callingHours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])) },
  });
  await setCampaignStatus(tx, campaign.id, 'running');
  return { campaignId: campaign.id, customers: listed };
}

function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** What a simulated telemarketer saves after a conversation: mostly not interested, some prospects, a few sales. */
const spokenResults: [string, number][] = [
  ['not_interested', 0.34],
  ['refused', 0.16],
  ['interested', 0.16],
  ['callback', 0.14],
  ['success', 0.1],
  ['wrong_number', 0.1],
];
/** What the switch heard becomes the result a telemarketer saves for a call nobody took. */
const lineResults: Record<string, string> = { busy: 'busy', no_answer: 'no_answer', failed: 'invalid_number' };

/**
 * Simulated telemarketers working the demo's campaigns through the same desk the console uses:
 * each takes the next customer, dials through the router (the simulated switch answers, rings
 * out or is busy by its outbound chances), and when the call is over saves a result — the line's
 * verdict when nobody picked up, a conversation's outcome otherwise, a callback an hour or two later.
 * `step` does one round; the server calls it every few seconds, tests call it as their clock moves.
 *
 * @example
 * const telemarketers = new DemoTelemarketers(store, desk, engine, ['agent-8040'], 7);
 * await telemarketers.step();
 */
export class DemoTelemarketers {
  private readonly random: Random;
  private running: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly desk: CampaignDesk,
    private readonly engine: FloorEngine,
    readonly agentIds: readonly string[],
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** One round over every telemarketer; a round still under way is waited for, not overlapped. */
  step(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    await this.desk.flush();
    for (const agentId of this.agentIds) {
      if (this.engine.center && !this.engine.center.isSimulated(agentId)) continue;
      const state = this.engine.router.agentState(agentId);
      if (!state || state.status === 'logged_out' || state.status === 'ringing' || state.status === 'talking' || state.status === 'on_hold' || state.status === 'dialing') continue;
      try {
        const [open] = await this.store.query<{ campaign_id: string; customer_id: string; call_id: string; connected: boolean; line_result: string | null }>(
          `SELECT campaign_id, customer_id, call_id, connected_at IS NOT NULL AS connected, line_result
           FROM campaign_attempts WHERE agent_id = $1 AND result IS NULL ORDER BY started_at DESC LIMIT 1`,
          [agentId],
        );
        if (open) {
          // Over once the router has let the call go (after a restart its end may predate the desk).
          if (this.engine.router.call(open.call_id)) continue;
          await this.save(agentId, open);
          continue;
        }
        if (state.status !== 'ready') continue;
        const handed = await this.desk.next(agentId);
        if ('none' in handed || handed.callId) continue;
        await this.desk.dial(agentId, handed.campaign.id, handed.task.customerId);
      } catch {
        // The floor moved on meanwhile (an inbound offer, a break): the next round tries again.
      }
    }
  }

  private async save(agentId: string, open: { campaign_id: string; customer_id: string; connected: boolean; line_result: string | null }): Promise<void> {
    const code = open.connected ? this.pick() : (lineResults[open.line_result ?? 'no_answer'] ?? 'no_answer');
    const now = this.engine.now();
    const callbackAt = code === 'callback' ? now + (60 + this.random.int(90)) * 60_000 : undefined;
    const state = this.engine.router.agentState(agentId);
    await this.desk.record(agentId, { campaignId: open.campaign_id, customerId: open.customer_id, code, ...(callbackAt ? { callbackAt } : {}) }, state?.status === 'wrap_up');
  }

  private pick(): string {
    let x = this.random.next();
    for (const [code, share] of spokenResults) {
      x -= share;
      if (x < 0) return code;
    }
    return 'not_interested';
  }
}

/**
 * In the demo, the campaigns' agents who take no inbound calls (no skill) are simulated
 * telemarketers: logged in, and working their campaigns every few seconds until the server stops.
 * A person who logs in as one of them takes over, as on the inbound floor.
 */
export async function startDemoTelemarketers(
  store: Store,
  desk: CampaignDesk,
  engine: FloorEngine,
  feed: FloorFeed,
): Promise<{ telemarketers: DemoTelemarketers | null; stop: () => void }> {
  const center = engine.center;
  if (!center) return { telemarketers: null, stop: () => {} };
  const rows = await store.query<{ id: string }>(
    `SELECT DISTINCT ca.agent_id AS id FROM campaign_agents ca JOIN campaigns c ON c.id = ca.campaign_id
     WHERE c.status = 'running' AND NOT EXISTS (SELECT 1 FROM agent_skills s WHERE s.agent_id = ca.agent_id) ORDER BY id`,
  );
  const agentIds = rows.map((r) => r.id);
  for (const id of agentIds) {
    if (center.isHuman(id) || center.isSimulated(id) || engine.router.agentState(id)?.status !== 'logged_out') continue;
    center.staff(id, engine.now());
    feed.setSimulated(id, true);
  }
  const telemarketers = new DemoTelemarketers(store, desk, engine, agentIds, 11);
  const timer = setInterval(() => void telemarketers.step(), 3000);
  return { telemarketers, stop: () => clearInterval(timer) };
}
