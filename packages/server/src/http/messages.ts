import type { Role } from '@banzu/core';
import { accessMessages } from '../access/messages';
import { assessmentMessages } from '../assessments/messages';
import { authMessages } from '../auth/messages';
import { briefingMessages } from '../briefings/messages';
import { campaignMessages } from '../campaigns/messages';
import { crmMessages } from '../crm/messages';
import { disciplineMessages } from '../discipline/messages';
import { handoverMessages } from '../handovers/messages';
import { kbMessages } from '../kb/messages';
import { cliMessages } from '../cli/messages';
import { orgMessages } from '../org/messages';
import { qaMessages } from '../qa/messages';
import { recordingMessages } from '../recordings/messages';
import { reportMessages } from '../reports/messages';
import { sipMessages } from '../sip-accounts/messages';
import { staffMessages } from '../staff/messages';
import { ticketMessages } from '../tickets/messages';
import { trainingMessages } from '../training/messages';
import { wfmMessages } from '../wfm/messages';
import { exportLanguage, type ExportLanguage } from '../spreadsheet/index';

/** A message in both of the console's languages; `{name}` stands for a parameter. */
type Message = { zh: string; en: string };

/** What fills a message's `{name}`s: a value as it is, or other words of the catalogue (one, or a list) said in the same language. */
export type Params = Record<string, string | number | Wording | Wording[]>;

/** Words of the catalogue not yet said: its key and parameters, said in the user's language when the answer is sent. */
export type Wording = { key: string; params: Params };

/** What a request can name that may not exist, said in `not_found`'s `{thing}`. */
const things = {
  'thing.customer': { zh: '客户', en: 'customer' },
  'thing.customer_class': { zh: '客户类别', en: 'customer class' },
  'thing.import': { zh: '导入任务', en: 'import' },
  'thing.service_record': { zh: '服务记录', en: 'service record' },
  'thing.visit': { zh: '拜访记录', en: 'visit record' },
  'thing.user': { zh: '用户', en: 'user' },
  'thing.agent': { zh: '座席', en: 'agent' },
  'thing.team': { zh: '班组', en: 'team' },
  'thing.skill': { zh: '技能', en: 'skill' },
  'thing.queue': { zh: '队列', en: 'queue' },
  'thing.center': { zh: '呼叫中心', en: 'call center' },
  'thing.site': { zh: '场地', en: 'site' },
  'thing.campaign': { zh: '外呼任务', en: 'campaign' },
  'thing.briefing': { zh: '班前会', en: 'briefing' },
  'thing.debrief_problem': { zh: '班后会问题', en: 'debrief problem' },
  'thing.rubric': { zh: '评分模板', en: 'rubric' },
  'thing.interview': { zh: '面试', en: 'interview' },
  'thing.course': { zh: '课程', en: 'course' },
  'thing.exam': { zh: '考试', en: 'exam' },
  'thing.handover': { zh: '交接班记录', en: 'handover' },
  'thing.fault': { zh: '故障记录', en: 'fault' },
  'thing.discipline_point': { zh: '扣分记录', en: 'penalty item' },
  'thing.proposal': { zh: '系统建议', en: 'proposal' },
  'thing.swap': { zh: '换班申请', en: 'swap request' },
  'thing.leave': { zh: '请假记录', en: 'leave' },
  'thing.overtime': { zh: '加班记录', en: 'overtime record' },
  'thing.availability': { zh: '不可上班时间', en: 'unavailable time' },
} satisfies Record<string, Message>;
type Thing = keyof typeof things extends `thing.${infer T}` ? T : never;

/** The roles' names, as the console shows them. */
const roleNames = {
  'role.agent': { zh: '座席', en: 'agent' },
  'role.team_leader': { zh: '班组长', en: 'team leader' },
  'role.qa': { zh: '质检员', en: 'QA analyst' },
  'role.trainer': { zh: '培训师', en: 'trainer' },
  'role.supervisor': { zh: '值班长', en: 'duty supervisor' },
  'role.manager': { zh: '运营经理', en: 'operations manager' },
  'role.admin': { zh: '系统管理员', en: 'administrator' },
} satisfies Record<string, Message>;

/**
 * What the user reads for a refusal or a problem, by its stable code: desk refusals (the router's
 * and the agent state table's codes) and customer import problems. A code not listed keeps the
 * message it was raised with.
 */
