/**
 * Workforce management in the console: the team leader's month of shifts and the agent's own schedule.
 *
 * @example
 * <Route path="/wfm" element={<WfmPage />} />
 */
export { wfmEn, wfmZh } from './messages';
export { WfmPage } from './WfmPage';
