import { emptyOutboundTally, type OutboundTally } from '../metrics/index';
import type { Disposition } from './rules';

/** One dial as the campaign recorded it. */
export interface DialRecord {
  /** Epoch ms the agent dialled. */
  startedAt: number;
  talkSeconds: number;
  /** The saved disposition; null until the agent saves one. */
  result: string | null;
  /** Epoch ms the disposition was saved. */
  recordedAt: number | null;
}

/**
 * A dial's contribution to the outbound tally: what its disposition counts as, its talk time,
 * and its work time from the dial to the saved result. A dial without a result counts as a dial only.
 *
 * @example
 * tallyDial(defaultDispositions, { startedAt, talkSeconds: 95, result: 'interested', recordedAt }); // effectiveCalls: 1 …
 */
export function tallyDial(dispositions: readonly Disposition[], dial: DialRecord): OutboundTally {
  const t = emptyOutboundTally();
  t.dials = 1;
  t.talkSeconds = dial.talkSeconds;
  const d = dial.result === null ? undefined : dispositions.find((x) => x.code === dial.result);
  if (dial.recordedAt !== null) t.workSeconds = Math.max(0, Math.round((dial.recordedAt - dial.startedAt) / 1000));
  if (d) {
    t.connects = d.connect ? 1 : 0;
    t.effectiveCalls = d.effective ? 1 : 0;
    t.successes = d.success ? 1 : 0;
    t.refusals = d.refusal ? 1 : 0;
  }
  return t;
}