const catalogue = {
  // Signing in, and answers every route can give.
  unauthorized: { zh: '请先登录', en: 'log in first' },
  role_forbidden: { zh: '你的角色不能进行这项操作', en: 'your role may not do this' },
  role_forbidden_route: { zh: '{role}不能使用 {route}', en: 'the {role} role may not call {route}' },
  not_found: { zh: '找不到{thing}', en: '{thing} not found' },
  'not_found.id': { zh: '找不到{thing}：{id}', en: '{thing} {id} not found' },
  invalid_credentials: { zh: '用户名或密码错误', en: 'wrong username or password' },
  session_expired: { zh: '登录已过期，请重新登录', en: 'your session has expired; log in again' },
  no_route: { zh: '没有这个接口：{route}', en: 'no route {route}' },
  internal: { zh: '服务器内部错误，详情见服务器日志', en: 'internal error; the server log has the details' },
  nul_character: { zh: '{part} 不能包含 NUL 字符 (\\u0000)', en: '{part} cannot contain a NUL character (\\u0000)' },
  store_unavailable: { zh: '数据库暂时无法连接，请稍后重试', en: 'the database cannot be reached right now: try again shortly' },
  // What PostgreSQL refused in what the caller sent (by its error code).
  'pg.23505': { zh: '已有相同的唯一值记录', en: 'a record with the same unique value exists' },
  'pg.23503': { zh: '该记录被其他记录引用，或引用了不存在的记录', en: 'the record is referenced by, or references, another record' },
  'pg.23514': { zh: '有值超出允许范围', en: 'a value is outside its allowed range' },
  'pg.22P02': { zh: '有值的格式不对', en: 'a value has the wrong format' },
  'pg.22007': { zh: '日期或时间格式不对', en: 'a date or time has the wrong format' },
  'pg.22008': { zh: '日期或时间超出范围', en: 'a date or time is out of range' },
  'pg.22003': { zh: '数字超出范围', en: 'a number is out of range' },
  'pg.22001': { zh: '文字太长', en: 'a text is too long' },
  'pg.22021': { zh: '文字含有无法保存的字符', en: 'a text contains a character that cannot be stored' },
  'pg.22P05': { zh: '文字含有无法保存的字符', en: 'a text contains a character that cannot be stored' },
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
  // The desktop and the floor: what the HTTP routes refuse before the router is asked.
  'desk.reason_needed': { zh: '示忙需要选择一个原因', en: 'a not-ready state needs a reason' },
  'desk.system_reason': {
    zh: '未接来电由系统在来电无人接听时设置，不能手动选择',
    en: 'missed call is set by the system when a call rings out unanswered: it cannot be picked by hand',
  },
  'desk.nothing_ringing': { zh: '当前没有呼入你的来电', en: 'no call is ringing for you' },
  'desk.consult_to_agent': { zh: '咨询转接只能转给座席，转到队列请用直接转接', en: 'a consult transfer goes to an agent; transfer to a queue directly' },
  'desk.not_an_agent': { zh: '你的账号不是座席，不能使用座席工作台', en: 'your account is no agent: the desktop is for agents' },
  'desk.unknown_agent': { zh: '没有这个座席', en: 'no such agent' },
  'desk.agent_not_in_team': { zh: '该座席不在你的班组', en: 'that agent is not on your team' },
  'desk.unknown_live_call': { zh: '这通电话已结束或不存在', en: 'that call has ended or does not exist' },
  'desk.call_not_in_team': { zh: '这通电话不属于你的班组', en: 'that call is not your team’s' },
  'desk.qa_listen_only': { zh: '质检员只能监听；耳语和强插需要中心设置允许', en: 'QA may listen only; whisper and barge need the center’s permission' },
  // The campaign desk (外呼); {detail} names what was wrong where there is more to say.
  'campaign.not_running': { zh: '该外呼任务未在进行中', en: 'the campaign is not running' },
  'campaign.not_running.named': { zh: '外呼任务“{detail}”未在进行中', en: 'the campaign {detail} is not running' },
  'campaign.outside_hours': { zh: '现在不在该外呼任务的拨打时段内', en: 'it is outside the campaign’s calling hours' },
  'campaign.not_your_task': { zh: '该客户不在您手上，请先点“下一个客户”', en: 'this customer is not yours: press “Next customer” first' },
  'campaign.task_closed': { zh: '该客户已拨满允许的次数', en: 'this customer has been dialled as often as allowed' },
  'campaign.not_dialable': { zh: '该客户的号码都在免打扰名单上', en: 'every number of this customer is on the do-not-call list' },
  'campaign.on_call': { zh: '通话还没有结束，请先挂断', en: 'the call has not ended: hang up first' },
  'campaign.result_missing': { zh: '请先保存上一次拨打的结果', en: 'save the result of the last dial first' },
  'campaign.no_dial': { zh: '请先拨打该客户，再保存结果', en: 'dial this customer before saving a result' },
  'campaign.not_connected': {
    zh: '客户没有接通，不能保存需要通话的结果（如预约回访），请选择无人接听、占线或空号停机',
    en: 'the customer did not pick up: a result that needs a conversation (a callback) cannot be saved; choose no answer, busy or invalid number',
  },
  'campaign.callback_time_needed': { zh: '预约回访需要一个晚于现在的回访时间', en: 'a callback needs a time later than now' },
  'campaign.unknown_disposition': { zh: '该外呼任务没有这个结果', en: 'the campaign has no such result' },
  'campaign.unknown_disposition.named': { zh: '该外呼任务没有这个结果：{detail}', en: 'the campaign has no such result: {detail}' },
  'campaign.task_taken': { zh: '该客户正由其他座席处理', en: 'another agent is handling this customer' },
  'campaign.invalid_rules': { zh: '外呼任务的规则有误', en: 'the campaign’s rules are wrong' },
  'campaign.no_floor': { zh: '本服务器没有运行话务，无法拨打', en: 'no live floor runs on this server: nothing can be dialled' },
  // 系统管理 › 队列.
  'queue.overflow_into_disabled': { zh: '队列“{queue}”已停用，不能把来电溢出到该队列', en: 'the queue {queue} is out of service: calls cannot overflow into it' },
  'queue.disable_overflow_source': {
    zh: '队列“{queue}”的溢出规则会把来电转到这里，请先修改该队列再停用',
    en: 'the queue {queue} overflows calls into this one: change it before taking this queue out of service',
  },
  'queue.unknown_members': { zh: '没有这些座席：{agents}', en: 'no such agent: {agents}' },
  'queue.number_taken': { zh: '号码已接入其他队列：{numbers}', en: 'a number already reaches another queue: {numbers}' },
  'queue.delete_overflow_source': {
    zh: '队列“{queue}”的溢出规则会把来电转到这里，请先修改该队列再删除',
    en: 'the queue {queue} overflows calls into this one: change it before deleting this queue',
  },
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
  // The things a request can name that may not exist (in not_found's {thing}).
  ...things,
  ...roleNames,
  ...accessMessages,
  ...assessmentMessages,
  ...authMessages,
  ...briefingMessages,
  ...campaignMessages,
  ...crmMessages,
  ...disciplineMessages,
  ...handoverMessages,
  ...kbMessages,
  ...cliMessages,
  ...orgMessages,
  ...qaMessages,
  ...recordingMessages,
  ...reportMessages,
  ...sipMessages,
  ...staffMessages,
  ...ticketMessages,
  ...trainingMessages,
  ...wfmMessages,
} satisfies Record<string, Message>;

