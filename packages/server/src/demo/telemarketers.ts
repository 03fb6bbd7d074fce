import { seededRandom, type Random } from '@banzu/core';
import type { AgentDial, CampaignDesk } from '../campaigns/index';
import type { Floor, FloorEngine } from '../floor/index';
import type { Store } from '../store/index';
import type { DemoSwitch } from './traffic';

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
 * `step` does one round; the demo calls it every few seconds of the floor's clock.
 *
 * @example
 * const telemarketers = new DemoTelemarketers(desk, engine, center, ['agent-8040'], 7);
 * await telemarketers.step();
 */
export class DemoTelemarketers {
  private readonly random: Random;
  private running: Promise<void> | null = null;

  constructor(
    private readonly desk: CampaignDesk,
    private readonly engine: FloorEngine,
    private readonly center: { isSimulated(agentId: string): boolean },
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
    for (const agentId of this.agentIds) {
      if (!this.center.isSimulated(agentId)) continue;
      const state = this.engine.router.agentState(agentId);
      if (!state || state.status === 'logged_out' || state.status === 'ringing' || state.status === 'talking' || state.status === 'on_hold' || state.status === 'dialing') continue;
      try {
        const open = await this.desk.openDial(agentId);
        if (open) {
          // Over once the router has let the call go (after a restart its end may predate the desk).
          if (this.engine.router.call(open.callId)) continue;
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

  private async save(agentId: string, open: AgentDial): Promise<void> {
    const code = open.connected ? this.pick() : (lineResults[open.lineResult ?? 'no_answer'] ?? 'no_answer');
    const now = this.engine.now();
    const callbackAt = code === 'callback' ? now + (60 + this.random.int(90)) * 60_000 : undefined;
    const state = this.engine.router.agentState(agentId);
    await this.desk.record(agentId, { campaignId: open.campaignId, customerId: open.customerId, code, ...(callbackAt ? { callbackAt } : {}) }, state?.status === 'wrap_up');
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
 * telemarketers: logged in, and working their campaigns every few seconds of the floor's clock
 * until the demo stops. A person who logs in as one of them takes over, as on the inbound floor.
 */
export async function startDemoTelemarketers(
  store: Store,
  desk: CampaignDesk,
  floor: Floor,
  simulated: DemoSwitch,
): Promise<{ telemarketers: DemoTelemarketers; stop: () => void }> {
  const { engine, feed } = floor;
  const rows = await store.query<{ id: string }>(
    `SELECT DISTINCT ca.agent_id AS id FROM campaign_agents ca JOIN campaigns c ON c.id = ca.campaign_id
     WHERE c.status = 'running' AND NOT EXISTS (SELECT 1 FROM agent_skills s WHERE s.agent_id = ca.agent_id) ORDER BY id`,
  );
  const agentIds = rows.map((r) => r.id);
  for (const id of agentIds) {
    if (simulated.center.isHuman(id) || simulated.center.isSimulated(id) || engine.router.agentState(id)?.status !== 'logged_out') continue;
    simulated.center.staff(id, engine.now());
    feed.setSimulated(id, true);
  }
  const telemarketers = new DemoTelemarketers(desk, engine, simulated.center, agentIds, 11);
  let cancel = () => {};
  const every = () => {
    void telemarketers.step();
    cancel = simulated.timer.at(engine.now() + roundEveryMs, every);
  };
  cancel = simulated.timer.at(engine.now() + roundEveryMs, every);
  return { telemarketers, stop: () => cancel() };
}

/** How often (floor time) the simulated telemarketers look at their desks. */
const roundEveryMs = 3000;
