import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QaQueueItem, QaSettings } from '@banzu/contract';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { at, expectJson, queueNamed, userIds } from './testing';

/** A call record as the reports projection stores it: answered, recorded, on the test day. */
interface RecordedCall {
  callId: string;
  agentId: string;
  queueId: string;
  start: number;
  talkSeconds?: number;
  holdSeconds?: number;
  transfers?: number;
}

describe.each(backends)('the sampling rules pick the calls worth hearing, each with its reason ($name)', (backend) => {
  let h: TestApp;
  const json = expectJson(() => h);
  let ids: Record<string, string>;
  let callers = 0;

  const record = async (c: RecordedCall) => {
    const talkMs = (c.talkSeconds ?? 180) * 1000;
    // Each call from a caller of its own, so none is picked as a repeat caller's.
    const from = `+8613700${String(++callers).padStart(6, '0')}`;
    const transfers = Array.from({ length: c.transfers ?? 0 }, (_, i) => ({
      at: c.start + 60_000 * (i + 1),
      mode: 'blind',
      fromAgentId: c.agentId,
      to: { kind: 'queue', queueId: c.queueId },
    }));
    await h.t.store.query(
      `INSERT INTO call_records (call_id, direction, started_at, ended_at, queue_id, agent_id, team_id, outcome, from_number, record)
       SELECT $1, 'inbound', $2, $3, $4, u.id, u.team_id, 'answered', $6, $7 FROM users u WHERE u.id = $5`,
      [
        c.callId,
        new Date(c.start).toISOString(),
        new Date(c.start + 10_000 + talkMs).toISOString(),
        c.queueId,
        c.agentId,
        from,
        JSON.stringify({ direction: 'inbound', from, recorded: true, talkMs, holdMs: (c.holdSeconds ?? 0) * 1000, transfers, agents: [c.agentId] }),
      ],
    );
  };

  beforeAll(async () => {
    h = await openTestApp(backend);
    ids = await userIds(h, ['8001', '8002', '8003', '8004', '8005', '8006']);
    const sales = await queueNamed(h, '售前咨询');
    const complaints = await queueNamed(h, '投诉建议');
    const manager = await h.login('manager');
    const settings = await json<QaSettings>(manager, 'GET', '/api/v1/qa/settings');
    // One call per agent and day, so the rule's call wins over the agent's ordinary one.
    await json(manager, 'PATCH', '/api/v1/qa/settings', { sampling: { ...settings.sampling, perAgent: 1, complaintQueueIds: [complaints] } });
    // 8005 joined three days ago (the quotas table's employment date): new agents are heard more.
    await h.t.store.query('DELETE FROM quotas WHERE agent_id = ANY($1::text[])', [[ids['8005'], ids['8006']]]);
    await h.t.store.query(`INSERT INTO quotas (agent_id, employed_since) VALUES ($1, '2026-01-02'), ($2, '2024-06-01')`, [ids['8005'], ids['8006']]);

    const ordinary = (callId: string, agent: string, hour: number) => record({ callId, agentId: ids[agent]!, queueId: sales, start: at(hour) });
    await record({ callId: 'hold', agentId: ids['8001']!, queueId: sales, start: at(9), holdSeconds: 300 });
    await record({ callId: 'short', agentId: ids['8002']!, queueId: sales, start: at(9), talkSeconds: 8 });
    await record({ callId: 'transfer', agentId: ids['8003']!, queueId: sales, start: at(9), transfers: 1 });
    await record({ callId: 'complaint', agentId: ids['8004']!, queueId: complaints, start: at(9) });
    for (const agent of ['8001', '8002', '8003', '8004']) await ordinary(`plain-${agent}`, agent, 10);
    await ordinary('new-a', '8005', 9);
    await ordinary('new-b', '8005', 10);
    await ordinary('old-a', '8006', 9);
    await ordinary('old-b', '8006', 10);
  });
  afterAll(() => h.close());

  it('puts each rule’s call in the queue with its reason, and a new agent’s quota weighted up', async () => {
    const manager = await h.login('manager');
    await json(manager, 'POST', '/api/v1/qa/queue/sample', { date: '2026-01-05' });
    const queue = await json<QaQueueItem[]>(manager, 'GET', '/api/v1/qa/queue?all=true');
    const picked = Object.fromEntries(queue.map((q) => [q.callId, q.reasons]));
    expect(picked).toMatchObject({
      hold: ['long_hold'],
      short: ['short_talk'],
      transfer: ['transferred'],
      complaint: ['complaint_queue'],
      'new-a': ['random', 'new_agent'],
      'new-b': ['random', 'new_agent'],
    });
    // The ordinary calls of agents whose quota a rule's call filled stay out; an agent of long standing gets the plain quota.
    for (const agent of ['8001', '8002', '8003', '8004']) expect(picked[`plain-${agent}`], agent).toBeUndefined();
    expect(['old-a', 'old-b'].filter((c) => picked[c] !== undefined)).toHaveLength(1);
  });
});
