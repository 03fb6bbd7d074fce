import { formatPhone, maskPhone, teamScope, type Actor, type Role } from '@banzu/core';

/**
 * Who may do what with customers (docs/crm.md, "Access"). Reading is open to every role within
 * its team scope; the number itself only to those who call or supervise calls.
 */
export const customerWriters: readonly Role[] = ['agent', 'team_leader', 'supervisor', 'manager', 'admin'];
export const customerDeleters: readonly Role[] = ['manager', 'admin'];
export const customerImporters: readonly Role[] = ['supervisor', 'manager', 'admin'];
export const customerExporters: readonly Role[] = ['team_leader', 'supervisor', 'manager', 'admin'];
export const auditReaders: readonly Role[] = ['manager', 'admin'];
export const classAdmins: readonly Role[] = ['manager', 'admin'];

/** Agents call customers, team leaders and supervisors coach and step in; QA and trainers work from recordings. */
const fullNumbers: ReadonlySet<Role> = new Set(['agent', 'team_leader', 'supervisor', 'manager', 'admin']);
/** A file leaves the system: only those answerable for the whole customer base get the numbers in it. */
const fullNumbersInExports: ReadonlySet<Role> = new Set(['manager', 'admin']);

export const seesFullNumbers = (actor: Actor | null) => actor === null || fullNumbers.has(actor.role);
export const exportsFullNumbers = (actor: Actor | null) => actor === null || fullNumbersInExports.has(actor.role);

/** A number as this caller may see it: formatted (138 1234 5678), or masked (138****5678). */
export function showPhone(e164: string, full: boolean): string {
  return full ? formatPhone(e164) : maskPhone(e164);
}

/**
 * The SQL condition for the customers a caller may see: a team leader's and an agent's own team's
 * and those of no team; the floor-wide roles all. Appends its parameter to `params`.
 */
export function scopeCondition(actor: Actor | null, column: string, params: unknown[]): string {
  if (actor === null) return 'true';
  const scope = teamScope(actor);
  if (scope.kind === 'all') return 'true';
  if (scope.kind === 'none') return `${column} IS NULL`;
  params.push(scope.teamId);
  return `(${column} IS NULL OR ${column} = $${params.length})`;
}

export function canSeeCustomer(actor: Actor, teamId: string | null): boolean {
  const scope = teamScope(actor);
  return scope.kind === 'all' || teamId === null || (scope.kind === 'team' && scope.teamId === teamId);
}
