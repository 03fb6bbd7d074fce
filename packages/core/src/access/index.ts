/**
 * Who may see what, in one place: the team scope of each role, which customers, calls and agents'
 * figures a caller may see, and who sees callers' and customers' phone numbers in full — on screen
 * (CRM, wallboard, campaigns) and in the files that leave the system. Everything else asks here.
 *
 * @example
 * const qa: Actor = { userId: 'q1', role: 'qa', teamId: null };
 * teamScope(qa);                                           // { kind: 'all' }
 * showPhone('+8613812345678', seesFullNumbers(qa));        // '138****5678'
 * canSeeCustomer({ userId: 'l1', role: 'team_leader', teamId: 't1' }, 't2'); // false
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { formatPhone } from '../crm/phone';
import type { Actor, Role } from '../org/index';

export type TeamScope = { kind: 'all' } | { kind: 'team'; teamId: string } | { kind: 'none' };

/** Roles that see every team: they run, measure or coach the whole floor. */
const floorRoles: ReadonlySet<Role> = new Set(['qa', 'trainer', 'supervisor', 'manager', 'admin']);

/** A team leader (班组长) acts only on the own team; an agent sees the own team; the floor-wide roles every team. */
export function teamScope(actor: Actor): TeamScope {
  if (floorRoles.has(actor.role)) return { kind: 'all' };
  return actor.teamId ? { kind: 'team', teamId: actor.teamId } : { kind: 'none' };
}

export function canSeeTeam(actor: Actor, teamId: string | null): boolean {
  const scope = teamScope(actor);
  return scope.kind === 'all' || (scope.kind === 'team' && scope.teamId === teamId);
}

/** Customers of no team are everyone's: any caller may see them, as well as those of the own team. */
export function canSeeCustomer(actor: Actor, teamId: string | null): boolean {
  return teamId === null || canSeeTeam(actor, teamId);
}

/** An agent's figures (scorecard, reports): the agent's own, and a team's to those who see the team — but agents see only their own. */
export function canSeeAgentFigures(actor: Actor, agent: { userId: string; teamId: string | null }): boolean {
  if (agent.userId === actor.userId) return true;
  return actor.role !== 'agent' && canSeeTeam(actor, agent.teamId);
}

/** A call as access sees it: the team it was for, and the agents who handled it (or ring for it) with their teams. */
export interface CallScope {
  teamId: string | null;
  agents: readonly { userId: string; teamId: string | null }[];
}

/**
 * A call (its recording, its live row): an agent one they handled; a team leader one for the own
 * team or handled by someone of it; the floor-wide roles every call.
 */
export function canSeeCall(actor: Actor, call: CallScope): boolean {
  if (teamScope(actor).kind === 'all') return true;
  if (actor.role === 'agent') return call.agents.some((a) => a.userId === actor.userId);
  return canSeeTeam(actor, call.teamId) || call.agents.some((a) => canSeeTeam(actor, a.teamId));
}

/**
 * Who may become a customer's owner by this caller's hand: an agent only takes a customer over
 * (itself), a team leader gives it to someone of the own team, the floor-wide roles to anyone.
 */
export function mayMakeCustomerOwner(actor: Actor, owner: { userId: string; teamId: string | null }): boolean {
  if (actor.role === 'agent') return owner.userId === actor.userId;
  return canSeeTeam(actor, owner.teamId);
}

/** A customer's routing priority and place (its VIP level, its class, which carries a level, and its team) are not an agent's to change. */
export const mayChangeCustomerStanding = (actor: Actor | null): boolean => actor === null || actor.role !== 'agent';

/** Agents call customers, team leaders and supervisors coach and step in; QA and trainers work from recordings. */
const fullNumbersOnScreen: ReadonlySet<Role> = new Set(['agent', 'team_leader', 'supervisor', 'manager', 'admin']);
/** A file leaves the system: only those answerable for the whole customer base get the numbers in it. */
const fullNumbersInExports: ReadonlySet<Role> = new Set(['manager', 'admin']);

