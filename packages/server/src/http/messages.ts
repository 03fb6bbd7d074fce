import { exportLanguage, type ExportLanguage } from '../spreadsheet/index';

/** A message in both of the console's languages; `{name}` stands for a parameter. */
type Message = { zh: string; en: string };

/**
 * What the user reads for a refusal or a problem, by its stable code: desk refusals (the router's
 * and the agent state table's codes) and customer import problems. A code not listed keeps the
 * message it was raised with.
 */
const catalogue: Record<string, Message> = {
  // The desktop: the router refused what the agent asked for.
  unknown_call: { zh: '这通电话已不存在', en: 'that call no longer exists' },
  unknown_agent: { zh: '没有这个座席', en: 'no such agent' },
  unknown_queue: { zh: '没有这个队列', en: 'no such queue' },
  duplicate_call: { zh: '这通电话已在处理中', en: 'that call is already being handled' },
  invalid_vip_level: { zh: 'VIP 等级应为 0 到 9', en: 'the VIP level is 0 to 9' },
  not_on_call: { zh: '你当前不在这通电话上', en: 'you are not on that call' },
  invalid_call_state: { zh: '当前通话状态下不能这样操作', en: 'not possible in the call’s current state' },
  agent_not_ready: { zh: '对方座席不是空闲状态', en: 'that agent is not ready' },
  no_agent_ready: { zh: '该队列暂无空闲座席可咨询', en: 'no agent of that queue is ready to consult' },
  agent_on_call: { zh: '座席正在通话中', en: 'the agent is on a call' },
  transfer_needs_queue: {
    zh: '这通电话没有所属队列，对方不接听时无处可转，请转到队列',
    en: 'this call has no queue to return to if the agent does not answer: transfer it to a queue',
  },
  not_monitoring: { zh: '你没有在监听这通电话', en: 'you are not monitoring that call' },
  disposition_required: { zh: '请先保存本次通话的处理结果，才能置闲', en: 'save the disposition of the call before going ready' },
  invalid_transition: { zh: '当前状态下不能切换到该状态', en: 'that state change is not possible from the current state' },
  unknown_reason: { zh: '没有这个示忙原因', en: 'no such not-ready reason' },
  wrap_up_limit: { zh: '事后处理已延长到上限', en: 'wrap-up has been extended as far as it can be' },
  not_in_wrap_up: { zh: '只有事后处理中才能延长', en: 'only wrap-up can be extended' },
  // Customer import: one problem of one row.
  'import.missing_name': { zh: '客户没有姓名', en: 'the customer has no name' },
  'import.too_long': { zh: '最多 {max} 个字符', en: 'at most {max} characters' },
  'import.too_long.tags': { zh: '最多 {tags} 个标签，每个最多 {tag} 个字符', en: 'at most {tags} tags of at most {tag} characters each' },
  'import.duplicate_external_id': { zh: '客户编号 {value} 与第 {first} 行重复', en: 'external id {value} is also on row {first}' },
  'import.bad_phone': { zh: '“{value}”：{problem}', en: '"{value}": {problem}' },
  'import.duplicate_phone': { zh: '{value} 与第 {first} 行重复', en: '{value} is also on row {first}' },
  'import.phone_taken': { zh: '{value} 已属于客户 {who}', en: '{value} already belongs to customer {who}' },
  'import.unknown_class': { zh: '没有客户类别“{value}”（可用：{known}）', en: 'no customer class "{value}" (known: {known})' },
  'import.bad_vip_level': { zh: 'VIP 等级“{value}”不是 0 到 9 的整数', en: 'VIP level "{value}" is not a whole number from 0 to 9' },
  'import.bad_date': { zh: '“{value}”不是日期（请写成 2026-03-31）', en: '"{value}" is not a date (use 2026-03-31)' },
  'import.unknown_owner': { zh: '没有用户名或工号为“{value}”的用户', en: 'no user with username or 工号 "{value}"' },
  // What is wrong with a phone number (in bad_phone's {problem}).
  'phone.empty': { zh: '没有电话号码', en: 'no phone number' },
  'phone.not_a_number': { zh: '不是电话号码', en: 'not a phone number' },
  'phone.too_short': { zh: '位数太少', en: 'too few digits for a phone number' },
  'phone.too_long': { zh: '位数太多', en: 'too many digits for a phone number' },
  'phone.invalid_country': { zh: '未知的国家代码', en: 'unknown country code' },
  'phone.invalid': { zh: '不是有效号码（号段或位数不对）', en: 'not a valid number in its country (wrong prefix or length)' },
};

/** The language the user reads the answer in: the console's `?lang=` or Accept-Language, Chinese unless English is asked for. */
export const userLanguage = exportLanguage;
export type UserLanguage = ExportLanguage;

/**
 * The catalogued message for `key` in `language` with its parameters filled in (a parameter that
 * names a problem, like a phone number's, is that problem's message); null when not catalogued.
 *
 * @example
 * message('import.duplicate_phone', 'zh', { value: '13800138000', first: 3 }); // '13800138000 与第 3 行重复'
 * message('disposition_required', 'en'); // 'save the disposition of the call before going ready'
 */
export function message(key: string, language: UserLanguage, params: Record<string, string | number> = {}): string | null {
  const entry = catalogue[key];
  if (!entry) return null;
  return entry[language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return name === 'problem' ? (message(String(value), language) ?? String(value)) : String(value);
  });
}

/**
 * An import problem as the user reads it: from its code and parameters when it has them (problems
 * stored before they carried parameters keep the words they were written with).
 *
 * @example
 * importProblem({ code: 'missing_name', message: 'the customer has no name', params: {} }, 'zh'); // '客户没有姓名'
 */
export function importProblem(problem: { code: string; message: string; params?: Record<string, string | number> }, language: UserLanguage): string {
  if (!problem.params) return problem.message;
  const variant = typeof problem.params.variant === 'string' ? `.${problem.params.variant}` : '';
  return message(`import.${problem.code}${variant}`, language, problem.params) ?? problem.message;
}
