/**
 * 交接班 (shift handover), pure: seed 000's five items (交情况、交设备、交工具、交质量、交记录), written for
 * the outgoing leader from what is still open — tickets and callbacks near their deadline, agents absent
 * or late, system faults not yet over, QA disputes waiting, an unusual call volume — and the rules of the
 * log: only the named incoming leader acknowledges, a shift closes only after a handover he acknowledged
 * ("未正式交接班前，交班者不得擅离岗位").
 *
 * @example
 * const volume = volumeStanding(320, [190, 210, 200]);           // { today: 320, usual: 200, change: 0.6, unusual: true }
 * const items = prefillHandover({ ...nothingOpen, volume }, { timeZone: 'Asia/Shanghai', now, language: 'zh-CN' });
 * items.situation; // '来电量异常：今日截至 14:00 共 320 通，比近 3 周同一工作日同期平均 200 通多 60%'
 * shiftCloseRefusal(null, 'zh-CN'); // '本班次还没有写交接班记录，不能结束本班次'
 */
import { localParts } from '../time/index';

export const handoverItems = ['situation', 'equipment', 'tools', 'quality', 'records'] as const;
export type HandoverItem = (typeof handoverItems)[number];

/** The five items as seed 000 names them. */
export const handoverItemNames: Record<HandoverItem, { zh: string; en: string }> = {
  situation: { zh: '交情况', en: 'Situation' },
  equipment: { zh: '交设备', en: 'Equipment' },
  tools: { zh: '交工具', en: 'Tools' },
  quality: { zh: '交质量', en: 'Quality' },
  records: { zh: '交记录', en: 'Records' },
};

/** What failed: the system (software, lines), a piece of equipment (a PC, a headset), or a tool of the work (the knowledge base, a script). */
export const faultKinds = ['system', 'equipment', 'tool'] as const;
export type FaultKind = (typeof faultKinds)[number];
export const faultKindNames: Record<FaultKind, { zh: string; en: string }> = {
  system: { zh: '系统', en: 'System' },
  equipment: { zh: '设备', en: 'Equipment' },
  tool: { zh: '工具', en: 'Tool' },
};

export type HandoverLanguage = 'zh-CN' | 'en';

/** Today's calls against the same weekday of recent weeks, up to the same time of day. */
export interface VolumeStanding {
  today: number;
  /** The mean of the earlier weeks; null without any. */
  usual: number | null;
  /** (today − usual) / usual; null without a usual volume. */
  change: number | null;
  unusual: boolean;
  /** How many earlier weeks the usual volume is the mean of. */
  weeks: number;
}

/** A volume differs this much from the usual one before a leader must hear of it. */
export const UNUSUAL_VOLUME_SHARE = 0.3;
/** …and by at least this many calls: at 6 in the morning 4 calls instead of 2 is not news. */
export const UNUSUAL_VOLUME_CALLS = 20;

/**
 * Is today's volume unusual? `earlier` holds the volumes of the same weekday in earlier weeks up to
 * the same time of day (weeks without any calls left out by the caller).
 */
export function volumeStanding(today: number, earlier: readonly number[], share = UNUSUAL_VOLUME_SHARE): VolumeStanding {
  if (earlier.length === 0) return { today, usual: null, change: null, unusual: false, weeks: 0 };
  const usual = earlier.reduce((sum, n) => sum + n, 0) / earlier.length;
  const change = usual > 0 ? (today - usual) / usual : null;
  const unusual = Math.abs(today - usual) >= UNUSUAL_VOLUME_CALLS && (change === null || Math.abs(change) >= share);
  return { today, usual, change, unusual, weeks: earlier.length };
}

/**
 * Sums a per-interval figure by local day over the intervals that start before `beforeTime`
 * (`HH:MM`): the day so far, and the same part of earlier days. Keys are the reports' interval
 * keys, `YYYY-MM-DD HH:MM`.
 */
export function dayTotalsBefore(rows: readonly { key: string; value: number }[], beforeTime: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { key, value } of rows) {
    const [date, time] = key.split(' ');
    if (!date || !time || time >= beforeTime) continue;
    totals.set(date, (totals.get(date) ?? 0) + value);
  }
  return totals;
}

