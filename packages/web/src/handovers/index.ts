/**
 * 交接班 in the console: the handover with seed 000's five items pre-filled from what is open, handed
 * to a named leader who acknowledges, closing the shift, the log; and the system fault log.
 *
 * @example
 * <Route path="/handovers" element={<HandoversPage />} />
 */
export { HandoversPage } from './HandoversPage';
export { handoversEn, handoversZh } from './messages';