/** A key of the catalogue. */
export type MessageKey = keyof typeof catalogue;

/**
 * Words of the catalogue for an error to carry: the user reads them in their language.
 *
 * @example
 * throw new ConflictError(words('crm.class_exists', { code: 'vip' }));
 */
export const words = (key: MessageKey, params: Params = {}): Wording => ({ key, params });

/** A role's name, said in the user's language (座席, 班组长 …). */
export const roleName = (role: Role): Wording => words(`role.${role}`);

/**
 * "找不到客户：…" / "customer … not found": `thing` is what the request named (from the things'
 * catalogue), `id` the value it was named by.
 *
 * @example
 * throw new NotFoundError(missing('customer', id));
 */
export const missing = (thing: Thing, id?: string | number): Wording =>
  id === undefined ? words('not_found', { thing: words(`thing.${thing}`) }) : words('not_found.id', { thing: words(`thing.${thing}`), id });

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
export function message(key: string, language: UserLanguage, params: Params = {}): string | null {
  const entry = (catalogue as Record<string, Message>)[key];
  if (!entry) return null;
  return entry[language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (Array.isArray(value)) return value.map((w) => said(w, language)).join(language === 'zh' ? '；' : '; ');
    if (typeof value === 'object') return said(value, language);
    return name === 'problem' ? (message(String(value), language) ?? String(value)) : String(value);
  });
}

/**
 * Words of the catalogue said in `language`.
 *
 * @example
 * said(words('password.too_short', { min: 8 }), 'zh'); // '密码至少需要 8 个字符'
 */
export const said = (wording: Wording, language: UserLanguage): string => message(wording.key, language, wording.params) ?? wording.key;

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
