import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '@banzu/core';
import { EventLog } from '../events/index';
import { ProjectionRunner } from '../projections/index';
import { migrate, type Store } from '../store/index';
import { backends, type Backend } from '../store/testing';
import { campaignsProjection } from './projection';

/** 2026-01-05 16:30 UTC: already the 6th in Shanghai, the center's day of these dials. */
const t0 = Date.UTC(2026, 0, 5, 16, 30);
const at = (seconds: number) => t0 + seconds * 1000;
const customer = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

async function seedCampaign(store: Store): Promise<void> {
  await store.exec(`
    INSERT INTO centers (id, name, time_zone, hours) VALUES ('center', '班组示范中心', 'Asia/Shanghai', '{}');
    INSERT INTO sites (id, center_id, name) VALUES ('site', 'center', '总部');
    INSERT INTO teams (id, site_id, name) VALUES ('telemarketing', 'site', '电话营销组'), ('service', 'site', '客服一组');
    INSERT INTO users (id, username, display_name, role, team_id, password_hash) VALUES ('agent-1', '9001', '孙明', 'agent', 'telemarketing', '-');
    INSERT INTO campaigns (id, name, rules, source, team_id)
      VALUES ('spring', '春季促销回访', '{}', '{"kind":"filter","classCodes":[],"tags":["春季促销"]}', 'telemarketing');`);
}

const dialed = (callId: string, n: number, seconds: number): DomainEvent => ({
  type: 'campaign.dialed',
  stream: 'spring',
  at: at(seconds),
  payload: { customerId: customer(n), agentId: 'agent-1', teamId: 'telemarketing', number: `+8613800000${n}00`, callId },
});
const saved = (callId: string, n: number, seconds: number, code: string, extra: { note?: string; callbackAt?: number } = {}): DomainEvent => ({
  type: 'campaign.result_saved',
  stream: 'spring',
  at: at(seconds),
  payload: { customerId: customer(n), agentId: 'agent-1', callId, code, note: extra.note ?? '', callbackAt: extra.callbackAt ?? null },
});
const call = (callId: string, seconds: number, event: 'dialed' | 'connected' | 'ended', lineResult?: 'busy'): DomainEvent =>
  event === 'dialed'
    ? { type: 'call.dialed', stream: callId, at: at(seconds), payload: { direction: 'outbound', agentId: 'agent-1', to: '13800000000' } }
    : event === 'connected'
      ? { type: 'call.connected', stream: callId, at: at(seconds), payload: { agentId: 'agent-1' } }
      : {
          type: 'call.ended',
          stream: callId,
          at: at(seconds),
          payload: { outcome: lineResult ? 'not_connected' : 'answered', endedBy: lineResult ? 'system' : 'agent', connected: !lineResult, ...(lineResult ? { lineResult } : {}) },
        };

const columns = `campaign_id, customer_id::text, agent_id, team_id, number_e164, call_id, started_at, to_char(local_date, 'YYYY-MM-DD') AS local_date,
  connected_at, ended_at, line_result, talk_seconds, result, callback_at, note, recorded_at`;

/** A store with one campaign, its log and the campaigns projection running over it. */
async function openDialRecords(backend: Backend) {
  const t = await backend.open();
  await seedCampaign(t.store);
  const log = new EventLog(t.store);
  const project = async () => {
    const runner = new ProjectionRunner(t.store, log, campaignsProjection({ timeZone: 'Asia/Shanghai' }));
    await runner.start();
    await runner.caughtUp(await log.head());
    return runner;
  };
  let runner = await project();
  return {
    store: t.store,
    log,
    caughtUp: async () => runner.caughtUp(await log.head()),
    /** Stops the projection, as a server from before it had none. */
    stop: () => runner.stop(),
    records: () => t.store.query<Record<string, unknown>>(`SELECT ${columns} FROM campaign_attempts ORDER BY started_at, call_id`),
    /** Stops the projection and starts it again, as a restart of the server does. */
    async restart() {
      runner.stop();
      runner = await project();
    },
    /** Empties the table and the checkpoint, then builds the records again from the whole log. */
    async rebuild() {
      runner.stop();
      await t.store.exec(`DELETE FROM campaign_attempts; DELETE FROM projection_checkpoints WHERE name = 'campaigns'`);
      runner = await project();
    },
    async close() {
      runner.stop();
      await log.close();
      await t.cleanup();
    },
  };
}

