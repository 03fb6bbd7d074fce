/**
 * Calls: lifecycle and domain event types, and the call detail record (CDR) projection.
 *
 * @example
 * const records = callDetailRecords(router.handle(input, now).events);
 * records.get(callId)?.outcome; // 'answered' | 'abandoned' | 'overflowed' | ...
 */
export * from './events';
export { callDetailRecords, foldCallDetailRecord, foldInto, type CallDetailRecord, type CallLeg, type CallPhase } from './cdr';
