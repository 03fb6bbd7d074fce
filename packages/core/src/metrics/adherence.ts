import { ratio, type MetricDefinition } from './dictionary';

/**
 * Additive counters of schedule adherence (排班遵守), per agent and shift, from the published roster
 * against the agent's states (the reports' quarter-hours). Kept apart from the inbound `Tally`:
 * they need the schedule's breaks and lunch, which the quarter-hours do not know.
 */
export interface AdherenceTally {
  /** The shift's time so far, breaks and lunch included: adherence's denominator. */
  scheduledSeconds: number;
  /** Scheduled time spent as the schedule says: working while on shift, away during a break or lunch. */
  inAdherenceSeconds: number;
  /** The shift's working time so far: the shift less its breaks and lunch. */
  scheduledWorkSeconds: number;
  /** Time worked (logged in and not 未就绪) on the shift's day, inside the shift or not. */
  workedSeconds: number;
}

export const emptyAdherenceTally = (): AdherenceTally => ({ scheduledSeconds: 0, inAdherenceSeconds: 0, scheduledWorkSeconds: 0, workedSeconds: 0 });

const adherenceFields = Object.keys(emptyAdherenceTally()) as (keyof AdherenceTally)[];

/** Adds adherence tallies field by field (into a new tally). */
export function addAdherenceTallies(...tallies: Partial<AdherenceTally>[]): AdherenceTally {
  const sum = emptyAdherenceTally();
  for (const t of tallies) for (const f of adherenceFields) sum[f] += t[f] ?? 0;
  return sum;
}

/** Defined like the inbound metrics, computed from the adherence tally. */
export interface AdherenceMetricDefinition extends Omit<MetricDefinition, 'compute' | 'dataSource' | 'group' | 'lacksInput'> {
  compute(t: AdherenceTally): number | null;
}

const issue = 'issue #15 (workforce management); seed 003 严格按照值班表进行工作';

/**
 * Adherence and conformance per agent and day (or summed over a month or a team), computed once here;
 * docs/metrics.md lists them after the outbound ones.
 *
 * @example
 * computeAdherenceMetrics({ scheduledSeconds: 32_400, inAdherenceSeconds: 29_160, scheduledWorkSeconds: 28_800, workedSeconds: 27_360 }).adherence; // 0.9
 */
export const adherenceMetricDictionary: readonly AdherenceMetricDefinition[] = [
  {
    id: 'adherence',
    zh: '排班遵守率',
    en: 'Schedule adherence',
    unit: 'ratio',
    better: 'higher',
    formula: 'inAdherenceSeconds / scheduledSeconds',
    note: 'Of the published shift’s time (breaks and lunch included), the time the agent did what the schedule said then: logged in and not 未就绪 while on shift (ready, ringing, on a call, wrap-up, outbound), not ready or logged out during a scheduled break or lunch. Time outside the shift is not measured (logging in 10 minutes early, as seed 000 asks, costs nothing). From the quarter-hours: a quarter’s working seconds are taken as spread evenly across it, exact when breaks start and end on the quarter hour as rosters place them.',
    source: issue,
    compute: (t) => ratio(t.inAdherenceSeconds, t.scheduledSeconds),
  },
  {
    id: 'conformance',
    zh: '排班符合率',
    en: 'Schedule conformance',
    unit: 'ratio',
    better: 'higher',
    formula: 'workedSeconds / scheduledWorkSeconds',
    note: 'Time worked (logged in and not 未就绪) on the shift’s day, whenever, against the shift’s working time (the shift less its breaks and lunch): the amount, not the timing. Above 100% with overtime or an early start; 出勤率 is logged-in time against the whole shift.',
    source: issue,
    compute: (t) => ratio(t.workedSeconds, t.scheduledWorkSeconds),
  },
];

/** Every adherence metric's value for a tally; null where nothing was scheduled. */
export function computeAdherenceMetrics(tally: AdherenceTally): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const m of adherenceMetricDictionary) values[m.id] = m.compute(tally);
  return values;
}
