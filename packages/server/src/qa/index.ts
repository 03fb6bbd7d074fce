/**
 * Quality assurance (质检) on the server: scoring sheets with versions, evaluations of recorded calls
 * with the agent's signature or dispute, sampling, library, coaching, stars, report, calibration and
 * speech rules on transcripts (docs/qa.md). The rules are core's (`packages/core/src/qa`); scores
 * reach the reports' 监听分值 through `qa.*` events in the log.
 *
 * @example
 * await app.register(qaPlugin);
 * await transcribeCalls(store, recogniser, recordingsDir(config), yesterdaysCallIds); // a nightly job with a local model
 */
export { qaPlugin } from './routes';
export { qaReport } from './insights';
export { transcribeCalls } from './speech';
