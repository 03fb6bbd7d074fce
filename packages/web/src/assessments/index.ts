/**
 * The monthly assessment (月度考核) in the console: the leader's team sheets and the agent's own.
 *
 * @example
 * <Route path="/assessments" element={<AssessmentsPage />} />
 */
export { assessmentsEn, assessmentsZh } from './messages';
export { AssessmentsPage } from './AssessmentsPage';
