import { systemNotReadyReasons } from '../agents/index';
import type { WorkingWindow } from '../calendar/index';
import { DEFAULT_GRACE_MINUTES } from '../wfm/attendance';

/**
 * The center's settings that shape its figures and its desktops: the service-level variant, the
 * cost of an agent hour, the window of a repeat call, the dispositions, not-ready reasons and
 * wallboard alert thresholds. Stored as a partial object; what is absent takes the default here.
 */

/**
 * How service level is counted. The field uses several definitions; the center picks one and every
 * report names it:
 * - `offered` (Banzu's default): answered within the threshold over the calls offered;
 * - `answered_abandoned` (Genesys): answered within the threshold over answered + abandoned calls;
 * - `abandon_met` (Amazon Connect): answered or abandoned within the threshold, over the calls queued (offered less
 *   those blocked on arrival, which never queued).
 */
export type ServiceLevelVariant = 'offered' | 'answered_abandoned' | 'abandon_met';

export interface ServiceLevelSetting {
  variant: ServiceLevelVariant;
  /** Leave abandons within the queue's short-abandon threshold out of the denominator. */
  excludeShortAbandons: boolean;
}

/**
 * What makes a later call from the same number a repeat of an answered one, for first-contact
 * resolution (一次性解决问题的呼叫率: "a repeat call … on the same topic"):
 * - `queue` (the default): it entered the same queue first, the line of business the caller chose (售前, 售后, 投诉 …);
 * - `disposition`: its wrap-up saved the same disposition, for centers whose dispositions name topics (咨询, 报修 …);
 * - `any`: any call from the number, whatever it was about.
 */
export const repeatCallTopics = ['queue', 'disposition', 'any'] as const;
export type RepeatCallTopic = (typeof repeatCallTopics)[number];

export interface CallDisposition {
  code: string;
  zh: string;
  en: string;
}

/** A 示忙 reason with its names, as the desktop, the wallboard and the reports show it. */
export interface NotReadyReason {
  code: string;
  zh: string;
  en: string;
}

/** Seconds after which the wallboard marks an agent or a waiting caller. */
export interface AlertThresholds {
  notReadySeconds: number;
  wrapUpSeconds: number;
  ringingSeconds: number;
  waitSeconds: number;
  /** A call talked or held longer than this (长通话) alerts the leader: a stuck call or a caller the agent cannot end with. */
  callSeconds: number;
}

export interface CenterSettings {
  serviceLevel: ServiceLevelSetting;
  /** An abandon within this many seconds of arrival is a short abandon (wrong number, misdial), for calls counted from the change on. */
  shortAbandonSeconds: number;
  /** Fully loaded cost of one logged-in agent hour, in the center's currency; null until the center sets it. */
  costPerAgentHour: number | null;
  /** Overheads (rent, systems, management) as a share on top of the agent cost: 0.3 adds 30%. */
  overheadRate: number;
  /** A call from the same number within this many hours after an answered call makes that call not a first-contact resolution. */
  repeatCallWindowHours: number;
  /** Which of those calls count: on the same topic (queue or disposition), or any. */
  repeatCallTopic: RepeatCallTopic;
  dispositions: CallDisposition[];
  /**
   * Not-ready (示忙) reasons with their names: those an agent may pick, and the system's own
   * (未接来电), which only the router sets; the center may rename those but not remove them.
   */
  notReadyReasons: NotReadyReason[];
  alertThresholds: AlertThresholds;
  /** QA may live-monitor (实时监听); whispering to the agent or barging in only when the center allows it. */
  qaMayWhisperAndBarge: boolean;
  /**
   * Calls whose disposition must be saved before the agent goes ready after them: the wrap-up goes
   * on past its time, and ready is refused, until it is. Outbound is off: a campaign dial has its own result form.
   */
  dispositionRequired: { inbound: boolean; outbound: boolean };
  /** 考勤: a login this many minutes after a shift's start is still on time (and a logout as much before its end); seed 003's 5 by default. */
  attendanceGraceMinutes: number;
  /**
   * 后台办公时间: the hours the back office that handles tickets works on a working day of the center
   * calendar, which working-time SLAs count. Not the opening hours of the phones: a hotline open
   * around the clock still passes its tickets to departments that work office hours. 09:00-18:00 by default.
   */
  officeHours: WorkingWindow[];
}

