import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Actor } from '@banzu/core';
import type { StoredEvent } from '../events/index';
import { openTestApp, type TestApp } from '../http/testing';
import { backends } from '../store/testing';
import { SESSION_ENDED, type LiveFeed, type LiveMessage } from './index';

/** A feed over events tagged with a team: a team leader sees the own team's, a manager all. */
class TeamFeed implements LiveFeed {
  readonly events: StoredEvent[] = [];
  private readonly tags = new Map<number, { teamId: string; n: number }>();
  private readonly listeners = new Set<(events: StoredEvent[]) => void>();
  apply(teamId: string, n: number) {
    const seq = this.events.length + 1;
    const event: StoredEvent = { seq, type: 'call.note_added', stream: `call-${n}`, at: seq * 1000, payload: { agentId: `agent-${n}`, note: '' }, recordedAt: new Date() };
    this.tags.set(seq, { teamId, n });
    this.events.push(event);
    for (const l of this.listeners) l([event]);
  }
  private mine(actor: Actor, e: StoredEvent) {
    return actor.role === 'manager' || this.tags.get(e.seq)?.teamId === actor.teamId;
  }
  snapshot(actor: Actor) {
    return { seq: this.events.length, state: { seen: this.events.filter((e) => this.mine(actor, e)).length } };
  }
  project(actor: Actor, e: StoredEvent) {
    return this.mine(actor, e) ? this.tags.get(e.seq)! : null;
  }
  onApplied(listener: (events: StoredEvent[]) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private readonly refreshers = new Set<() => void>();
  /** The settings changed: no event, but every client needs its state again. */
  refresh() {
    for (const r of this.refreshers) r();
  }
  onRefresh(listener: () => void) {
    this.refreshers.add(listener);
    return () => this.refreshers.delete(listener);
  }
  async replay(since: number) {
    return since >= this.events.length - 100 && since <= this.events.length ? this.events.slice(since) : null;
  }
}

interface Client {
  messages: LiveMessage[];
  token: string;
  /** Resolves with the close code when the server closes the channel. */
  closed: Promise<number>;
  next(count: number): Promise<LiveMessage[]>;
  close(): void;
}

describe('live channel', () => {
  let h: TestApp;
  let url: string;
  const feed = new TeamFeed();
  let leaderTeam: string;

  beforeAll(async () => {
    h = await openTestApp(backends[0]!, { live: feed, liveHeartbeatMs: 100 });
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(h.app.server.address() as AddressInfo).port}/api/v1/live`;
    leaderTeam = ((await h.call(await h.login('leader1'), 'GET', '/api/v1/auth/me')).json() as { teamId: string }).teamId;
  });
  afterAll(() => h.close());

  async function connect(username: string, since?: number): Promise<Client> {
    const token = await h.login(username);
    const ws = new WebSocket(since === undefined ? url : `${url}?since=${since}`, { headers: { authorization: `Bearer ${token}` } });
    const messages: LiveMessage[] = [];
    let wake = () => {};
    ws.on('message', (data) => {
      messages.push(JSON.parse(String(data)));
      wake();
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return {
      messages,
      token,
      closed,
      async next(count) {
        // No deadline of its own: the test's timeout ends a wait for messages that never come.
        while (messages.length < count) await new Promise<void>((r) => (wake = r));
        return messages.slice(0, count);
      },
      close: () => ws.close(),
    };
  }

  it('refuses a socket opened by a page of another site, logged in or not (cross-site WebSocket hijacking)', async () => {
    const token = await h.login('leader1');
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve, reject) => {
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      ws.once('open', () => reject(new Error('the socket opened')));
    });
    ws.on('error', () => {}); // closing before the connection was established is the point
    ws.terminate();
    expect(status).toBe(403);
  });

  it('refuses a connection without a login', async () => {
    const ws = new WebSocket(url);
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
  });

  it('sends a snapshot, then only the events of the team leader’s own team, in order', async () => {
    feed.apply(leaderTeam, 1);
    feed.apply('other-team', 2);
    const leader = await connect('leader1');
    const manager = await connect('manager');
    const [snapshot] = await leader.next(1);
    expect(snapshot).toEqual({ type: 'snapshot', seq: 2, state: { seen: 1 } });
    feed.apply('other-team', 3);
    feed.apply(leaderTeam, 4);
    feed.apply(leaderTeam, 5);
    const leaderSaw = (await leader.next(3)).slice(1).flatMap((m) => (m.type === 'events' ? m.events.map((e) => (e.payload as { n: number }).n) : []));
    expect(leaderSaw).toEqual([4, 5]);
    const managerSaw = (await manager.next(4)).slice(1).flatMap((m) => (m.type === 'events' ? m.events.map((e) => (e.payload as { n: number }).n) : []));
    expect(managerSaw).toEqual([3, 4, 5]);
    leader.close();
    manager.close();
  });

  it('resumes from the last sequence after a reconnect, or sends a snapshot when that is not possible', async () => {
    const before = feed.events.length;
    feed.apply(leaderTeam, 6);
    feed.apply(leaderTeam, 7);
    const resumed = await connect('leader1', before);
    const [first] = await resumed.next(1);
    expect(first?.type).toBe('events');
    expect(first?.type === 'events' && first.events.map((e) => e.seq)).toEqual([before + 1, before + 2]);
    resumed.close();
    const tooNew = await connect('leader1', 10_000);
    expect((await tooNew.next(1))[0]?.type).toBe('snapshot');
    tooNew.close();
  });

  it('sends every open client a new snapshot, in its own scope, when a change that is no event asks for it (the center settings)', async () => {
    const leader = await connect('leader1');
    const [first] = await leader.next(1);
    const seen = first?.type === 'snapshot' ? (first.state as { seen: number }).seen : -1;
    feed.apply('other-team', 8);
    feed.apply(leaderTeam, 9);
    await leader.next(2);
    feed.refresh();
    const [, , again] = await leader.next(3);
    expect(again).toEqual({ type: 'snapshot', seq: feed.events.length, state: { seen: seen + 1 } });
    leader.close();
  });

  it('closes the channel when the session is ended or has expired, so the console goes back to the login page', async () => {
    const leaving = await connect('leader1');
    const staying = await connect('manager');
    expect((await h.call(leaving.token, 'POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect(await leaving.closed).toBe(SESSION_ENDED);
    let stayingClosed = false;
    void staying.closed.then(() => (stayingClosed = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(stayingClosed).toBe(false);
    h.clock.advance(13 * 3_600_000);
    expect(await staying.closed).toBe(SESSION_ENDED);
  });
});
