/**
 * 班前会/班后会 in the console: the leader's page (the prepared agenda, goal, publishing,
 * attendance, confirmations, debrief problems) and the agent's card on the desktop.
 *
 * @example
 * <Route path="/briefings" element={<BriefingsPage />} />
 * <BriefingCard date={centerDate(now, floor.timeZone)} />
 */
export { BriefingCard } from './BriefingCard';
export { BriefingsPage } from './BriefingsPage';
export { briefingsEn, briefingsZh } from './messages';
