/** 中心设置 texts, merged into the console's catalogs under `centerSettings`. */
export const centerSettingsZh = {
  tab: '中心设置',
  serviceLevel: '服务水平口径',
  variants: { offered: '阈值内接听 / 呼入（默认）', answered_abandoned: '阈值内接听 / (接听 + 放弃)', abandon_met: '(阈值内接听 + 阈值内放弃) / 呼入' },
  excludeShortAbandons: '不计短时放弃',
  shortAbandonSeconds: '短时放弃阈值（秒，此后接入的来电按此计）',
  costPerAgentHour: '座席每小时成本',
  overheadRate: '管理费用比例',
  repeatCallWindowHours: '重复来电时限（小时）',
  qaMayWhisperAndBarge: '质检员可耳语、强插',
  dispositionRequired: { inbound: '呼入通话须先保存处理结果才能置闲', outbound: '外呼通话须先保存处理结果才能置闲' },
  dispositions: '处理结果（每行：代码,中文,English）',
  notReadyReasons: '示忙原因（逗号分隔）',
  thresholds: {
    notReadySeconds: '示忙告警（秒）',
    wrapUpSeconds: '事后处理告警（秒）',
    ringingSeconds: '振铃告警（秒）',
    waitSeconds: '排队告警（秒）',
    callSeconds: '长通话告警（秒）',
  },
  attendanceGraceMinutes: '迟到宽限（分钟，上班后此时间内登录不算迟到）',
  save: '保存设置',
  saved: '设置已保存',
};

export type CenterSettingsMessages = typeof centerSettingsZh;

export const centerSettingsEn: CenterSettingsMessages = {
  tab: 'Center settings',
  serviceLevel: 'Service level variant',
  variants: {
    offered: 'answered within threshold / offered (default)',
    answered_abandoned: 'answered within threshold / (answered + abandoned)',
    abandon_met: '(answered + abandoned within threshold) / offered',
  },
  excludeShortAbandons: 'Leave out short abandons',
  shortAbandonSeconds: 'Short-abandon threshold (s, for calls from now on)',
  costPerAgentHour: 'Cost per agent hour',
  overheadRate: 'Overhead rate',
  repeatCallWindowHours: 'Repeat-call window (hours)',
  qaMayWhisperAndBarge: 'QA may whisper and barge',
  dispositionRequired: { inbound: 'Inbound calls: disposition required before ready', outbound: 'Outbound calls: disposition required before ready' },
  dispositions: 'Dispositions (one per line: code,中文,English)',
  notReadyReasons: 'Not-ready reasons (comma-separated)',
  thresholds: {
    notReadySeconds: 'Not-ready alert (s)',
    wrapUpSeconds: 'Wrap-up alert (s)',
    ringingSeconds: 'Ringing alert (s)',
    waitSeconds: 'Waiting alert (s)',
    callSeconds: 'Long-call alert (s)',
  },
  attendanceGraceMinutes: 'Lateness grace period (min after the shift starts)',
  save: 'Save settings',
  saved: 'Settings saved',
};
