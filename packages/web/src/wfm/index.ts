/**
 * Workforce management in the console: the team leader's forecast and month of shifts, and the agent's
 * own schedule (on its page and on the desk).
 *
 * @example
 * <Route path="/wfm" element={<WfmPage />} />
 */
export { wfmEn, wfmZh } from './messages';
export { MyShiftCard } from './MyShiftCard';
export { WfmPage } from './WfmPage';