/** What is open when the outgoing leader writes the log; times are epoch ms. */
export interface OpenMatters {
  /** Open tickets of the team past their reminder (near the deadline) or past it (overdue). */
  tickets: { id: string; no: string; title: string; dueAt: number; overdue: boolean }[];
  /** Callbacks waiting: closed tickets not yet called back (回访), and telemarketing callbacks due this shift. */
  callbacks: { kind: 'ticket' | 'campaign'; label: string; dueAt: number | null }[];
  /** Agents of the team away on approved leave today, and those rostered today who did not come or came late. */
  attendance: { agentId: string; agentName: string; status: 'leave' | 'absent' | 'late'; lateMinutes: number }[];
  /** Faults not yet over. */
  faults: { id: string; kind: FaultKind; title: string; startedAt: number; effect: string }[];
  /** Evaluations the agent disputed, waiting for a QA lead. */
  disputes: { evaluationId: string; agentName: string; callId: string; score: number; disputedAt: number | null }[];
  volume: VolumeStanding | null;
}

export const nothingOpen: OpenMatters = { tickets: [], callbacks: [], attendance: [], faults: [], disputes: [], volume: null };

const two = (n: number) => String(n).padStart(2, '0');

/** `HH:MM` today, `M月D日 HH:MM` (or `M/D HH:MM`) on another day. */
function when(at: number, now: number, timeZone: string, language: HandoverLanguage): string {
  const p = localParts(at, timeZone);
  const today = localParts(now, timeZone);
  const time = `${two(p.hour)}:${two(p.minute)}`;
  if (p.year === today.year && p.month === today.month && p.day === today.day) return time;
  return language === 'en' ? `${p.month}/${p.day} ${time}` : `${p.month}月${p.day}日 ${time}`;
}

const percent = (share: number) => `${Math.round(Math.abs(share) * 100)}%`;

/**
 * The five items written out from what is open, one line a matter, for the outgoing leader to edit.
 * An item with nothing open says so, so the incoming leader can tell "nothing" from "not looked at".
 */
