/**
 * Reading the figures: peak windows, rankings with their top and bottom bands, the
 * groups-against-target table with its narrative, and the agent's scorecard.
 *
 * @example
 * targetTable(rows, months, { target: 0.8, better: 'higher', metric: { zh: '服务水平', en: 'service level' } }).narrative.zh;
 */
export { peakWindows, type PeakWindow } from './peaks';
export { rank, type Ranked } from './ranking';
export { targetTable, type TargetCell, type TargetRow, type TargetTable } from './targets';
export { scorecard, type MetricTarget, type ScorecardInput, type ScorecardLine } from './scorecard';
