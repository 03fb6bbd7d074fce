export interface TargetRow {
  /** The team, queue or agent, as the reader knows it. */
  name: string;
  /** One value per period in order; null where there is no data. */
  values: (number | null)[];
}

export interface TargetCell {
  value: number | null;
  met: boolean | null;
}

export interface TargetTable {
  periods: string[];
  rows: { name: string; cells: TargetCell[] }[];
  narrative: { zh: string; en: string };
}

const met = (value: number | null, target: number, better: 'higher' | 'lower') => (value === null ? null : better === 'higher' ? value >= target : value <= target);

/** Consecutive periods ending with the last one for which `test` holds. */
function streak(cells: TargetCell[], test: (c: TargetCell) => boolean): number {
  let n = 0;
  for (let i = cells.length - 1; i >= 0 && test(cells[i]!); i--) n++;
  return n;
}

const zhCount = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const zhNumber = (n: number) => zhCount[n] ?? String(n);
const enNumber = (n: number) => ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'][n] ?? String(n);

/**
 * The seed 002 report: groups × periods against a target, with the outcome said in words
 * ("4 of 6 teams met the target; team 6 met it four months running; team 4 missed it three
 * months running"), in Chinese and English, about the last period.
 *
 * @example
 * targetTable([{ name: '一组', values: [0.82, 0.79] }], ['2026-01', '2026-02'], { target: 0.8, better: 'higher', metric: { zh: '服务水平', en: 'service level' } });
 */
export function targetTable(
  rows: readonly TargetRow[],
  periods: readonly string[],
  goal: { target: number; better: 'higher' | 'lower'; metric: { zh: string; en: string }; unit?: { zh: string; en: string } },
): TargetTable {
  const table = rows.map((r) => ({ name: r.name, cells: r.values.map((value) => ({ value, met: met(value, goal.target, goal.better) })) }));
  const last = periods.length - 1;
  const unit = goal.unit ?? { zh: '月', en: 'month' };
  const zh: string[] = [];
  const en: string[] = [];
  if (last < 0 || table.length === 0) {
    return { periods: [...periods], rows: table, narrative: { zh: '本期没有数据。', en: 'There is no data for the period.' } };
  }
  const withData = table.filter((r) => r.cells[last]?.met !== null);
  const meeting = withData.filter((r) => r.cells[last]!.met);
  zh.push(`${periods[last]}：${withData.length} 个组中有 ${meeting.length} 个组${goal.metric.zh}达标`);
  en.push(`${periods[last]}: ${meeting.length} of ${withData.length} groups met the target for ${goal.metric.en}`);
  for (const r of table) {
    const good = streak(r.cells, (c) => c.met === true);
    const bad = streak(r.cells, (c) => c.met === false);
    if (good >= 2) {
      zh.push(`${r.name}连续${zhNumber(good)}个${unit.zh}达标`);
      en.push(`${r.name} met it ${enNumber(good)} ${unit.en}s running`);
    } else if (bad >= 2) {
      zh.push(`${r.name}连续${zhNumber(bad)}个${unit.zh}未达标`);
      en.push(`${r.name} missed it ${enNumber(bad)} ${unit.en}s running`);
    }
  }
  return { periods: [...periods], rows: table, narrative: { zh: `${zh.join('；')}。`, en: `${en.join('; ')}.` } };
}
