/**
 * Quality assurance (质检) on the server: scoring sheets with versions, evaluations of recorded calls
 * with the agent's acknowledgement or dispute, the center's QA settings. The rules are core's
 * (`packages/core/src/qa`); scores reach the reports' 监听分值 through `qa.*` events in the log.
 *
 * @example
 * await app.register(qaPlugin);
 */
export { qaPlugin } from './routes';
export { createForm, loadForm, loadQaSettings, defaultQaSettings } from './forms';
export { scoreCall, listEvaluations, type QaContext } from './evaluations';
