import type { CallDirection } from '../calls/index';
import { emptyCallTally, type Tally } from './tally';

const callFields = Object.keys(emptyCallTally()) as (keyof ReturnType<typeof emptyCallTally>)[];

/**
 * A tally narrowed to one direction of work, for reports filtered by direction. Inbound: the calls
 * and the agent time outside outbound work. Outbound: only the agent time of outbound work and the
 * time agents were available or not ready (no inbound calls, no inbound handling); the outbound
 * figures themselves (dials, connects …) are the outbound dictionary's.
 *
 * @example
 * computeMetrics(byDirection(tally, 'inbound')).talkUtilization;
 */
export function byDirection(tally: Tally, direction: CallDirection): Tally {
  if (direction === 'inbound') return { ...tally, loggedInSeconds: tally.loggedInSeconds - tally.outboundSeconds, outboundSeconds: 0 };
  const outbound = { ...tally };
  for (const f of callFields) outbound[f] = 0;
  outbound.loggedInSeconds = tally.loggedInSeconds - tally.onCallSeconds - tally.afterCallSeconds - tally.ringingSeconds;
  outbound.onCallSeconds = 0;
  outbound.afterCallSeconds = 0;
  outbound.ringingSeconds = 0;
  return outbound;
}
