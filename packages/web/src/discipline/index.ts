/**
 * 扣分与表扬 in the console: the leader records items from the catalogue, decides contests, accepts
 * the system's proposals, praises and picks the model agent of the week; an agent sees the own
 * points and contests them.
 *
 * @example
 * <Route path="/discipline" element={<DisciplinePage />} />
 */
export { DisciplinePage } from './DisciplinePage';
export { disciplineEn, disciplineZh } from './messages';
