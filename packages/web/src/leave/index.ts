/**
 * Leave (请假) in the console: agents ask, team leaders approve or refuse.
 *
 * @example
 * <Route path="/leave" element={<LeavePage />} />
 */
export { leaveEn, leaveZh } from './messages';
export { LeavePage } from './LeavePage';