/** Whether this caller sees full numbers on screen; `null` is the system itself. */
export const seesFullNumbers = (actor: Actor | null): boolean => actor === null || fullNumbersOnScreen.has(actor.role);
/** Whether this caller's exports (Excel, CSV) carry full numbers. */
export const exportsFullNumbers = (actor: Actor | null): boolean => actor === null || fullNumbersInExports.has(actor.role);

/** Digits shown at most at the end of a masked number. */
const TAIL = 4;
/** Digits a masked number always hides, however short the number. */
const HIDDEN = 3;

/**
 * A number for someone who must not see it (QA, trainers, most exports): enough to tell two numbers
 * apart, not enough to call. One rule whatever form the number comes in (E.164, national, with the
 * trunk 0 or 0086, as a switch reports it): Chinese mobiles 138****5678; Chinese landlines keep the
 * area code (010****5678); other countries keep the country code and the last four digits. Numbers
 * without a country code are read as `defaultCountry`'s. At least three digits are always hidden.
 *
 * @example
 * maskPhone('+8613812345678'); // '138****5678'
 * maskPhone('013812345678');   // '138****5678'
 * maskPhone('010-12345678');   // '010****5678'
 * maskPhone('+16502530000');   // '+1 ******0000'
 */
export function maskPhone(number: string, defaultCountry: CountryCode = 'CN'): string {
  const parsed = parsePhoneNumberFromString(number, defaultCountry);
  const digits = parsed ? String(parsed.nationalNumber) : number.replace(/\D/g, '');
  const end = digits.slice(digits.length - Math.min(TAIL, Math.max(0, digits.length - HIDDEN)));
  if (parsed && parsed.countryCallingCode !== '86') {
    return `+${parsed.countryCallingCode} ${'*'.repeat(Math.max(2, digits.length - end.length))}${end}`;
  }
  const head = parsed ? chineseHead(digits) : { kept: 0, written: '' };
  return digits.length - head.kept - end.length >= HIDDEN ? `${head.written}****${end}` : `****${end}`;
}

/** What a Chinese number keeps at its start: a mobile's first three digits, a landline's area code with the trunk 0. */
function chineseHead(national: string): { kept: number; written: string } {
  if (/^1\d{10}$/.test(national)) return { kept: 3, written: national.slice(0, 3) };
  // Area codes: 10 and 2x are two digits (Beijing, Shanghai …), the others three.
  const area = /^(10|2\d)/.test(national) ? national.slice(0, 2) : national.slice(0, 3);
  return { kept: area.length, written: `0${area}` };
}

/**
 * A number as this caller may see it: formatted as read aloud (138 1234 5678), or masked (138****5678).
 *
 * @example
 * showPhone('+8613812345678', seesFullNumbers(actor));
 */
export function showPhone(e164: string, full: boolean): string {
  return full ? formatPhone(e164) : maskPhone(e164);
}

/**
 * One number (a caller's, a ticket's) as this caller may see it: as stored, or masked for roles that
 * work from recordings; none stays none.
 *
 * @example
 * visibleNumber(qaInspector, '13812345678'); // '138****5678'
 */
export function visibleNumber(actor: Actor | null, number: string | null): string | null {
  return number === null || seesFullNumbers(actor) ? number : maskPhone(number);
}

/**
 * A call's numbers as this caller may see them: the caller's (`from`) and the dialled one (`to`,
 * an outbound call's customer) masked for roles that work from recordings. Everything else stays.
 *
 * @example
 * calls.map((call) => withVisibleNumbers(actor, call));
 */
export function withVisibleNumbers<T extends { from: string | null; to?: string | null }>(actor: Actor | null, call: T): T {
  if (seesFullNumbers(actor)) return call;
  const masked = { ...call, from: visibleNumber(actor, call.from) };
  if (call.to !== undefined) masked.to = visibleNumber(actor, call.to);
  return masked;
}
