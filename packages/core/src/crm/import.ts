import { normalizePhone, type PhoneKind } from './phone';

/** The customer fields a file's columns can be mapped to. */
export const customerFields = ['externalId', 'name', 'phone', 'phone2', 'class', 'vipLevel', 'tags', 'owner', 'notes', 'since'] as const;
export type CustomerField = (typeof customerFields)[number];

/** Which column of the file (by its header text) fills which field; unmapped fields stay empty. */
export type ColumnMapping = Partial<Record<CustomerField, string>>;

export type ImportErrorCode =
  | 'missing_name'
  | 'bad_phone'
  | 'duplicate_phone'
  | 'duplicate_external_id'
  | 'phone_taken'
  | 'unknown_class'
  | 'bad_vip_level'
  | 'bad_date'
  | 'unknown_owner'
  | 'too_long';

/** One problem of one row: `row` is the sheet's row number (the header is row 1), `column` the file's header. */
export interface ImportError {
  row: number;
  column: string;
  code: ImportErrorCode;
  /** In English; `params` let the server say it in the user's language (the catalogue in server/http/messages). */
  message: string;
  params?: Record<string, string | number>;
}

/** A valid row, ready to store. */
export interface CustomerRow {
  row: number;
  externalId: string | null;
  name: string;
  phones: { e164: string; kind: PhoneKind }[];
  /** null: the file has no class column or the cell is empty. */
  classCode: string | null;
  vipLevel: number | null;
  tags: string[];
  ownerUserId: string | null;
  notes: string;
  /** Customer since, YYYY-MM-DD. */
  since: string | null;
}

/** A cell as a spreadsheet reader gives it: text, number, date, or a rich value with its text. */
export type CellValue = string | number | boolean | Date | null | undefined | { [key: string]: unknown };

/**
 * The text a person sees in a cell: rich text joined, a formula's result, a hyperlink's text.
 *
 * @example
 * cellText({ richText: [{ text: '张' }, { text: '三' }] }); // '张三'
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if (Array.isArray(value.richText))
      return value.richText
        .map((r: { text?: unknown }) => String(r.text ?? ''))
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return cellText(value.text as CellValue);
    return '';
  }
  return String(value).trim();
}

const synonyms: Record<CustomerField, string[]> = {
  externalId: ['externalid', 'external id', 'id', 'customer id', 'customer no', '客户编号', '客户编码', '编号', '外部编号', '客户id'],
  name: ['name', 'customer', 'customer name', '姓名', '客户名称', '客户姓名', '名称', '客户'],
  phone: ['phone', 'mobile', 'telephone', 'tel', 'phone 1', '电话', '手机', '手机号', '手机号码', '电话号码', '联系电话', '电话1'],
  phone2: ['phone 2', 'phone2', 'other phone', 'landline', '电话2', '座机', '固定电话', '备用电话', '其他电话'],
  class: ['class', 'category', 'type', 'customer class', '类别', '客户类别', '客户分类', '分类', '客户类型'],
  vipLevel: ['vip', 'vip level', 'viplevel', 'vip等级', '会员等级', '等级'],
  tags: ['tags', 'tag', 'labels', '标签'],
  owner: ['owner', 'sales', 'account manager', '负责人', '客户经理', '归属', '业务员'],
  notes: ['notes', 'note', 'remarks', 'comment', '备注', '说明'],
  since: ['since', 'customer since', 'created', 'date', '建档日期', '登记日期', '日期', '入档日期'],
};

/**
 * A first guess at the mapping from the file's headers (Chinese or English), for the user to check.
 *
 * @example
 * suggestMapping(['客户编号', '姓名', '手机']); // { externalId: '客户编号', name: '姓名', phone: '手机' }
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  for (const field of customerFields) {
    const header = headers.find((h) => !used.has(h) && synonyms[field].includes(h.trim().toLowerCase()));
    if (header !== undefined) {
      mapping[field] = header;
      used.add(header);
    }
  }
  return mapping;
}

/** One thing wrong with a column mapping, for the caller to say in the user's words. */
export type MappingProblem =
  | { kind: 'unknown_field'; field: string }
  | { kind: 'no_column'; field: CustomerField; header: string }
  | { kind: 'mapped_twice'; field: CustomerField; header: string; other: CustomerField }
  | { kind: 'no_name' };

/**
 * What is wrong with a mapping for these headers: a column that is not in the file, one column
 * used for two fields, no name column. Empty when it can be used.
 *
 * @example
 * checkMapping({ phone: '手机' }, ['手机']); // [{ kind: 'no_name' }]
 */
export function checkMapping(mapping: ColumnMapping, headers: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const present = new Set(headers);
  const seen = new Map<string, CustomerField>();
  for (const [name, header] of Object.entries(mapping)) {
    if (!(customerFields as readonly string[]).includes(name)) {
      problems.push({ kind: 'unknown_field', field: name });
      continue;
    }
    const field = name as CustomerField;
    const other = seen.get(header);
    if (!present.has(header)) problems.push({ kind: 'no_column', field, header });
    else if (other !== undefined) problems.push({ kind: 'mapped_twice', field, header, other });
    seen.set(header, field);
  }
  if (!mapping.name) problems.push({ kind: 'no_name' });
  return problems;
}

/** `checkMapping`'s problems in English, as the command line says them. */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[]): string[] {
  return checkMapping(mapping, headers).map((p) => {
    if (p.kind === 'unknown_field') return `${p.field}: not a customer field (${customerFields.join(', ')})`;
    if (p.kind === 'no_column') return `${p.field}: the file has no column "${p.header}"`;
    if (p.kind === 'mapped_twice') return `${p.field}: column "${p.header}" is already mapped to ${p.other}`;
    return 'name: map a column to the customer name';
  });
}

