/** What the reports, rankings, targets and scorecards answer, in both languages (part of the catalogue, server/http/messages). */
export const reportMessages = {
  // A report's period and rows.
  'reports.range_reversed': { zh: '开始日期不能晚于结束日期', en: 'from must not be after to' },
  'reports.range_long': { zh: '一次最多 366 天', en: 'at most 366 days' },
  'reports.interval_minutes': { zh: '应为 15、30、60 之一', en: 'one of 15, 30, 60' },
  'reports.interval_only': { zh: 'interval：只在 by=interval 时使用', en: 'interval: only with by=interval' },
  'reports.no_columns': { zh: '至少选择一个指标', en: 'choose at least one metric' },
  'reports.unknown_columns': { zh: '没有这个指标：{ids}', en: 'no such metric: {ids}' },
  'reports.row_by_and_key': { zh: 'by 和 key：报表的一行要同时用 by 和 key 指明', en: 'by and key: a report row is named by both' },
  'reports.row_key': { zh: 'key：“{key}”不是按 {by} 分组的行（应为 {format}）', en: 'key: "{key}" does not name a row by {by} ({format})' },
  'reports.row_key.agent': { zh: '座席的编号', en: 'an agent id' },
  'reports.row_key.team': { zh: '班组的编号', en: 'a team id' },
  'reports.row_key.site': { zh: '场地的编号', en: 'a site id' },
  'reports.row_key.queue': { zh: '队列的编号', en: 'a queue id' },
  // Rankings and targets.
  'reports.volume_ranked': {
    zh: 'metric：{metric} 是数量指标，请按越高越好或越低越好的指标排名',
    en: 'metric: {metric} is a volume; rank by a metric that is better higher or lower',
  },
  'reports.target_scope_id': { zh: 'scopeId：{scope}目标要指明是哪个{scope}', en: 'scopeId: a {scope} target names the {scope}' },
  'reports.ratio_target': { zh: 'target：比率的目标在 0 到 1 之间（80% 写作 0.8）', en: 'target: a ratio target is between 0 and 1 (0.8 for 80%)' },
  'reports.no_target': { zh: '找不到目标：{target}', en: 'target {target} not found' },
  'reports.months_reversed': { zh: 'to：起始月份 {from} 晚于结束月份 {to}', en: 'to: from must not be after to' },
  'reports.volume_target': { zh: 'metric：{metric} 是数量指标，没有达标方向', en: 'metric: {metric} is a volume and has no target direction' },
  'reports.no_center_target': {
    zh: 'target：{metric} 还没有中心目标，请先用 PUT /api/v1/targets 设置，或传入 target',
    en: 'target: no center target is set for {metric}; set one with PUT /api/v1/targets or pass target',
  },
  'reports.notes_own_team': { zh: '只能为本班组填写原因和改善计划', en: 'you write reasons and plans for your own team only' },
  // The scorecard.
  'reports.own_scorecard': { zh: '座席只能查看自己的成绩单', en: 'an agent sees only the own scorecard' },
  'reports.agent_not_in_team': { zh: '座席 {agent} 不在你的班组', en: 'agent {agent} is not in your team' },
};
