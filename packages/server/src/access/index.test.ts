import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@banzu/core';
import { createCustomer, loadCustomer, screenPopCustomer } from '../crm/index';
import { EventLog, type StoredEvent } from '../events/index';
import { FloorFeed } from '../floor/feed';
import { ForbiddenError } from '../http/errors';
import { backends, type TestStore } from '../store/testing';
import { customerScopeCondition, maySeeRecordedCall, reportTeam, scopedFigures } from './index';

const qa: Actor = { userId: 'qa1', role: 'qa', teamId: null };
const leader: Actor = { userId: 'tl1', role: 'team_leader', teamId: 't1' };
const agent: Actor = { userId: 'a1', role: 'agent', teamId: 't1' };
const otherLeader: Actor = { userId: 'tl2', role: 'team_leader', teamId: 't2' };

describe.each(backends)('one access rule for the wallboard and the CRM ($name)', (backend) => {
  let t: TestStore;
  let log: EventLog;
  let feed: FloorFeed;
  const now = Date.parse('2026-03-02T02:00:00Z');

  /** A caller's call arrives at the switch, which reports the number in `from`'s form. */
  async function arrives(callId: string, from: string): Promise<StoredEvent> {
    const applied = new Promise<void>((resolve) => {
      const stop = feed.onApplied((events) => {
        if (events.some((e) => e.stream === callId)) {
          stop();
          resolve();
        }
      });
    });
    const [stored] = await log.append([{ type: 'call.arrived', stream: callId, at: now, payload: { direction: 'inbound', from, to: '95555', queueId: 'sales', vipLevel: 0 } }]);
    await applied;
    return stored!;
  }

  const onWallboard = (actor: Actor, callId: string) => feed.snapshot(actor).state.calls.find((c) => c.callId === callId)?.from;

  beforeAll(async () => {
    t = await backend.open();
    const { store } = t;
    await store.exec(`
      INSERT INTO centers (id, name, time_zone, hours) VALUES ('c', 'Center', 'Asia/Shanghai', '{}');
      INSERT INTO sites (id, center_id, name) VALUES ('s', 'c', 'Site');
      INSERT INTO teams (id, site_id, name) VALUES ('t1', 's', 'Team 1'), ('t2', 's', 'Team 2');
      INSERT INTO queues (id, name, sl_threshold_seconds, sl_target) VALUES ('sales', 'Sales', 20, 0.8);
      INSERT INTO users (id, username, display_name, role, team_id, password_hash) VALUES
        ('qa1', 'qa1', 'QA', 'qa', NULL, 'x'),
        ('tl1', 'tl1', 'Leader 1', 'team_leader', 't1', 'x'),
        ('tl2', 'tl2', 'Leader 2', 'team_leader', 't2', 'x'),
        ('a1', 'a1', 'Agent 1', 'agent', 't1', 'x'),
        ('a2', 'a2', 'Agent 2', 'agent', 't2', 'x');
    `);
    log = new EventLog(store);
    feed = await FloorFeed.open({
      store,
      log,
      timeZone: 'Asia/Shanghai',
      now: () => now,
      router: { agentState: () => undefined, liveCalls: () => [], call: () => undefined, dispositionDue: () => false },
    });
  });

  afterAll(async () => {
    feed?.close();
    await log?.close();
    await t?.cleanup();
  });

  it('shows QA the number of a calling customer as 138****5678 on the wallboard and in the CRM alike', async () => {
    const customerId = await createCustomer(t.store, null, { name: '王芳', phones: [{ number: '+8613812345678' }] });
    const event = await arrives('call-e164', '+8613812345678');

    const wallboard = onWallboard(qa, 'call-e164');
    const patch = feed.project(qa, event);
    const crm = (await loadCustomer(t.store, qa, customerId)).phones[0]?.number;
    const screenPop = (await screenPopCustomer(t.store, qa, '+8613812345678'))?.phones[0]?.number;

    expect(wallboard).toBe('138****5678');
    expect(patch?.calls?.[0]?.from).toBe('138****5678');
    expect(crm).toBe('138****5678');
    expect(screenPop).toBe('138****5678');
  });

  it('masks a number the switch reports in national form the same way', async () => {
    await arrives('call-national', '013812345678');
    expect(onWallboard(qa, 'call-national')).toBe('138****5678');
  });

  it('shows the number as the switch reported it to a supervisor', async () => {
    await arrives('call-supervisor', '+8613812345678');
    expect(onWallboard({ userId: 's1', role: 'supervisor', teamId: null }, 'call-supervisor')).toBe('+8613812345678');
  });

  it('lets a team leader hear the calls of the own team and of its agents, an agent only the own, QA all', async () => {
    await t.store.exec(`
      INSERT INTO call_records (call_id, direction, started_at, agent_id, team_id, record) VALUES
        ('rec-1', 'inbound', now(), 'a2', 't2', '{"agents": ["a1", "a2"]}'),
        ('rec-2', 'inbound', now(), 'a2', 't2', '{"agents": ["a2"]}');
    `);
    expect(await maySeeRecordedCall(t.store, agent, 'rec-1')).toBe(true);
    expect(await maySeeRecordedCall(t.store, agent, 'rec-2')).toBe(false);
    expect(await maySeeRecordedCall(t.store, leader, 'rec-1')).toBe(true);
    expect(await maySeeRecordedCall(t.store, leader, 'rec-2')).toBe(false);
    expect(await maySeeRecordedCall(t.store, otherLeader, 'rec-2')).toBe(true);
    expect(await maySeeRecordedCall(t.store, qa, 'rec-2')).toBe(true);
    expect(await maySeeRecordedCall(t.store, leader, 'no-such-call')).toBe(false);
  });

  it('narrows a customer search to the own team and customers of no team', async () => {
    await createCustomer(t.store, null, { name: '一组客户', teamId: 't1' });
    await createCustomer(t.store, null, { name: '二组客户', teamId: 't2' });
    const names = async (actor: Actor) => {
      const params: unknown[] = [];
      const rows = await t.store.query<{ name: string }>(`SELECT name FROM customers WHERE ${customerScopeCondition(actor, 'team_id', params)} `, params);
      return rows.map((r) => r.name).sort();
    };
    expect(await names(leader)).toEqual(['一组客户', '王芳'].sort());
    expect(await names(qa)).toEqual(['一组客户', '二组客户', '王芳'].sort());
  });
});

describe('figures in scope', () => {
  it('gives an agent the own figures and refuses another agent’s', () => {
    const asked: { from: string; agentId?: string } = { from: '2026-03-01' };
    expect(scopedFigures(agent, asked)).toEqual({ from: '2026-03-01', agentId: 'a1' });
    expect(() => scopedFigures(agent, { agentId: 'a2' })).toThrow(ForbiddenError);
  });

  it('gives a team leader the own team whatever was asked, and refuses another team', () => {
    expect(scopedFigures(leader, {})).toEqual({ teamId: 't1' });
    expect(() => scopedFigures(leader, { teamId: 't2' })).toThrow(ForbiddenError);
    expect(() => reportTeam({ ...leader, teamId: null }, undefined)).toThrow(ForbiddenError);
  });

  it('gives QA the team asked for, or the whole center', () => {
    expect(scopedFigures(qa, { teamId: 't2' })).toEqual({ teamId: 't2' });
    expect(reportTeam(qa, undefined)).toBeNull();
  });
});
