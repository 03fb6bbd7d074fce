/**
 * Why a number callers dial cannot reach a queue, as a key under `adminConsole.queues.problems`;
 * null when it can. Accepted: 400/800 numbers, E.164 with its country code, a Chinese landline with
 * its area code, a mobile, and the 95/96 service hotlines — what a carrier delivers as the dialled number.
 *
 * @example
 * inboundNumberProblem('4008001001'); // null
 * inboundNumberProblem('400-800');    // 'invalid'
 */
export function inboundNumberProblem(number: string): 'invalid' | null {
  return inboundPatterns.some((p) => p.test(number)) ? null : 'invalid';
}

const inboundPatterns = [/^[48]00\d{7}$/, /^\+[1-9]\d{6,14}$/, /^0[1-9]\d{8,10}$/, /^1[3-9]\d{9}$/, /^9[56]\d{3,6}$/];

/** A number a call can be forwarded to (呼叫转移): as an inbound number, spaces and dashes allowed. */
export function isForwardNumber(number: string): boolean {
  return inboundNumberProblem(number.replace(/[\s-]/g, '')) === null;
}