describe.each(backends)('campaign dial records from the log ($name)', (backend) => {
  let dials: Awaited<ReturnType<typeof openDialRecords>>;
  beforeEach(async () => {
    dials = await openDialRecords(backend);
  });
  afterEach(() => dials.close());

  it('keeps a row per dial with its talk time, line result and saved result, and rebuilds the same rows from the log', async () => {
    const { log, store } = dials;
    const callbackAt = at(3600);
    await log.append([
      dialed('out-1', 1, 0),
      call('out-1', 0, 'dialed'),
      call('out-1', 5, 'connected'),
      // The busy line's call moved before its dial reached the log.
      call('out-2', 10, 'dialed'),
      call('out-2', 14, 'ended', 'busy'),
    ]);
    await dials.caughtUp();
    await log.append([dialed('out-2', 2, 10), call('out-1', 65, 'ended'), saved('out-1', 1, 100, 'callback', { note: '下午再打', callbackAt })]);
    await log.append([saved('out-2', 2, 30, 'busy'), dialed('out-3', 3, 200), call('out-3', 200, 'dialed')]);
    await dials.caughtUp();
    // The agent moves to another team later: the dials keep the team they were made in.
    await store.query(`UPDATE users SET team_id = 'service' WHERE id = 'agent-1'`);

    const rows = await dials.records();
    expect(rows).toEqual([
      {
        campaign_id: 'spring',
        customer_id: customer(1),
        agent_id: 'agent-1',
        team_id: 'telemarketing',
        number_e164: '+8613800000100',
        call_id: 'out-1',
        started_at: new Date(at(0)),
        local_date: '2026-01-06',
        connected_at: new Date(at(5)),
        ended_at: new Date(at(65)),
        line_result: null,
        talk_seconds: 60,
        result: 'callback',
        callback_at: new Date(callbackAt),
        note: '下午再打',
        recorded_at: new Date(at(100)),
      },
      expect.objectContaining({ call_id: 'out-2', connected_at: null, ended_at: new Date(at(14)), line_result: 'busy', talk_seconds: 0, result: 'busy' }),
      expect.objectContaining({ call_id: 'out-3', ended_at: null, result: null, recorded_at: null }),
    ]);

    await dials.rebuild();
    expect(await dials.records()).toEqual(rows);
  });

  it('keeps the dial records of a store from before they came from the log, and its open dial on the customer’s task', async () => {
    const { log, store } = dials;
    // The store as it was before migration 011: the calls' events in the log, dial records the desk wrote
    // itself, and no projection running (a live one raced the schema change below).
    dials.stop();
    const old = (callId: string, time: string, ended?: string): DomainEvent[] => [
      { type: 'call.dialed', stream: callId, at: Date.parse(time), payload: { direction: 'outbound', agentId: 'agent-1', to: '13800000000' } },
      ...(ended ? [{ type: 'call.ended', stream: callId, at: Date.parse(ended), payload: { outcome: 'not_connected', endedBy: 'system', connected: false } } as const] : []),
    ];
    await log.append([...old('old-4', '2026-01-02T02:00:00Z', '2026-01-02T02:00:20Z'), ...old('old-5', '2026-01-02T03:00:00Z')]);
    await store.exec(`
      DELETE FROM schema_migrations WHERE version = 11;
      ALTER TABLE campaign_customers DROP COLUMN dial_call_id, DROP COLUMN dial_number;
      INSERT INTO customers (id, name) VALUES ('${customer(4)}', '姚洋'), ('${customer(5)}', '卢艳');
      INSERT INTO campaign_customers (campaign_id, customer_id, position, phones, attempts, locked_by)
        VALUES ('spring', '${customer(4)}', 4, '{+8613800000400}', 1, NULL), ('spring', '${customer(5)}', 5, '{+8613800000500}', 0, 'agent-1');
      INSERT INTO campaign_attempts (campaign_id, customer_id, agent_id, team_id, number_e164, call_id, started_at, local_date,
          ended_at, line_result, result, note, recorded_at)
        VALUES ('spring', '${customer(4)}', 'agent-1', 'telemarketing', '+8613800000400', 'old-4', '2026-01-02 02:00+00', '2026-01-02',
          '2026-01-02 02:00:20+00', 'no_answer', 'no_answer', '', '2026-01-02 02:01+00'),
               ('spring', '${customer(5)}', 'agent-1', 'telemarketing', '+8613800000500', 'old-5', '2026-01-02 03:00+00', '2026-01-02',
          NULL, NULL, NULL, '', NULL);`);
    const before = await dials.records();
    // Upgraded at the next start, before the projections run.
    expect((await migrate(store)).applied).toEqual(['11_campaign_dials']);
    await dials.restart();
    const [task] = await store.query(`SELECT dial_call_id, dial_number FROM campaign_customers WHERE customer_id = $1`, [customer(5)]);
    expect(task).toEqual({ dial_call_id: 'old-5', dial_number: '+8613800000500' });

    expect(await dials.records()).toEqual(before);
    await dials.rebuild();
    // Only what no event ever held is gone: the old line result.
    expect(await dials.records()).toEqual(before.map((r) => (r.call_id === 'old-4' ? { ...r, line_result: null } : r)));
  });
});
