import { randomUUID } from 'node:crypto';
import {
  applyResult,
  CampaignError,
  claimTask,
  dialableNumber,
  dispositionOf,
  lineResultDisposition,
  nextTask,
  releaseTask,
  withinCallingHours,
  type CampaignTask,
  type LineResult,
  type NextTask,
} from '@banzu/core';
import type { EventLog } from '../events/index';
import { ApiError, Refusal } from '../http/errors';
import type { FloorEngine } from '../floor/index';
import type { Store } from '../store/index';
import { agentCampaigns, agentOpenDial, candidateTasks, loadCampaign, loadTask, saveDial, saveTask, type Campaign } from './store';

/** The desk's refusals by stable code; the catalogue (http/messages, `campaign.<code>`) words each in the user's language. */
type DeskRefusal =
  | 'not_running'
  | 'outside_hours'
  | 'not_your_task'
  | 'task_closed'
  | 'not_dialable'
  | 'on_call'
  | 'result_missing'
  | 'no_dial'
  | 'not_connected'
  | 'callback_time_needed'
  | 'unknown_disposition'
  | 'task_taken'
  | 'invalid_rules';

/** A refusal of the desk: 400 for what the request got wrong, 409 for what the state does not allow; `detail` names the campaign or the result. */
function refusal(code: DeskRefusal, detail?: string): ApiError {
  const status = code === 'unknown_disposition' || code === 'callback_time_needed' || code === 'not_connected' ? 400 : 409;
  return detail === undefined ? new Refusal(status, code, `campaign.${code}`) : new Refusal(status, code, `campaign.${code}.named`, { detail });
}

/** A core refusal as the API says it, with the core's stable code. */
export function campaignRefusal(err: unknown): never {
  if (err instanceof CampaignError) throw refusal(err.code, err.code === 'unknown_disposition' ? err.message : undefined);
  throw err;
}

export interface HandedTask {
  campaign: Campaign;
  task: CampaignTask;
  number: string;
  why: 'current' | 'callback' | 'retry' | 'fresh';
  /** The call of the dial waiting for its result: dialled at once (progressive mode), or earlier. */
  callId: string | null;
  /**
   * The dial whose result is due before the agent goes on, as far as the log shows, with the
   * result to propose when nobody picked up (what the switch heard); null before a dial.
   */
  dial: (DialOutcome & { proposed: string | null }) | null;
}

/** How a dial's call went, as far as the log shows. */
export interface DialOutcome {
  callId: string;
  /** The customer picked up. */
  connected: boolean;
  /** The call is over: a dial not connected by then never was. */
  ended: boolean;
  /** Why the customer was not reached, when the switch said (busy, no answer, failed). */
  lineResult: LineResult | null;
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
export interface AgentDial extends DialOutcome {
  campaignId: string;
  customerId: string;
  number: string;
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
   * reason when there is nothing to do. A dial waiting for its result comes first, whoever made it
   * (a person taking over from the simulator): its customer with the dial, so the result can be saved.
   */
  async next(agentId: string): Promise<HandedTask | { none: NextTask & { kind: 'none' } }> {
    const open = await this.openDial(agentId);
    if (open) {
      const campaign = await loadCampaign(this.store, open.campaignId);
      const { task } = await loadTask(this.store, open.campaignId, open.customerId);
      const proposed = open.ended && !open.connected ? lineResultDisposition(campaign.rules, open.lineResult) : null;
      const dial = { callId: open.callId, connected: open.connected, ended: open.ended, lineResult: open.lineResult, proposed };
      return { campaign, task, number: open.number, why: 'current', callId: open.callId, dial };
    }
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
        const handed: HandedTask = { campaign, task: { ...next.task, lockedBy: agentId }, number: next.number, why: next.why, callId: null, dial: null };
        if (campaign.rules.dialingMode === 'progressive' && next.why !== 'current' && this.engine) {
          handed.callId = await this.dial(agentId, campaign.id, next.task.customerId);
          handed.dial = { callId: handed.callId, connected: false, ended: false, lineResult: null, proposed: null };
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
    if (!engine) throw new Refusal(409, 'conflict', 'campaign.no_floor');
    const callId = await this.store.transaction(async (tx) => {
      const campaign = await loadCampaign(tx, campaignId);
      if (campaign.status !== 'running') throw refusal('not_running', campaign.name);
      const now = this.now();
      if (!withinCallingHours(campaign.rules, this.timeZone, now)) throw refusal('outside_hours');
      const { task, dial } = await loadTask(tx, campaignId, customerId);
      if (task.lockedBy !== agentId) throw refusal('not_your_task');
      if (task.attempts >= campaign.rules.maxAttempts) throw refusal('task_closed');
      const number = dialableNumber(task, new Set(campaign.rules.doNotCall));
      if (!number) throw refusal('not_dialable');
      if (dial && engine.router.call(dial.callId)) throw refusal('on_call');
      if (dial) throw refusal('result_missing');
      const callId = `out-${randomUUID()}`;
      const [team] = await tx.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agentId]);
      // The router decides at once; a refusal rolls the transaction back with nothing written.
      const rejected = engine.command({ type: 'agent.dial', agentId, callId, number });
      if (rejected) throw new ApiError(409, rejected.code, rejected.message);
      await saveDial(tx, campaignId, customerId, { callId, number });
      await this.log.appendIn(tx, [{ type: 'campaign.dialed', stream: campaignId, at: now, payload: { customerId, agentId, teamId: team?.team_id ?? null, number, callId } }]);
      return callId;
    });
    // Answered once the router's dial is journalled too (after the commit: the log's head is free then).
    await engine.durable();
    return callId;
  }

