import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTone } from './tone';
import { during, heardFor, heardSeconds, marks, phases, startPhone, startSwitchFloor, tones, until, type SwitchFloor } from './testing/call-setup';
import type { Phone } from './testing/phone';

const first = '8001';
const second = '8002';
const queueNumber = '4008001001';
const password = 'transfer-pw';
/** 8002 speaks 880 Hz: the caller (440), 8001 (660), 8002 and the music (1000) are told apart by pitch. */
const secondVoice = 880;
const { caller, agent, music } = tones;
const candidates = [caller.hz, agent.hz, music.hz, secondVoice];

describe('transfers over SIP, by ear: consult (complete and cancel) and blind to a queue', () => {
  let floor: SwitchFloor;

  beforeAll(async () => {
    floor = await startSwitchFloor({ agents: [first, second], queueNumber, password, moreQueues: [{ id: 'aftersales' }] });
    await writeTone(join(floor.dir, 'agent-8002.wav'), { hz: secondVoice, seconds: 60 });
  }, 120_000);

  afterAll(async () => {
    await floor?.close();
  }, 60_000);

  /** Three phones (the caller, 8001, 8002), 8001 talking with the caller; `run` goes on from there, then the caller hangs up. */
  async function withCall(name: string, run: (phones: { caller: Phone; first: Phone; second: Phone }, callId: string) => Promise<void>) {
    for (const id of [first, second]) floor.notReady(id);
    const phones = {
      caller: await startPhone(floor, 'caller', { name: `${name}-caller` }),
      first: await startPhone(floor, 'agent', { name: `${name}-8001`, user: first, password }),
      second: await startPhone(floor, 'secondAgent', { name: `${name}-8002`, user: second, password, voice: join(floor.dir, 'agent-8002.wav') }),
    };
    try {
      const callId = await floor.answered(phones.caller, queueNumber, first, [phones.first, phones.second]);
      await run(phones, callId);
      await floor.hangUp(phones.caller, callId);
    } finally {
      await Promise.all(Object.values(phones).map((p) => p.stop()));
    }
  }

  /** 8001 consults 8002 and they talk six seconds while the caller holds; the marks before and after 8002 answered. */
  async function consult(p: { caller: Phone; first: Phone; second: Phone }): Promise<Record<string, number>[]> {
    const at = [await marks(p)];
    expect(floor.engine.command({ type: 'agent.ready', agentId: second })).toBeNull();
    expect(floor.engine.command({ type: 'agent.consult', agentId: first, targetAgentId: second })).toBeNull();
    await until(() => floor.engine.router.agentState(second)?.status === 'talking', '8002 answers the consultation');
    at.push(await marks(p));
    await heardFor([p.caller, p.first, p.second], 6, '8001 and 8002 talk while the caller holds');
    return at;
  }

  it('consult, then complete: the caller hears music while 8001 and 8002 talk, then talks with 8002; the caller never hears the consultation', async () => {
    let at: Record<string, number>[] = [];
    let phones!: { caller: Phone; first: Phone; second: Phone };
    await withCall('consult', async (p) => {
      phones = p;
      at = await consult(p);
      expect(floor.engine.command({ type: 'agent.complete_transfer', agentId: first })).toBeNull();
      await until(() => floor.engine.router.agentState(first)?.status === 'wrap_up', '8001 leaves');
      at.push(await marks(p));
      await heardFor([p.caller, p.second], 4, 'the caller and 8002 talk');
      at.push(await marks(p));
    });
    const heard = {
      caller: await heardSeconds(phones.caller, candidates),
      first: await heardSeconds(phones.first, candidates),
      second: await heardSeconds(phones.second, candidates),
    };
    console.info(`consult and complete:\n  the caller heard ${heard.caller.join(' ')}\n  8001 heard ${heard.first.join(' ')}\n  8002 heard ${heard.second.join(' ')}`);
    const phase = (who: keyof typeof heard, i: number) => during(heard[who], at[i]![who]!, at[i + 1]![who]!);
    // Consulting: the caller hears the music and nothing of either agent; 8001 and 8002 hear each other.
    expect(phase('caller', 1).filter((hz) => hz === music.hz).length).toBeGreaterThanOrEqual(2);
    expect(phase('caller', 1).filter((hz) => hz === agent.hz || hz === secondVoice)).toEqual([]);
    expect(phase('first', 1).filter((hz) => hz === secondVoice).length).toBeGreaterThanOrEqual(2);
    expect(phase('first', 1).filter((hz) => hz === caller.hz || hz === music.hz)).toEqual([]);
    expect(phase('second', 1).filter((hz) => hz === agent.hz).length).toBeGreaterThanOrEqual(2);
    expect(phase('second', 1).filter((hz) => hz === caller.hz || hz === music.hz)).toEqual([]);
    // After: the caller and 8002 talk.
    expect(phase('caller', 2).filter((hz) => hz === secondVoice).length).toBeGreaterThanOrEqual(2);
    expect(phase('second', 2).filter((hz) => hz === caller.hz).length).toBeGreaterThanOrEqual(2);
    // In order: 8001, the music, 8002 (a moment of music may come first, while 8001's phone answered).
    expect(phases(heard.caller.filter((hz) => hz !== null)).filter((hz, i) => i > 0 || hz !== music.hz)).toEqual([agent.hz, music.hz, secondVoice]);
    expect(phases(heard.second.filter((hz) => hz !== null))).toEqual([agent.hz, caller.hz]);
    expect(floor.errors).toEqual([]);
  }, 240_000);

  it('consult, then cancel: the caller hears music, then 8001 again; 8002 heard only 8001', async () => {
    let at: Record<string, number>[] = [];
    let phones!: { caller: Phone; first: Phone; second: Phone };
    await withCall('cancel', async (p) => {
      phones = p;
      at = await consult(p);
      expect(floor.engine.command({ type: 'agent.cancel_consult', agentId: first })).toBeNull();
      at.push(await marks(p));
      await heardFor([p.caller, p.first], 4, 'the caller and 8001 talk again');
      at.push(await marks(p));
    });
    const heard = {
      caller: await heardSeconds(phones.caller, candidates),
      first: await heardSeconds(phones.first, candidates),
      second: await heardSeconds(phones.second, candidates),
    };
    console.info(`consult and cancel:\n  the caller heard ${heard.caller.join(' ')}\n  8001 heard ${heard.first.join(' ')}\n  8002 heard ${heard.second.join(' ')}`);
    const phase = (who: keyof typeof heard, i: number) => during(heard[who], at[i]![who]!, at[i + 1]![who]!);
    expect(phase('caller', 1).filter((hz) => hz === agent.hz || hz === secondVoice)).toEqual([]);
    expect(phase('first', 1).filter((hz) => hz === secondVoice).length).toBeGreaterThanOrEqual(2);
    expect(phase('caller', 2).filter((hz) => hz === agent.hz).length).toBeGreaterThanOrEqual(2);
    expect(phase('first', 2).filter((hz) => hz === caller.hz).length).toBeGreaterThanOrEqual(2);
    expect(phases(heard.caller.filter((hz) => hz !== null)).filter((hz, i) => i > 0 || hz !== music.hz)).toEqual([agent.hz, music.hz, agent.hz]);
    // 8002 was in the consultation only: 8001's voice, never the caller's.
    expect(heard.second.filter((hz) => hz === caller.hz)).toEqual([]);
    expect(floor.engine.router.agentState(second)?.status).toBe('ready');
    expect(floor.errors).toEqual([]);
  }, 240_000);

  it('blind transfer to a queue: the caller hears 8001, the music while queued again, then 8002', async () => {
    let phones!: { caller: Phone; first: Phone; second: Phone };
    let queuedAgain = 0;
    await withCall('to-queue', async (p) => {
      phones = p;
      expect(floor.engine.command({ type: 'agent.transfer', agentId: first, to: { queueId: 'aftersales' } })).toBeNull();
      await until(() => floor.engine.router.agentState(first)?.status === 'wrap_up', '8001 leaves');
      // Queued again: the queue's announcement (when it has one), then the music.
      const from = await p.caller.secondsHeard();
      await until(
        async () => (await heardSeconds(p.caller, candidates)).slice(Math.ceil(from)).filter((hz) => hz === music.hz).length >= 3,
        'the caller hears the music in the other queue',
      );
      queuedAgain = (await p.caller.secondsHeard()) - from;
      expect(floor.engine.command({ type: 'agent.ready', agentId: second })).toBeNull();
      await until(() => floor.engine.router.agentState(second)?.status === 'talking', '8002 answers');
      await heardFor([p.caller, p.second], 4, 'the caller and 8002 talk');
    });
    const heard = await heardSeconds(phones.caller, candidates);
    console.info(`blind transfer to a queue: the caller heard ${heard.join(' ')} (${queuedAgain.toFixed(1)} s queued again)`);
    expect(phases(heard.filter((hz) => hz !== null)).filter((hz, i) => i > 0 || hz !== music.hz)).toEqual([agent.hz, music.hz, secondVoice]);
    expect(heard.filter((hz) => hz === music.hz).length).toBeGreaterThanOrEqual(3);
    expect(heard.filter((hz) => hz === secondVoice).length).toBeGreaterThanOrEqual(2);
    expect((await heardSeconds(phones.second, candidates)).filter((hz) => hz === caller.hz).length).toBeGreaterThanOrEqual(2);
    expect(floor.errors).toEqual([]);
  }, 240_000);
});
