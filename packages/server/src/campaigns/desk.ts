import { randomUUID } from 'node:crypto';
import {
  applyResult,
  CampaignError,
  claimTask,
  dialableNumber,
  dispositionOf,
  nextTask,
  releaseTask,
  withinCallingHours,
  type CampaignTask,
  type LineResult,
  type NextTask,
} from '@banzu/core';
import type { EventLog } from '../events/index';
import { ApiError, ConflictError, NotFoundError } from '../http/errors';
import type { FloorEngine } from '../floor/index';
import type { Store } from '../store/index';
import { agentCampaigns, agentOpenDial, candidateTasks, loadCampaign, loadTask, saveDial, saveTask, type Campaign } from './store';

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

/** The agent's dial waiting for its result, and how its call went as far as the log shows. */
export interface AgentDial {
  campaignId: string;
  customerId: string;
  callId: string;
  number: string;
  /** The customer picked up. */
  connected: boolean;
  /** Why the customer was not reached, when the switch said (busy, no answer, failed). */
  lineResult: LineResult | null;
}

/**
 * The telemarketer's side of campaigns on the live floor: hands out the next customer (claimed so
 * no other agent gets it), dials through the router, and saves each dial's result on the
 * customer's task. Each dial and each result is also an event in the log (`campaign.dialed`,
 * `campaign.result_saved`), appended in the transaction that changes the task; the dial records
 * are the campaigns projection of those events and the calls' own (campaigns/projection.ts).
 *
 * @example
 * const desk = new CampaignDesk(store, log, engine, 'Asia/Shanghai', () => engine.now());
 * const handed = await desk.next(agentId);
 * if (!('none' in handed)) await desk.dial(agentId, handed.campaign.id, handed.task.customerId);
 */
export class CampaignDesk {
  constructor(
    private readonly store: Store,
    private readonly log: EventLog,
    private readonly engine: FloorEngine | null,
    private readonly timeZone: string,
    private readonly now: () => number,
  ) {}

  /** Resolves once every event appended so far (the router's too) is in the log. */
  flush(): Promise<void> {
    return this.log.settled();
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
    return this.store.transaction(async (tx) => {
      const campaign = await loadCampaign(tx, campaignId);
      if (campaign.status !== 'running') throw new ApiError(409, 'not_running', `campaign ${campaign.name} is ${campaign.status}`);
      const now = this.now();
      if (!withinCallingHours(campaign.rules, this.timeZone, now)) throw new ApiError(409, 'outside_hours', 'outside the campaign’s calling hours');
      const { task, dial } = await loadTask(tx, campaignId, customerId);
      if (task.lockedBy !== agentId) throw new ApiError(409, 'not_your_task', 'take the customer as your next task first');
      if (task.attempts >= campaign.rules.maxAttempts) throw new ApiError(409, 'task_closed', 'the customer has had every dial the campaign allows');
      const number = dialableNumber(task, new Set(campaign.rules.doNotCall));
      if (!number) throw new ApiError(409, 'not_dialable', 'every number of this customer is on the do-not-call list');
      if (dial && engine.router.call(dial.callId)) throw new ApiError(409, 'on_call', 'this customer is on the line already');
      if (dial) throw new ApiError(409, 'result_missing', 'save the result of the last dial first');
      const callId = `out-${randomUUID()}`;
      const [team] = await tx.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agentId]);
      // The router decides at once; a refusal rolls the transaction back with nothing written.
      const rejected = engine.command({ type: 'agent.dial', agentId, callId, number });
      if (rejected) throw new ApiError(409, rejected.code, rejected.message);
      await saveDial(tx, campaignId, customerId, { callId, number });
      await this.log.appendIn(tx, [{ type: 'campaign.dialed', stream: campaignId, at: now, payload: { customerId, agentId, teamId: team?.team_id ?? null, number, callId } }]);
      return callId;
    });
  }

  /**
   * Saves the result of the last dial of the customer the agent holds: on the customer's task
   * (retry, callback, next number, done) and in the log; also as the call's disposition.
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
      const { task, dial } = await loadTask(tx, saved.campaignId, saved.customerId);
      if (task.lockedBy !== agentId || !dial) throw new ApiError(409, 'no_dial', 'dial the customer before saving a result');
      if (this.engine?.router.call(dial.callId)) throw new ApiError(409, 'on_call', 'hang up before saving the result');
      let next: CampaignTask;
      try {
        next = applyResult(campaign.rules, task, { agentId, code: saved.code, at: now, callbackAt: saved.callbackAt, number: dial.number });
      } catch (err) {
        campaignRefusal(err);
      }
      if (!(await saveTask(tx, saved.campaignId, next, agentId))) throw new ApiError(409, 'not_your_task', 'the customer is no longer in your hands');
      await this.log.appendIn(tx, [
        {
          type: 'campaign.result_saved',
          stream: saved.campaignId,
          at: now,
          payload: { customerId: saved.customerId, agentId, callId: dial.callId, code: saved.code, note: saved.note ?? '', callbackAt: saved.callbackAt ?? null },
        },
      ]);
      return { next, callId: dial.callId };
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
    await this.store.transaction(async (tx) => {
      const { task, dial } = await loadTask(tx, campaignId, customerId);
      if (task.lockedBy !== agentId) throw new ApiError(409, 'not_your_task', 'the customer is not in your hands');
      if (dial) throw new ApiError(409, 'result_missing', 'save the result of the dial first');
      if (!(await saveTask(tx, campaignId, releaseTask(task), agentId))) throw new NotFoundError(`your task ${customerId}`);
    });
  }

  /**
   * The agent's dial waiting for its result, if any, with how its call went: whether the customer
   * picked up, and what the line did if not. Read from the log once the router's events are in it.
   */
  async openDial(agentId: string): Promise<AgentDial | null> {
    const dial = await agentOpenDial(this.store, agentId);
    if (!dial) return null;
    await this.log.settled();
    let connected = false;
    let lineResult: LineResult | null = null;
    for (const e of await this.log.readStream(dial.callId)) {
      if (e.type === 'call.connected') connected = true;
      if (e.type === 'call.ended') lineResult = e.payload.lineResult ?? null;
    }
    return { ...dial, connected, lineResult };
  }
}
