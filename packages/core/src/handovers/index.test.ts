import { describe, expect, it } from 'vitest';
import { acknowledgeRefusal, dayTotalsBefore, nothingOpen, prefillHandover, shiftCloseRefusal, volumeStanding } from './index';

const timeZone = 'Asia/Shanghai';
/** Monday 5 January 2026, 14:00 in Shanghai. */
const now = Date.UTC(2026, 0, 5, 6, 0);
const HOUR = 3_600_000;

describe('volume against the same weekday', () => {
  it('calls a volume unusual only when it differs by a share and by enough calls', () => {
    expect(volumeStanding(320, [190, 210, 200])).toEqual({ today: 320, usual: 200, change: 0.6, unusual: true, weeks: 3 });
    expect(volumeStanding(120, [200, 200]).unusual).toBe(true);
    expect(volumeStanding(230, [200, 200]).unusual).toBe(false);
    // Four calls instead of two is double, but not news.
    expect(volumeStanding(4, [2, 2]).unusual).toBe(false);
    expect(volumeStanding(50, [])).toEqual({ today: 50, usual: null, change: null, unusual: false, weeks: 0 });
  });

  it('sums the intervals of each day that start before the time of day', () => {
    const rows = [
      { key: '2026-01-05 09:00', value: 10 },
      { key: '2026-01-05 13:45', value: 5 },
      { key: '2026-01-05 14:00', value: 99 },
      { key: '2025-12-29 09:15', value: 7 },
      { key: '2025-12-29 18:00', value: 99 },
    ];
    expect(Object.fromEntries(dayTotalsBefore(rows, '14:00'))).toEqual({ '2026-01-05': 15, '2025-12-29': 7 });
  });
});

describe('the five items pre-filled from what is open', () => {
  const open = {
    tickets: [
      { id: 't1', no: 'GD000012', title: '宽带断网报修', dueAt: now - HOUR, overdue: true },
      { id: 't2', no: 'GD000013', title: '账单咨询', dueAt: now + 2 * HOUR, overdue: false },
    ],
    callbacks: [
      { kind: 'ticket' as const, label: 'GD000010 热水器保养', dueAt: null },
      { kind: 'campaign' as const, label: '姚洋（春季促销）', dueAt: now + HOUR },
    ],
    attendance: [
      { agentId: 'a1', agentName: '王芳', status: 'absent' as const, lateMinutes: 0 },
      { agentId: 'a2', agentName: '李娜', status: 'late' as const, lateMinutes: 12 },
      { agentId: 'a3', agentName: '陈静', status: 'leave' as const, lateMinutes: 0 },
    ],
    faults: [
      { id: 'f1', kind: 'system' as const, title: '工单系统无法保存', startedAt: now - 4.5 * HOUR, effect: '工单改为纸质登记' },
      { id: 'f2', kind: 'tool' as const, title: '知识库搜索无结果', startedAt: Date.UTC(2026, 0, 4, 10, 0), effect: '' },
    ],
    disputes: [{ evaluationId: 'e1', agentName: '刘洋', callId: 'c-42', score: 60, disputedAt: now - 3 * HOUR }],
    volume: volumeStanding(320, [190, 210, 200]),
  };

  it('puts each open matter under its item, times in the center’s zone', () => {
    const items = prefillHandover(open, { timeZone, now });
    expect(items.situation.split('\n')).toEqual([
      '来电量异常：今日截至 14:00 共 320 通，比近 3 周同一工作日同期平均 200 通多 60%',
      '请假：陈静',
      '缺勤：王芳',
      '迟到：李娜（12 分钟）',
    ]);
    expect(items.equipment).toBe('未恢复故障【系统】：工单系统无法保存（自 09:30，影响：工单改为纸质登记）');
    // A fault from another day carries its date.
    expect(items.tools).toBe('未恢复故障【工具】：知识库搜索无结果（自 1月4日 18:00）');
    expect(items.quality).toBe('待处理质检申诉：刘洋，通话 c-42，得分 60（11:00 申诉）');
    expect(items.records.split('\n')).toEqual([
      '已超时工单：GD000012 宽带断网报修（时限 13:00）',
      '临近时限工单：GD000013 账单咨询（时限 16:00）',
      '待回访工单：GD000010 热水器保养',
      '预约回访：姚洋（春季促销）（15:00）',
    ]);
  });

  it('says "nothing" for an item with nothing open, and a volume as usual as such', () => {
    const items = prefillHandover({ ...nothingOpen, volume: volumeStanding(205, [200]) }, { timeZone, now });
    expect(items).toEqual({
      situation: '来电量正常：今日截至 14:00 共 205 通（近 1 周同一工作日同期平均 200 通）\n今日排班人员无缺勤、迟到',
      equipment: '无未恢复的系统、设备故障',
      tools: '无未恢复的工具故障',
      quality: '无待处理的质检申诉',
      records: '无临近时限的工单和回访',
    });
  });

  it('writes English when asked', () => {
    const items = prefillHandover(open, { timeZone, now, language: 'en' });
    expect(items.situation).toContain('Unusual call volume: 320 calls today up to 14:00, against 200 on average on this weekday in the last 3 weeks (+60%)');
    expect(items.records).toContain('Overdue: ticket GD000012 宽带断网报修 (due 13:00)');
  });
});

describe('acknowledging and closing the shift', () => {
  it('lets only the named incoming leader acknowledge, once', () => {
    expect(acknowledgeRefusal({ incomingId: 'l2', status: 'handed_over' }, 'l2')).toBeNull();
    expect(acknowledgeRefusal({ incomingId: 'l2', status: 'handed_over' }, 'l3')).toBe('not_incoming');
    expect(acknowledgeRefusal({ incomingId: 'l2', status: 'acknowledged' }, 'l2')).toBe('acknowledged');
  });

  it('refuses to close a shift without a handover, or before it is taken over', () => {
    expect(shiftCloseRefusal(null)).toBe('no_handover');
    expect(shiftCloseRefusal({ status: 'handed_over' })).toBe('not_taken_over');
    expect(shiftCloseRefusal({ status: 'acknowledged' })).toBeNull();
  });
});
