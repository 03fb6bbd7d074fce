/**
 * Quality assurance (质检), pure: scoring sheets with sections, weighted items, N/A and fatal items
 * (致命项); scoring an answer sheet; the agent's deadline in working days; seed 004's penalty ladder;
 * calibration (Fleiss' kappa); the QA star (质检明星); sampling plans with the reasons a call was picked;
 * speech rules (禁语, required phrases) on transcripts through a transcription port.
 *
 * @example
 * const problems = answerProblems(form, answers);     // [] when the sheet fits the form
 * const { score, fatal } = scoreEvaluation(form, answers); // 0-100, fatal: a 致命项 failed
 */
export * from './forms';
export * from './scoring';
export * from './ladder';
export * from './calibration';
export * from './star';
export * from './deadline';
export * from './sampling';
export * from './speech';
