import { dominantTones, readWav } from './hearing';
import type { Phone } from './phone';

/**
 * What the end-to-end voice tests share: the tones each side plays, one run's ports, and waiting
 * for a condition instead of a fixed time. For tests.
 */

/** The caller plays 440 Hz, the agent's phone 660 Hz, the music 1000 Hz: who heard what is told by pitch. */
export const tones = { caller: { hz: 440 }, agent: { hz: 660 }, music: { hz: 1000 } } as const;

/**
 * A block of 100 ports from `base` for one run: Kamailio, the B2BUA and rtpengine's control, the two
 * phones, and the RTP ranges. Tests pick blocks below the ephemeral range (32768 up), where any
 * socket of the machine may take a port.
 */
export function portBlock(base: number) {
  return {
    sip: base,
    b2bua: base + 1,
    ng: base + 2,
    agentSip: base + 10,
    agentControl: base + 12,
    callerSip: base + 20,
    callerControl: base + 22,
    /** A second agent's desk phone (SIP takes the next port too). */
    secondAgentSip: base + 14,
    secondAgentControl: base + 16,
    secondAgentRtp: { min: base + 24, max: base + 29 },
    rtp: { min: base + 30, max: base + 59 },
    agentRtp: { min: base + 60, max: base + 79 },
    callerRtp: { min: base + 80, max: base + 99 },
  };
}

/** Polls until `condition` holds; fails naming `what` after `timeoutMs`, a guard against a hang. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Which of the three tones (or none) carried each second of what a phone recorded. */
export async function heardSeconds(phone: Phone): Promise<(number | null)[]> {
  const heard = await readWav((await phone.heardFile())!);
  return dominantTones(heard.samples, heard.rate, [tones.caller.hz, tones.agent.hz, tones.music.hz]);
}
