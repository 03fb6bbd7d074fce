/**
 * Training and exams (培训考试) in the console: the agent's exams, the trainer's courses, exam editor,
 * publishing, results with pass rates per cohort, and the month's scores with their Excel export.
 *
 * @example
 * <Route path="/training" element={<TrainingPage />} />
 */
export { trainingEn, trainingZh } from './messages';
export { TrainingPage } from './TrainingPage';