export const defaultCenterSettings: CenterSettings = {
  serviceLevel: { variant: 'offered', excludeShortAbandons: false },
  shortAbandonSeconds: 5,
  costPerAgentHour: null,
  overheadRate: 0,
  repeatCallWindowHours: 48,
  repeatCallTopic: 'queue',
  dispositions: [
    { code: 'inquiry', zh: '咨询', en: 'Inquiry' },
    { code: 'order', zh: '下单', en: 'Order' },
    { code: 'repair', zh: '报修', en: 'Repair' },
    { code: 'complaint', zh: '投诉', en: 'Complaint' },
    { code: 'resolved', zh: '已解决', en: 'Resolved' },
    { code: 'follow_up', zh: '需跟进', en: 'Follow-up needed' },
  ],
  notReadyReasons: [
    { code: 'break', zh: '小休', en: 'Break' },
    { code: 'meal', zh: '用餐', en: 'Meal' },
    { code: 'training', zh: '培训', en: 'Training' },
    { code: 'meeting', zh: '会议', en: 'Meeting' },
    { code: 'coaching', zh: '辅导', en: 'Coaching' },
    { code: 'restroom', zh: '如厕', en: 'Restroom' },
    { code: 'no_answer', zh: '未接来电', en: 'Missed call' },
  ],
  alertThresholds: { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60, callSeconds: 1200 },
  qaMayWhisperAndBarge: false,
  dispositionRequired: { inbound: true, outbound: false },
  attendanceGraceMinutes: DEFAULT_GRACE_MINUTES,
  officeHours: [{ start: '09:00', end: '18:00' }],
};

/**
 * The codes of the reasons an agent may pick, for the router: the center's list without the system's own.
 *
 * @example
 * pickableNotReadyReasons(defaultCenterSettings); // ['break', 'meal', …], no 'no_answer'
 */
export function pickableNotReadyReasons(settings: Pick<CenterSettings, 'notReadyReasons'>): string[] {
  return settings.notReadyReasons.map((r) => r.code).filter((code) => !systemNotReadyReasons.has(code));
}

/** The names of the service-level variants, as reports and exports print them. */
export const serviceLevelVariantNames: Record<ServiceLevelVariant, { zh: string; en: string }> = {
  offered: { zh: '阈值内接听 / 呼入', en: 'answered within threshold / offered' },
  answered_abandoned: { zh: '阈值内接听 / (接听 + 放弃)', en: 'answered within threshold / (answered + abandoned)' },
  abandon_met: { zh: '(阈值内接听 + 阈值内放弃) / 进入队列的呼入', en: '(answered + abandoned within threshold) / queued' },
};

/**
 * The variant as one line for a report or an export, with the short-abandon switch.
 *
 * @example
 * serviceLevelLabel({ variant: 'offered', excludeShortAbandons: true }).zh; // '服务水平口径：阈值内接听 / 呼入，不计短时放弃'
 */
export function serviceLevelLabel(setting: ServiceLevelSetting): { zh: string; en: string } {
  const name = serviceLevelVariantNames[setting.variant];
  return {
    zh: `服务水平口径：${name.zh}${setting.excludeShortAbandons ? '，不计短时放弃' : ''}`,
    en: `Service level: ${name.en}${setting.excludeShortAbandons ? ', short abandons excluded' : ''}`,
  };
}

/**
 * The stored settings over the defaults: each absent key takes its default, nested objects key by key.
 *
 * @example
 * centerSettings({ repeatCallWindowHours: 24 }).serviceLevel.variant; // 'offered'
 */
export function centerSettings(stored: Partial<CenterSettings> | null | undefined): CenterSettings {
  const s = stored ?? {};
  return {
    ...defaultCenterSettings,
    ...s,
    serviceLevel: { ...defaultCenterSettings.serviceLevel, ...s.serviceLevel },
    alertThresholds: { ...defaultCenterSettings.alertThresholds, ...s.alertThresholds },
    dispositionRequired: { ...defaultCenterSettings.dispositionRequired, ...s.dispositionRequired },
  };
}
