/**
 * The simulator's traffic: arrival processes, handling-time distributions, recorded volumes.
 *
 * @example
 * const arrivals = poissonArrivals(dayProfile(Date.UTC(2026, 0, 5), 2000, weekdayShares), seededRandom(1));
 */
export { dayProfile, poissonArrivals, type IntervalRate } from './arrivals';
export { sampler, InvalidDistributionError, type Distribution } from './distributions';
export { parseIntervalVolumes, IntervalVolumeError, type IntervalVolume } from './interval-volumes';
export { weekdayShares } from './weekday-profile';
export { SimulatedCenter, type CustomerClass, type OutboundConfig, type RecordedCall, type SimulatedCenterConfig, type SimulatedQueue } from './center';
export { runSimulation } from './run';
export { SimulationTally, simulationFigures, type SimulationFigures } from './summary';
export { simulateSingleQueue, type SingleQueueResult, type SingleQueueScenario } from './single-queue';
export { simulateScenario, type Scenario, type ScenarioAgentGroup, type ScenarioOptions, type ScenarioQueue, type ScenarioQueueFigures, type ScenarioResult } from './scenario';
