/** How an item is answered: yes/no gives all or none of its points, a scale whole steps, points any value up to its points. */
export const itemTypes = ['yes_no', 'scale', 'points'] as const;
export type ItemType = (typeof itemTypes)[number];

/** One line of the scoring sheet (监听评分标准). */
export interface FormItem {
  /** Stable within the form across versions, so item statistics follow an item through edits. */
  key: string;
  text: string;
  /** The weight: what a perfect answer earns. */
  points: number;
  type: ItemType;
  /** The item may be answered "not applicable" and then leaves the denominator. */
  allowNA: boolean;
  /** 致命项: failing it zeroes the evaluation, or only its section (the form's `fatalScope`). */
  fatal: boolean;
}

export interface FormSection {
  name: string;
  items: FormItem[];
}

/** What a fatal failure zeroes: the whole evaluation (the usual rule) or only the item's section. */
export type FatalScope = 'evaluation' | 'section';

/** One version of a form: the version an evaluation was scored on stays as it was. */
export interface FormVersion {
  name: string;
  fatalScope: FatalScope;
  sections: FormSection[];
}

/** A problem with a form or an answer sheet, with the item it is about. */
export interface QaProblem {
  code: string;
  message: string;
  key?: string;
}

/** Every item of a form in order, with its section's index. */
export function formItems(form: Pick<FormVersion, 'sections'>): (FormItem & { section: number })[] {
  return form.sections.flatMap((s, section) => s.items.map((item) => ({ ...item, section })));
}

/**
 * The problems of a form before it is saved: no items, duplicate keys, points that are not
 * positive, a scale item without whole points.
 *
 * @example
 * formProblems({ name: '服务质量', fatalScope: 'evaluation', sections: [] }); // [{ code: 'no_items', … }]
 */
export function formProblems(form: FormVersion): QaProblem[] {
  const problems: QaProblem[] = [];
  const items = formItems(form);
  if (!form.name.trim()) problems.push({ code: 'no_name', message: '评分表需要名称' });
  if (items.length === 0) problems.push({ code: 'no_items', message: '评分表至少需要一个评分项' });
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) problems.push({ code: 'duplicate_key', message: `评分项编号 ${item.key} 重复`, key: item.key });
    seen.add(item.key);
    if (!(item.points > 0) || !Number.isFinite(item.points)) problems.push({ code: 'bad_points', message: `评分项 ${item.key} 的分值必须大于 0`, key: item.key });
    if (item.type === 'scale' && !Number.isInteger(item.points)) problems.push({ code: 'bad_points', message: `量表评分项 ${item.key} 的分值必须是整数`, key: item.key });
  }
  return problems;
}
