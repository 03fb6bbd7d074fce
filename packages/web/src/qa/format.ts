/** A score as shown: one decimal. */
export const showScore = (score: number | null | undefined) => (score === null || score === undefined ? '—' : score.toFixed(1));
