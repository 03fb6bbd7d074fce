import { describe, expect, it } from 'vitest';
import { defaultMetricParameters, emptyTally, metricDictionary, metricGroups, metricsInPageOrder, missingInputs, reportColumnIds } from './index';

describe('report columns and missing inputs', () => {
  it('puts every metric in one of the page’s groups, and keeps the default columns in their order', () => {
    expect(metricsInPageOrder.map((m) => m.id).sort()).toEqual(metricDictionary.map((m) => m.id).sort());
    expect(metricsInPageOrder.map((m) => m.group)).toEqual([...metricsInPageOrder.map((m) => m.group)].sort((a, b) => metricGroups.indexOf(a) - metricGroups.indexOf(b)));
    expect(metricsInPageOrder.map((m) => m.id).filter((id) => (reportColumnIds as readonly string[]).includes(id))).toEqual([...reportColumnIds]);
  });

  it('names a missing input instead of "no data": cost until the center sets it, attendance without a published shift, FCR and QA score without answers', () => {
    const worked = { ...emptyTally(), offered: 10, answered: 8, loggedInSeconds: 3600, headcountDays: 1 };
    expect(missingInputs(worked, defaultMetricParameters).sort()).toEqual(['attendanceRate', 'costPerCall', 'firstContactResolution', 'monitoringScore']);
    const complete = { ...worked, scheduledSeconds: 3600, resolutionKnown: 4, qaEvaluations: 1 };
    expect(missingInputs(complete, { ...defaultMetricParameters, costPerAgentHour: 40, periodDays: 1 })).toEqual([]);
    // A quiet interval lacks nothing: it simply has no data.
    expect(missingInputs(emptyTally(), { ...defaultMetricParameters, costPerAgentHour: 40 })).toEqual([]);
    // Agents at work with no staff record: turnover says so, where the row counts people.
    expect(missingInputs({ ...complete, headcountDays: 0 }, { ...defaultMetricParameters, costPerAgentHour: 40, periodDays: 1 })).toEqual(['agentTurnover']);
    for (const id of missingInputs(worked)) expect(metricDictionary.find((m) => m.id === id)!.dataSource.missing).toBeDefined();
  });
});
