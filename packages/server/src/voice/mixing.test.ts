import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTone } from './tone';
import { during, heardFor, marks, startPhone, startSwitchFloor, tones, until, type SwitchFloor } from './testing/call-setup';
import { presentTones, readWav } from './testing/hearing';
import type { Phone } from './testing/phone';

const first = '8001';
const second = '8002';
/** The team leader's desk phone: a SIP account, no queue's agent. */
const leader = '9001';
const queueNumber = '4008001001';
const password = 'mixing-pw';
const { caller, agent, music } = tones;
/** 8002 speaks 880 Hz and the team leader 1200 Hz: each voice in a mix is told by its pitch. */
const secondVoice = 880;
const leaderVoice = 1200;
const candidates = [caller.hz, agent.hz, secondVoice, music.hz, leaderVoice];

type Phones = Record<'caller' | 'first' | 'second' | 'leader', Phone>;

/** Which voices each second of what a phone heard carried (several at once in a mix). */
async function voices(phone: Phone): Promise<number[][]> {
  const heard = await readWav((await phone.heardFile())!);
  return presentTones(heard.samples, heard.rate, candidates);
}

/** How many seconds of a phase carried the voice. */
function count(seconds: readonly number[][], hz: number): number {
  return seconds.filter((voices) => voices.includes(hz)).length;
}