/** What rows are checked against: the center's classes and the people who may own customers. */
export interface ImportContext {
  classes: readonly { code: string; nameZh: string; nameEn: string }[];
  /** Username or 工号 (lower case) → user id. */
  owners: ReadonlyMap<string, string>;
}

const limits = { name: 100, externalId: 64, notes: 2000, tag: 32, tags: 20 };

/** A calendar date in the forms people type or Excel stores; null when it is not one. */
export function parseDate(value: CellValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  const text = cellText(value).normalize('NFKC');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Checks the rows of one file in order, one at a time (a file of any size streams through):
 * each row alone, and against the rows before it — the same phone number or external id twice
 * in a file is an error on the later row, naming the first.
 *
 * @example
 * const check = new CustomerRowChecker({ name: '姓名', phone: '手机' }, context);
 * const { customer, errors } = check.row(2, { 姓名: '张三', 手机: '13812345678' });
 */
export class CustomerRowChecker {
  private readonly phones = new Map<string, number>();
  private readonly externalIds = new Map<string, number>();
  private readonly classByLabel = new Map<string, string>();

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly context: ImportContext,
  ) {
    for (const c of context.classes) {
      for (const label of [c.code, c.nameZh, c.nameEn]) this.classByLabel.set(label.trim().toLowerCase(), c.code);
    }
  }

  row(row: number, cells: Readonly<Record<string, CellValue>>): { customer: CustomerRow | null; errors: ImportError[] } {
    const errors: ImportError[] = [];
    const column = (field: CustomerField) => this.mapping[field] ?? field;
    const raw = (field: CustomerField): CellValue => {
      const header = this.mapping[field];
      return header === undefined ? undefined : cells[header];
    };
    const text = (field: CustomerField) => cellText(raw(field));
    const problem = (field: CustomerField, code: ImportErrorCode, message: string, params: Record<string, string | number> = {}) =>
      errors.push({ row, column: column(field), code, message, params });

    const name = text('name');
    if (name === '') problem('name', 'missing_name', 'the customer has no name');
    else if (name.length > limits.name) problem('name', 'too_long', `a name has at most ${limits.name} characters`, { max: limits.name });

    const externalId = text('externalId') || null;
    if (externalId !== null) {
      const first = this.externalIds.get(externalId);
      if (externalId.length > limits.externalId) problem('externalId', 'too_long', `an external id has at most ${limits.externalId} characters`, { max: limits.externalId });
      else if (first !== undefined) problem('externalId', 'duplicate_external_id', `external id ${externalId} is also on row ${first}`, { value: externalId, first });
      else this.externalIds.set(externalId, row);
    }

    const phones: CustomerRow['phones'] = [];
    for (const field of ['phone', 'phone2'] as const) {
      const value = text(field);
      if (value === '') continue;
      const phone = normalizePhone(value);
      if (!phone.ok) {
        problem(field, 'bad_phone', `"${value}": ${phone.message}`, { value, problem: `phone.${phone.problem}` });
        continue;
      }
      const first = this.phones.get(phone.e164);
      if (first !== undefined) {
        problem(field, 'duplicate_phone', `${value} is also on row ${first}`, { value, first });
        continue;
      }
      this.phones.set(phone.e164, row);
      phones.push({ e164: phone.e164, kind: phone.kind });
    }

    const classLabel = text('class');
    const classCode = classLabel === '' ? null : (this.classByLabel.get(classLabel.toLowerCase()) ?? null);
    if (classLabel !== '' && classCode === null) {
      const known = this.context.classes.map((c) => c.nameZh).join('、');
      problem('class', 'unknown_class', `no customer class "${classLabel}" (known: ${known})`, { value: classLabel, known });
    }

    const vipText = text('vipLevel');
    const vipLevel = vipText === '' ? null : Number(vipText);
    if (vipLevel !== null && !(Number.isInteger(vipLevel) && vipLevel >= 0 && vipLevel <= 9)) {
      problem('vipLevel', 'bad_vip_level', `VIP level "${vipText}" is not a whole number from 0 to 9`, { value: vipText });
    }

    const tags = [
      ...new Set(
        text('tags')
          .split(/[,，;；、|]/)
          .map((t) => t.trim())
          .filter((t) => t !== ''),
      ),
    ];
    if (tags.some((t) => t.length > limits.tag) || tags.length > limits.tags) {
      problem('tags', 'too_long', `at most ${limits.tags} tags of at most ${limits.tag} characters each`, { variant: 'tags', tags: limits.tags, tag: limits.tag });
    }

    const ownerText = text('owner');
    const ownerUserId = ownerText === '' ? null : (this.context.owners.get(ownerText.toLowerCase()) ?? null);
    if (ownerText !== '' && ownerUserId === null) problem('owner', 'unknown_owner', `no user with username or 工号 "${ownerText}"`, { value: ownerText });

    const notes = text('notes');
    if (notes.length > limits.notes) problem('notes', 'too_long', `notes have at most ${limits.notes} characters`, { max: limits.notes });

    const sinceRaw = raw('since');
    const since = cellText(sinceRaw) === '' ? null : parseDate(sinceRaw);
    if (cellText(sinceRaw) !== '' && since === null) problem('since', 'bad_date', `"${cellText(sinceRaw)}" is not a date (use 2026-03-31)`, { value: cellText(sinceRaw) });

    if (errors.length > 0) return { customer: null, errors };
    return {
      customer: { row, externalId, name, phones, classCode, vipLevel, tags, ownerUserId, notes, since },
      errors,
    };
  }
}