  /**
   * Saves the result of the last dial of the customer the agent holds: on the customer's task
   * (retry, callback, next number, done) and in the log; also as the call's disposition. A result
   * that counts as a conversation is refused for a dial nobody picked up.
   */
  async record(agentId: string, saved: SavedDisposition, finishWrapUp = false): Promise<CampaignTask> {
    const now = this.now();
    // How the call went is in the log, read before the transaction holds the task.
    const before = await loadTask(this.store, saved.campaignId, saved.customerId);
    const outcome = before.dial ? await this.outcome(before.dial.callId) : null;
    const result = await this.store.transaction(async (tx) => {
      const campaign = await loadCampaign(tx, saved.campaignId);
      try {
        dispositionOf(campaign.rules, saved.code);
      } catch (err) {
        campaignRefusal(err);
      }
      const { task, dial } = await loadTask(tx, saved.campaignId, saved.customerId);
      if (task.lockedBy !== agentId || !dial) throw refusal('no_dial');
      if (this.engine?.router.call(dial.callId)) throw refusal('on_call');
      const connected = outcome?.callId === dial.callId ? outcome.connected : undefined;
      let next: CampaignTask;
      try {
        next = applyResult(campaign.rules, task, { agentId, code: saved.code, at: now, callbackAt: saved.callbackAt, number: dial.number, connected });
      } catch (err) {
        campaignRefusal(err);
      }
      if (!(await saveTask(tx, saved.campaignId, next, agentId))) throw refusal('not_your_task');
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
      await engine.durable();
    }
    return result.next;
  }

  /** Gives the customer back untouched (skipped before dialling). */
  async release(agentId: string, campaignId: string, customerId: string): Promise<void> {
    await this.store.transaction(async (tx) => {
      const { task, dial } = await loadTask(tx, campaignId, customerId);
      if (task.lockedBy !== agentId) throw refusal('not_your_task');
      if (dial) throw refusal('result_missing');
      if (!(await saveTask(tx, campaignId, releaseTask(task), agentId))) throw refusal('not_your_task');
    });
  }

  /**
   * The agent's dial waiting for its result, if any, with how its call went: whether the customer
   * picked up, and what the line did if not. Read from the log once the router's events are in it.
   */
  async openDial(agentId: string): Promise<AgentDial | null> {
    const dial = await agentOpenDial(this.store, agentId);
    return dial && { ...dial, ...(await this.outcome(dial.callId)) };
  }

  /** How the dial's call went so far, once the router's events are in the log. */
  private async outcome(callId: string): Promise<DialOutcome> {
    await this.log.settled();
    let connected = false;
    let ended = false;
    let lineResult: LineResult | null = null;
    for (const e of await this.log.readStream(callId)) {
      if (e.type === 'call.connected') connected = true;
      if (e.type === 'call.ended') {
        ended = true;
        lineResult = e.payload.lineResult ?? null;
      }
    }
    return { callId, connected, ended, lineResult };
  }
}