describe('conference and supervision over SIP, by ear: the mixer', () => {
  let floor: SwitchFloor;

  beforeAll(async () => {
    floor = await startSwitchFloor({ agents: [first, second], others: [leader], queueNumber, password });
    await writeTone(join(floor.dir, 'agent-8002.wav'), { hz: secondVoice, seconds: 60 });
    await writeTone(join(floor.dir, 'leader.wav'), { hz: leaderVoice, seconds: 60 });
  }, 120_000);

  afterAll(async () => {
    await floor?.close();
  }, 60_000);

  /** The phones of a scenario; 8001 talking with the caller when `run` starts; the caller hangs up after it. */
  async function withCall(name: string, run: (phones: Phones, callId: string) => Promise<void>): Promise<Phones> {
    for (const id of [first, second]) floor.notReady(id);
    const phones: Phones = {
      caller: await startPhone(floor, 'caller', { name: `${name}-caller` }),
      first: await startPhone(floor, 'agent', { name: `${name}-8001`, user: first, password }),
      second: await startPhone(floor, 'secondAgent', { name: `${name}-8002`, user: second, password, voice: join(floor.dir, 'agent-8002.wav') }),
      leader: await startPhone(floor, 'thirdAgent', { name: `${name}-9001`, user: leader, password, voice: join(floor.dir, 'leader.wav') }),
    };
    try {
      const callId = await floor.answered(phones.caller, queueNumber, first, [phones.first, phones.second, phones.leader]);
      await run(phones, callId);
      await floor.hangUp(phones.caller, callId);
    } finally {
      await Promise.all(Object.values(phones).map((p) => p.stop()));
    }
    return phones;
  }

  it('listen: the leader hears both, nobody hears the leader; whisper: 8001 hears the leader, the caller does not; barge: both do', async () => {
    const at: Record<string, number>[] = [];
    const phones = await withCall('monitor', async (p, callId) => {
      const talking = { caller: p.caller, first: p.first, leader: p.leader };
      for (const mode of ['listen', 'whisper', 'barge'] as const) {
        expect(floor.engine.command({ type: 'supervisor.monitor', supervisorId: leader, callId, mode })).toBeNull();
        // The leader's phone rings and answers by itself at the first; later modes change only who hears whom.
        await p.leader.until(async () => (await p.leader.secondsHeard()) > 0, 'hear the call');
        at.push(await marks(talking));
        await heardFor(Object.values(talking), 6, `${mode}: six seconds`);
      }
      at.push(await marks(talking));
      expect(floor.engine.command({ type: 'supervisor.stop_monitor', supervisorId: leader, callId })).toBeNull();
    });
    const heard = { caller: await voices(phones.caller), first: await voices(phones.first), leader: await voices(phones.leader) };
    const phase = (who: keyof typeof heard, i: number) => during(heard[who], at[i]![who]!, at[i + 1]![who]!);
    const show = (seconds: number[][]) => seconds.map((v) => v.join('+') || '_').join(' ');
    console.info(
      `listen, whisper, barge (a phase each, marked |):\n${(['caller', 'first', 'leader'] as const)
        .map((who) => `  ${who} heard ${[0, 1, 2].map((i) => show(phase(who, i))).join(' | ')}`)
        .join('\n')}`,
    );
    const [listen, whisper, barge] = [0, 1, 2];
    // Listen: the leader hears the caller and 8001; neither hears the leader.
    expect(count(phase('leader', listen), caller.hz)).toBeGreaterThanOrEqual(2);
    expect(count(phase('leader', listen), agent.hz)).toBeGreaterThanOrEqual(2);
    expect(count(phase('caller', listen), leaderVoice)).toBe(0);
    expect(count(phase('first', listen), leaderVoice)).toBe(0);
    // Whisper: 8001 hears the leader (and still the caller); the caller does not.
    expect(count(phase('first', whisper), leaderVoice)).toBeGreaterThanOrEqual(2);
    expect(count(phase('first', whisper), caller.hz)).toBeGreaterThanOrEqual(2);
    expect(count(phase('caller', whisper), leaderVoice)).toBe(0);
    expect(count(phase('caller', whisper), agent.hz)).toBeGreaterThanOrEqual(2);
    // Barge: both hear the leader.
    expect(count(phase('caller', barge), leaderVoice)).toBeGreaterThanOrEqual(2);
    expect(count(phase('first', barge), leaderVoice)).toBeGreaterThanOrEqual(2);
    expect(count(phase('leader', barge), caller.hz)).toBeGreaterThanOrEqual(2);
    // Nobody ever hears themself through the mixer.
    expect(count(heard.leader, leaderVoice)).toBe(0);
    expect(count(heard.first, agent.hz)).toBe(0);
    expect(count(heard.caller, caller.hz)).toBe(0);
    expect(floor.errors).toEqual([]);
  }, 240_000);

  it('a conference of three: after consulting 8002, 8001 brings it in; the caller, 8001 and 8002 each hear the two others', async () => {
    const at: Record<string, number>[] = [];
    const phones = await withCall('conference', async (p) => {
      expect(floor.engine.command({ type: 'agent.ready', agentId: second })).toBeNull();
      expect(floor.engine.command({ type: 'agent.consult', agentId: first, targetAgentId: second })).toBeNull();
      await until(() => floor.engine.router.agentState(second)?.status === 'talking', '8002 answers the consultation');
      const three = { caller: p.caller, first: p.first, second: p.second };
      await heardFor(Object.values(three), 2, 'the consultation');
      expect(floor.engine.command({ type: 'agent.conference', agentId: first })).toBeNull();
      at.push(await marks(three));
      await heardFor(Object.values(three), 6, 'six seconds of conference');
      at.push(await marks(three));
    });
    const heard = { caller: await voices(phones.caller), first: await voices(phones.first), second: await voices(phones.second) };
    const phase = (who: keyof typeof heard) => during(heard[who], at[0]![who]!, at[1]![who]!);
    console.info(
      `conference of three:\n${(['caller', 'first', 'second'] as const)
        .map(
          (who) =>
            `  ${who} heard ${phase(who)
              .map((v) => v.join('+') || '_')
              .join(' ')}`,
        )
        .join('\n')}`,
    );
    for (const [who, others, own] of [
      ['caller', [agent.hz, secondVoice], caller.hz],
      ['first', [caller.hz, secondVoice], agent.hz],
      ['second', [caller.hz, agent.hz], secondVoice],
    ] as const) {
      for (const hz of others) expect(count(phase(who), hz), `${who} hears ${hz}`).toBeGreaterThanOrEqual(2);
      expect(count(phase(who), own)).toBe(0);
      expect(count(phase(who), music.hz)).toBe(0);
    }
    for (const id of [first, second]) expect(floor.engine.router.agentState(id)?.status).toBe('wrap_up');
    expect(floor.errors).toEqual([]);
  }, 240_000);
});
