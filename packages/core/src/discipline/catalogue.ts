/** What a rule is about, for the leader's list and the month's breakdown. */
export const disciplineCategories = ['安全', '现场秩序', '着装仪表', '环境卫生', '通讯与私事', '公共财物', '工作纪律', '系统状态', '考勤'] as const;
export type DisciplineCategory = (typeof disciplineCategories)[number];

/** One rule of the catalogue (扣分细则): its code, the rule as written, the points it deducts each time. */
export interface DisciplineRule {
  code: string;
  text: string;
  /** Points deducted each time (每次扣分). */
  points: number;
  category: DisciplineCategory;
  /** Where the rule and its points come from. */
  source: string;
  /** Deducted only after a warning went unheeded (经警告无效). */
  afterWarning: boolean;
  /** The center switches rules off rather than deleting them: recorded items keep their rule. */
  active: boolean;
}

const siteRules = '种子000《呼叫中心工作现场管理规定》第一章';
const floorRules = '种子000《呼叫中心话务员管理制度》现场管理制度';

const rule = (code: string, text: string, points: number, category: DisciplineCategory, source: string, afterWarning = false): DisciplineRule => ({
  code,
  text,
  points,
  category,
  source,
  afterWarning,
  active: true,
});

/**
 * The default catalogue: the thirteen rules of seed 000's 工作现场管理规定 with their points as
 * written, three point rules of its 现场管理制度 (the not-ready one is what the system proposes from
 * agent states), late login against the published roster, which the seeds name (seed 003:
 * 按时上班,不迟到) without points: 2, as the seeds' usual deduction, for the center to change; and
 * seed 004's QA fine (经济扣罚 for a repeated fatal error), without points in the seed: 5.
 */
export const defaultDisciplineCatalogue: readonly DisciplineRule[] = [
  rule('XC-01', '在机房楼其他区域抽烟', 2, '安全', siteRules),
  rule('XC-02', '非现场人员擅自进入话房,或管理人员进入话房未登记、值班长未佩带标识', 2, '现场秩序', siteRules),
  rule('XC-03', '在工作区内打闹、嬉笑、喧哗、攀谈等影响工作', 2, '现场秩序', siteRules, true),
  rule('XC-04', '二人以上的工作交流未改在班前会议室等不影响他人的场所(扣发起者)', 2, '现场秩序', siteRules),
  rule('XC-05', '非上班时间无工作需要留在工作区内', 2, '现场秩序', siteRules),
  rule('XC-06', '未按指定路线进出工作区域,或三两结对同行', 2, '现场秩序', siteRules),
  rule('XC-07', '未穿指定工作服、工作鞋,未佩带工号牌或出入证,佩带奇异首饰或使用奇异颜色的妆容', 2, '着装仪表', siteRules, true),
  rule('XC-08', '在工作区内乱扔垃圾纸屑、泼水,或用纯净水洗漱杯子', 2, '环境卫生', siteRules),
  rule('XC-09', '将书刊、食品等带入工作区,通信工具未关机,或用座席拨打私人电话', 3, '通讯与私事', siteRules),
  rule('XC-10', '服装穿着不规范,仰靠椅背、伏于桌面、脚搁桌柜等不文明坐姿,或在话务大厅内化妆', 2, '着装仪表', siteRules),
  rule('XC-11', '未经同意拆装终端或设备,敲打键盘、鼠标、话机,或私自用电', 3, '公共财物', siteRules),
  rule('XC-12', '随意更换座席、椅子、计算机、键盘、鼠标等,或未经同意外带公用物品(较严重违纪)', 10, '公共财物', siteRules),
  rule('XC-13', '小休室椅子未摆放整齐、报刊未放回原处,或剩水倒入植物中', 1, '环境卫生', siteRules),
  rule('GL-02', '上与工作无关的网站或无故占线', 10, '工作纪律', floorRules),
  rule('GL-04', '抽查中工作服未穿完整或工作牌未戴', 1, '着装仪表', floorRules),
  rule('GL-05', '离开座席时未在系统选择相应状态(示忙无原因),下班未退出系统等', 2, '系统状态', floorRules),
  rule('KQ-01', '迟到:首次登录晚于已发布班表的上班时间(超过宽限时间)', 2, '考勤', '种子003 考勤办法(按时上班,不迟到);分值为本系统默认'),
  rule('QA-01', '质检致命项屡犯,按质检处理阶梯经济扣罚', 5, '工作纪律', '种子004 质检扣罚种类(再犯同样错误直接扣罚);分值为本系统默认'),
];

/** The rule a QA fine (the penalty ladder's 经济扣罚 step) is booked under, unless the leader picks another. */
export const qaFineRule = 'QA-01';

/** What the system proposes from its own data, and the rule each proposal is an item of. */
export const proposalRules = {
  /** A not-ready the agent did not choose a reason for: a call rang out at the desk (未接来电) or no reason at all. */
  not_ready_without_reason: 'GL-05',
  /** The first login of a published shift later than its start plus the grace period. */
  late_login: 'KQ-01',
} as const;
export type ProposalKind = keyof typeof proposalRules;
