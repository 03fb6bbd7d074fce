import { randomUUID } from 'node:crypto';
import {
  applyResult,
  CampaignError,
  claimTask,
  dialableNumber,
  dispositionOf,
  localDate,
  nextTask,
  releaseTask,
  withinCallingHours,
  type CampaignTask,
  type DomainEvent,
  type NextTask,
  type SwitchEvent,
} from '@banzu/core';
import { ApiError, ConflictError, NotFoundError } from '../http/errors';
import type { FloorEngine } from '../floor/index';
import type { Queryable, Store } from '../store/index';
import { agentCampaigns, candidateTasks, loadCampaign, loadTask, saveTask, type Campaign } from './store';

/** A core refusal as the API says it: 409 with the core's stable code. */
export function campaignRefusal(err: unknown): never {
  if (err instanceof CampaignError) throw new ApiError(err.code === 'unknown_disposition' || err.code === 'callback_time_needed' ? 400 : 409, err.code, err.message);
  throw err;
}

export interface HandedTask {
  campaign: Campaign;
  task: CampaignTask;
  number: string;
  why: 'current' | 'callback' | 'retry' | 'fresh';
  /** The call the server dialled at once (progressive mode). */
  callId: string | null;
}

export interface SavedDisposition {
  campaignId: string;
  customerId: string;
  code: string;
  /** Epoch ms, for a callback. */
  callbackAt?: number;
  note?: string;
}

/**
 * The telemarketer's side of campaigns on the live floor: hands out the next customer (claimed so
 * no other agent gets it), dials through the router, saves each dial's result on the customer's
 * task, and keeps the dial records' talk time and line result from the router's events.
 *
 * @example
 * const desk = new CampaignDesk(store, engine, 'Asia/Shanghai', () => engine.now());
 * const handed = await desk.next(agentId);
 * if (handed) await desk.dial(agentId, handed.campaign.id, handed.task.customerId);
 */
