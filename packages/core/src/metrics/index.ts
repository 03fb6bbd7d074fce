/**
 * The metric dictionary and the tallies it computes from.
 *
 * @example
 * const tally = addTallies(tallyCall(call, { serviceLevelSeconds: 20, shortAbandonSeconds: 5 }), agentTime);
 * computeMetrics(tally).serviceLevel;
 */
export { addTallies, emptyTally, tallyFields, type AgentTimeTally, type CallTally, type QualityTally, type Tally } from './tally';
export { addCallTally, tallyCall, type CallFacts, type TalliedOutcome, type Thresholds } from './call-facts';
export { factsFromRecord, offeredOutcomes, type CallFactsAt, type CallFactsSource } from './from-record';
export { agentTimeField, staysOutbound } from './agent-time';
export { byDirection } from './direction';
export {
  computeMetrics,
  defaultMetricParameters,
  metric,
  metricDictionary,
  metricGroups,
  metricsInPageOrder,
  metricsInReportOrder,
  missingInputs,
  reportColumnIds,
  type MetricDefinition,
  type MetricGroup,
  type MissingInput,
  type MetricParameters,
  type MetricUnit,
} from './dictionary';
export {
  addOutboundTallies,
  computeOutboundMetrics,
  emptyOutboundTally,
  outboundMetricDictionary,
  type OutboundMetricDefinition,
  type OutboundTally,
} from './outbound';
export {
  addAdherenceTallies,
  adherenceMetricDictionary,
  computeAdherenceMetrics,
  emptyAdherenceTally,
  type AdherenceMetricDefinition,
  type AdherenceTally,
} from './adherence';
export {
  addTicketTallies,
  computeTicketMetrics,
  emptyTicketTally,
  ticketMetricDictionary,
  type TicketMetricDefinition,
  type TicketMetricParameters,
  type TicketMetricUnit,
  type TicketTally,
} from './tickets';
export { renderMetricsMarkdown } from './docs';
