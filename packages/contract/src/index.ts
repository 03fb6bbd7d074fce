/**
 * The contract between Banzu's server and its web console: the shapes the HTTP API answers and the
 * live channel sends, declared once. The server annotates what it returns with these types, so a
 * change on one side that the other does not follow is a type error, not a blank field in the
 * browser. Types only, apart from a few value lists the console shows (roles allowed to act,
 * statuses) that the server also validates with.
 *
 * @example
 * import type { CustomerPage, FloorSnapshot } from '@banzu/contract';
 * const page = await api<CustomerPage>('GET', '/api/v1/customers?q=zs');
 */
export type { AgentStatus, CallStatus, PhoneKind, Role } from '@banzu/core';
export * from './crm';
export * from './tickets';
export * from './training';
export type * from './floor';
export type * from './org';
export type * from './reports';
export type * from './voice';
export type * from './qa';
export type * from './qa-log';
export type * from './wfm';
export type * from './attendance';
export * from './briefings';
export type * from './handovers';
export * from './discipline';
export * from './staff';
export type * from './assessments';