export function prefillHandover(open: OpenMatters, options: { timeZone: string; now: number; language?: HandoverLanguage }): Record<HandoverItem, string> {
  const { timeZone, now } = options;
  const en = options.language === 'en';
  const at = (ms: number) => when(ms, now, timeZone, options.language ?? 'zh-CN');
  const nowTime = at(now);

  const situation: string[] = [];
  const v = open.volume;
  if (v && v.usual !== null) {
    const usual = Math.round(v.usual);
    if (v.unusual) {
      const more = v.today > v.usual;
      const by = v.change === null ? '' : en ? ` (${more ? '+' : '−'}${percent(v.change)})` : `${more ? '多' : '少'} ${percent(v.change)}`;
      situation.push(
        en
          ? `Unusual call volume: ${v.today} calls today up to ${nowTime}, against ${usual} on average on this weekday in the last ${v.weeks} weeks${by}`
          : `来电量异常：今日截至 ${nowTime} 共 ${v.today} 通，比近 ${v.weeks} 周同一工作日同期平均 ${usual} 通${by}`,
      );
    } else {
      situation.push(
        en
          ? `Call volume as usual: ${v.today} calls today up to ${nowTime} (${usual} on average on this weekday in the last ${v.weeks} weeks)`
          : `来电量正常：今日截至 ${nowTime} 共 ${v.today} 通（近 ${v.weeks} 周同一工作日同期平均 ${usual} 通）`,
      );
    }
  } else if (v) {
    situation.push(en ? `${v.today} calls today up to ${nowTime} (no earlier weeks to compare)` : `今日截至 ${nowTime} 共 ${v.today} 通（没有往周同期数据可比）`);
  }
  const leave = open.attendance.filter((a) => a.status === 'leave');
  const absent = open.attendance.filter((a) => a.status === 'absent');
  if (leave.length > 0) situation.push(en ? `On leave: ${leave.map((a) => a.agentName).join(', ')}` : `请假：${leave.map((a) => a.agentName).join('、')}`);
  const late = open.attendance.filter((a) => a.status === 'late');
  if (absent.length > 0) situation.push(en ? `Absent: ${absent.map((a) => a.agentName).join(', ')}` : `缺勤：${absent.map((a) => a.agentName).join('、')}`);
  if (late.length > 0) {
    situation.push(
      en ? `Late: ${late.map((a) => `${a.agentName} (${a.lateMinutes} min)`).join(', ')}` : `迟到：${late.map((a) => `${a.agentName}（${a.lateMinutes} 分钟）`).join('、')}`,
    );
  }
  if (absent.length === 0 && late.length === 0) situation.push(en ? 'Nobody rostered today is absent or late' : '今日排班人员无缺勤、迟到');

  const faultLine = (f: OpenMatters['faults'][number]) => {
    const kind = faultKindNames[f.kind][en ? 'en' : 'zh'];
    return en
      ? `Fault not over [${kind}]: ${f.title} (since ${at(f.startedAt)}${f.effect ? `; effect: ${f.effect}` : ''})`
      : `未恢复故障【${kind}】：${f.title}（自 ${at(f.startedAt)}${f.effect ? `，影响：${f.effect}` : ''}）`;
  };
  const equipmentFaults = open.faults.filter((f) => f.kind !== 'tool');
  const toolFaults = open.faults.filter((f) => f.kind === 'tool');
  const equipment = equipmentFaults.length > 0 ? equipmentFaults.map(faultLine) : [en ? 'No system or equipment fault open' : '无未恢复的系统、设备故障'];
  const tools = toolFaults.length > 0 ? toolFaults.map(faultLine) : [en ? 'No tool fault open' : '无未恢复的工具故障'];

  const quality =
    open.disputes.length > 0
      ? open.disputes.map((d) =>
          en
            ? `QA dispute waiting: ${d.agentName}, call ${d.callId}, score ${d.score}${d.disputedAt ? ` (disputed ${at(d.disputedAt)})` : ''}`
            : `待处理质检申诉：${d.agentName}，通话 ${d.callId}，得分 ${d.score}${d.disputedAt ? `（${at(d.disputedAt)} 申诉）` : ''}`,
        )
      : [en ? 'No QA dispute waiting' : '无待处理的质检申诉'];

  const records: string[] = [];
  for (const t of open.tickets) {
    records.push(
      en
        ? `${t.overdue ? 'Overdue' : 'Near its deadline'}: ticket ${t.no} ${t.title} (due ${at(t.dueAt)})`
        : `${t.overdue ? '已超时工单' : '临近时限工单'}：${t.no} ${t.title}（时限 ${at(t.dueAt)}）`,
    );
  }
  for (const c of open.callbacks) {
    const due = c.dueAt === null ? '' : en ? ` (due ${at(c.dueAt)})` : `（${at(c.dueAt)}）`;
    records.push(
      c.kind === 'ticket'
        ? en
          ? `Callback due: ticket ${c.label}${due}`
          : `待回访工单：${c.label}${due}`
        : en
          ? `Telemarketing callback: ${c.label}${due}`
          : `预约回访：${c.label}${due}`,
    );
  }
  if (records.length === 0) records.push(en ? 'No ticket or callback near its deadline' : '无临近时限的工单和回访');

  return { situation: situation.join('\n'), equipment: equipment.join('\n'), tools: tools.join('\n'), quality: quality.join('\n'), records: records.join('\n') };
}

export type HandoverStatus = 'handed_over' | 'acknowledged';

/** Only the leader it was handed to acknowledges it, once: why not (`not_incoming`, `acknowledged`), or null. */
export function acknowledgeRefusal(handover: { incomingId: string; status: HandoverStatus }, userId: string): 'not_incoming' | 'acknowledged' | null {
  if (handover.incomingId !== userId) return 'not_incoming';
  if (handover.status === 'acknowledged') return 'acknowledged';
  return null;
}

/**
 * Why the shift cannot close yet, or null when it can: a handover must be written (`no_handover`)
 * and the incoming leader must have taken it over (`not_taken_over`).
 */
export function shiftCloseRefusal(handover: { status: HandoverStatus } | null): 'no_handover' | 'not_taken_over' | null {
  if (handover === null) return 'no_handover';
  if (handover.status !== 'acknowledged') return 'not_taken_over';
  return null;
}
