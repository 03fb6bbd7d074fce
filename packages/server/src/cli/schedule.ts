import { readFile } from 'node:fs/promises';
import { CalendarInputError, parseLocalDateTime, type IntervalRequirement, type ScheduleResult, type ShiftTemplate, WfmInputError } from '@banzu/core';
import { numberCell, readCsvFile, WfmFileError } from '../wfm/csv';
import { solveCovering } from '../wfm/solver';
import { numberFlag, parseFlags, requiredFlag, said, UsageError, type Command } from './command';

async function readRequirements(file: string): Promise<IntervalRequirement[]> {
  const rows = await readCsvFile(file, ['start', 'agents']);
  return rows.map(({ row, cells }) => {
    try {
      parseLocalDateTime(cells.start!);
    } catch (err) {
      if (err instanceof CalendarInputError) throw new WfmFileError(said('cli.file.cell', { file, row, column: 'start', detail: err.message }));
      throw err;
    }
    const agents = numberCell(file, row, 'agents', cells.agents!);
    if (!Number.isInteger(agents)) throw new WfmFileError(said('cli.schedule.agents_whole', { file, row, value: cells.agents! }));
    return { start: cells.start!, agents };
  });
}

/** The shifts file: {"shifts":[{"name","start":"HH:MM","end":"HH:MM","cost"?}]}; the model checks each shift's times and cost. */
async function readShifts(file: string): Promise<ShiftTemplate[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new WfmFileError(code ? said('cli.file.unreadable', { file, code }) : said('cli.schedule.not_json', { file, detail: (err as Error).message }));
  }
  const shifts = (value as { shifts?: unknown } | null)?.shifts;
  if (!Array.isArray(shifts) || shifts.some((s) => typeof s !== 'object' || s === null)) {
    throw new WfmFileError(said('cli.schedule.shifts_shape', { file }));
  }
  return shifts as ShiftTemplate[];
}

function describe(result: ScheduleResult): string {
  if (result.status === 'infeasible') return ['无可行排班 infeasible', ...(result.reasons ?? []).map((r) => `  ${r}`)].join('\n');
  const days = new Map<string, string[]>();
  for (const a of result.assignments) days.set(a.day, [...(days.get(a.day) ?? []), `${a.shift} ×${a.agents}`]);
  const short = result.coverage.filter((c) => c.scheduled < c.required).length;
  const surplus = result.coverage.reduce((sum, c) => sum + Math.max(0, c.scheduled - c.required), 0);
  return [
    `状态 status                ${result.status === 'optimal' ? 'optimal 最优' : 'time_limit 超时 (best found)'}`,
    `总成本 cost                ${result.objective}`,
    ...[...days].map(([day, shifts]) => `  ${day}  ${shifts.join(', ')}`),
    `覆盖 coverage              ${result.coverage.length} intervals, ${short} short, ${surplus} agent-intervals above the requirement`,
  ].join('\n');
}

export const scheduleCommand: Command = {
  name: 'schedule',
  summary: [
    'Least-cost shifts covering every interval: integer agents per shift template per day, solved with HiGHS (set covering).',
    'The requirements CSV has start (local date-time of the interval) and agents; the shifts JSON is',
    '{"shifts":[{"name","start":"HH:MM","end":"HH:MM","cost"?}]} (a shift may cross midnight; cost defaults to its hours).',
    'A shift covers an interval it spans whole. Infeasible when an interval needing agents has no shift covering it (named).',
  ].join('\n'),
  usage: 'banzu schedule --requirements <file.csv> --shifts <file.json> [--time-limit <s>] [--json]',
  async run(argv) {
    const { values } = parseFlags(argv, { requirements: { type: 'string' }, shifts: { type: 'string' }, 'time-limit': { type: 'string' }, json: { type: 'boolean' } });
    if (!values.requirements) throw new UsageError(requiredFlag('requirements'));
    if (!values.shifts) throw new UsageError(requiredFlag('shifts'));
    const timeLimit = numberFlag('time-limit', values['time-limit'], { min: 1, max: 3600 }) ?? 60;
    let result: ScheduleResult;
    try {
      result = await solveCovering(await readRequirements(values.requirements), await readShifts(values.shifts), timeLimit);
    } catch (err) {
      if (err instanceof WfmFileError) throw new UsageError(err.message);
      if (err instanceof WfmInputError) throw new UsageError(err.message);
      throw err;
    }
    console.log(values.json ? JSON.stringify(result) : describe(result));
    // Infeasible is an answer, not a failure: the status and reasons say it.
    return 0;
  },
};
