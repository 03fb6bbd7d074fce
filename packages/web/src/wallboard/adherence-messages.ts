/** The wallboard's schedule-adherence texts, merged into the console's catalogs under `adherence`. */
export const adherenceZh = {
  title: '排班遵守',
  none: '当前所有人都按排班在岗',
  noSchedule: '今天没有已发布的班次',
  out: '未遵守排班',
  late: '迟到 {{minutes}} 分钟',
  since: '已 {{duration}}',
  activities: { on_shift: '应在岗', break: '应休息', off: '非班次时间' },
  breakNamed: '应{{name}}',
};

export const adherenceEn: typeof adherenceZh = {
  title: 'Schedule adherence',
  none: 'Everyone is where the schedule says',
  noSchedule: 'No published shifts today',
  out: 'Out of adherence',
  late: 'Late {{minutes}} min',
  since: 'for {{duration}}',
  activities: { on_shift: 'Scheduled: on shift', break: 'Scheduled: break', off: 'Off schedule' },
  breakNamed: 'Scheduled: {{name}}',
};