export class CampaignDesk {
  /** Router events and switch reports turned into dial-record updates, written one after another in order. */
  private writes: Promise<unknown> = Promise.resolve();
  private readonly connectedAt = new Map<string, number>();
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly store: Store,
    private readonly engine: FloorEngine | null,
    private readonly timeZone: string,
    private readonly now: () => number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    if (engine) {
      this.stops.push(engine.onEvents((events) => this.track(events)));
      this.stops.push(engine.onSwitchEvent((event) => this.heard(event)));
    }
  }

  close(): void {
    for (const stop of this.stops) stop();
  }

  /** Resolves once every dial-record update so far is written. */
  flush(): Promise<unknown> {
    return this.writes;
  }

  private write(sql: string, params: unknown[]): void {
    this.writes = this.writes.then(() => this.store.query(sql, params)).catch(this.onError);
  }

  private track(events: DomainEvent[]): void {
    for (const e of events) {
      if (e.type === 'call.connected') this.connectedAt.set(e.stream, e.at);
      if (e.type === 'call.connected') this.write('UPDATE campaign_attempts SET connected_at = $2 WHERE call_id = $1', [e.stream, new Date(e.at)]);
      if (e.type === 'call.ended') {
        const connected = this.connectedAt.get(e.stream);
        this.connectedAt.delete(e.stream);
        const talk = connected === undefined ? 0 : Math.round((e.at - connected) / 1000);
        this.write('UPDATE campaign_attempts SET ended_at = $2, talk_seconds = $3 WHERE call_id = $1', [e.stream, new Date(e.at), talk]);
      }
    }
  }

  private heard(event: SwitchEvent): void {
    if (event.type === 'switch.customer_unreachable') this.write('UPDATE campaign_attempts SET line_result = $2 WHERE call_id = $1', [event.callId, event.cause]);
  }

  /**
   * The agent's next customer over the running campaigns the agent works, oldest campaign first;
   * claimed at once. In a progressive campaign a fresh claim is dialled at once too. Null with the
   * reason when there is nothing to do.
   */
  async next(agentId: string): Promise<HandedTask | { none: NextTask & { kind: 'none' } }> {
    const campaigns = await agentCampaigns(this.store, agentId);
    let none: NextTask & { kind: 'none' } = { kind: 'none', reason: 'not_running', nextAt: null };
    for (let round = 0; round < 5; round++) {
      let raced = false;
      for (const campaign of campaigns) {
        const now = this.now();
        const next = nextTask(campaign.rules, { running: true, timeZone: this.timeZone }, await candidateTasks(this.store, campaign.id, agentId), agentId, now);
        if (next.kind === 'none') {
          if (none.reason === 'not_running' || (next.reason === 'nothing_due' && next.nextAt !== null && (none.nextAt === null || next.nextAt < none.nextAt))) none = next;
          continue;
        }
        if (next.why !== 'current' && !(await saveTask(this.store, campaign.id, claimTask(next.task, agentId), null))) {
          raced = true;
          break;
        }
        const handed: HandedTask = { campaign, task: { ...next.task, lockedBy: agentId }, number: next.number, why: next.why, callId: null };
        if (campaign.rules.dialingMode === 'progressive' && next.why !== 'current' && this.engine) {
          handed.callId = await this.dial(agentId, campaign.id, next.task.customerId);
        }
        return handed;
      }
      if (!raced) break;
    }
    return { none };
  }

  /** Dials the customer the agent holds: inside calling hours, never a do-not-call number. Returns the call id. */
  async dial(agentId: string, campaignId: string, customerId: string): Promise<string> {
    const engine = this.engine;
    if (!engine) throw new ConflictError('no live floor runs on this server: nothing can be dialled');
    const campaign = await loadCampaign(this.store, campaignId);
    if (campaign.status !== 'running') throw new ApiError(409, 'not_running', `campaign ${campaign.name} is ${campaign.status}`);
    const now = this.now();
    if (!withinCallingHours(campaign.rules, this.timeZone, now)) throw new ApiError(409, 'outside_hours', 'outside the campaign’s calling hours');
    const task = await loadTask(this.store, campaignId, customerId);
    if (task.lockedBy !== agentId) throw new ApiError(409, 'not_your_task', 'take the customer as your next task first');
    if (task.attempts >= campaign.rules.maxAttempts) throw new ApiError(409, 'task_closed', 'the customer has had every dial the campaign allows');
    const number = dialableNumber(task, new Set(campaign.rules.doNotCall));
    if (!number) throw new ApiError(409, 'not_dialable', 'every number of this customer is on the do-not-call list');
    const [open] = await this.store.query<{ call_id: string }>(
      'SELECT call_id FROM campaign_attempts WHERE campaign_id = $1 AND customer_id = $2 AND agent_id = $3 AND result IS NULL',
      [campaignId, customerId, agentId],
    );
    if (open && engine.router.call(open.call_id)) throw new ApiError(409, 'on_call', 'this customer is on the line already');
    if (open) throw new ApiError(409, 'result_missing', 'save the result of the last dial first');
    const callId = `out-${randomUUID()}`;
    const [team] = await this.store.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agentId]);
    await this.store.query(
      `INSERT INTO campaign_attempts (campaign_id, customer_id, agent_id, team_id, number_e164, call_id, started_at, local_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [campaignId, customerId, agentId, team?.team_id ?? null, number, callId, new Date(now), localDate(now, this.timeZone)],
    );
    const rejected = engine.command({ type: 'agent.dial', agentId, callId, number });
    if (rejected) {
      await this.store.query('DELETE FROM campaign_attempts WHERE call_id = $1', [callId]);
      throw new ApiError(409, rejected.code, rejected.message);
    }
    return callId;
  }

  /**
   * Saves the result of the last dial of the customer the agent holds: on the dial record and on
   * the customer's task (retry, callback, next number, done); also as the call's disposition.
   */
  async record(agentId: string, saved: SavedDisposition, finishWrapUp = false): Promise<CampaignTask> {
    const now = this.now();
    const result = await this.store.transaction(async (tx) => {
      const campaign = await loadCampaign(tx, saved.campaignId);
      try {
        dispositionOf(campaign.rules, saved.code);
      } catch (err) {
        campaignRefusal(err);
      }
      const task = await loadTask(tx, saved.campaignId, saved.customerId);
      const attempt = await lastOpenAttempt(tx, saved.campaignId, saved.customerId, agentId);
      if (!attempt) throw new ApiError(409, 'no_dial', 'dial the customer before saving a result');
      if (this.engine?.router.call(attempt.call_id)) throw new ApiError(409, 'on_call', 'hang up before saving the result');
      let next: CampaignTask;
      try {
        next = applyResult(campaign.rules, task, { agentId, code: saved.code, at: now, callbackAt: saved.callbackAt, number: attempt.number_e164 });
      } catch (err) {
        campaignRefusal(err);
      }
      if (!(await saveTask(tx, saved.campaignId, next, agentId))) throw new ApiError(409, 'not_your_task', 'the customer is no longer in your hands');
      await tx.query('UPDATE campaign_attempts SET result = $2, callback_at = $3, note = $4, recorded_at = $5 WHERE id = $1', [
        attempt.id,
        saved.code,
        saved.callbackAt === undefined ? null : new Date(saved.callbackAt),
        saved.note ?? '',
        new Date(now),
      ]);
      return { next, callId: attempt.call_id };
    });
    const engine = this.engine;
    const state = engine?.router.agentState(agentId);
    if (engine && state?.status === 'wrap_up' && state.callId === result.callId) {
      engine.command({ type: 'agent.set_disposition', agentId, callId: result.callId, code: saved.code });
      if (finishWrapUp) engine.command({ type: 'agent.ready', agentId });
    }
    return result.next;
  }

  /** Gives the customer back untouched (skipped before dialling). */
  async release(agentId: string, campaignId: string, customerId: string): Promise<void> {
    const task = await loadTask(this.store, campaignId, customerId);
    if (task.lockedBy !== agentId) throw new ApiError(409, 'not_your_task', 'the customer is not in your hands');
    if (await lastOpenAttempt(this.store, campaignId, customerId, agentId)) throw new ApiError(409, 'result_missing', 'save the result of the dial first');
    if (!(await saveTask(this.store, campaignId, releaseTask(task), agentId))) throw new NotFoundError(`your task ${customerId}`);
  }
}

async function lastOpenAttempt(db: Queryable, campaignId: string, customerId: string, agentId: string) {
  const [row] = await db.query<{ id: number; call_id: string; number_e164: string }>(
    `SELECT id, call_id, number_e164 FROM campaign_attempts
     WHERE campaign_id = $1 AND customer_id = $2 AND agent_id = $3 AND result IS NULL ORDER BY started_at DESC LIMIT 1`,
    [campaignId, customerId, agentId],
  );
  return row;
}
