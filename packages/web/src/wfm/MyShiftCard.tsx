import { useCallback, useEffect, useState } from 'react';
import { Card, Space, Tag, Typography } from 'antd';
import type { MySchedule } from '@banzu/contract';
import { api } from '../api/client';
import { ScheduleChanges, useTexts } from './WfmPage';

/**
 * The desk's "my schedule": today's or the next published shift with its breaks, and the changes to
 * the schedule not yet read (leave, a swap, overtime, the leader's edit). `date` is the center's today.
 *
 * @example
 * <MyShiftCard date="2026-03-02" />
 */
export function MyShiftCard({ date }: { date: string }) {
  const m = useTexts();
  const [months, setMonths] = useState<MySchedule[]>([]);
  const load = useCallback(() => {
    // This month's and next month's, so the next shift shows at a month's end too.
    const [y, mo] = date.split('-').map(Number) as [number, number];
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    void Promise.all([date.slice(0, 7), next].map((month) => api<MySchedule>('GET', `/api/v1/wfm/my-schedule?month=${month}`))).then(setMonths);
  }, [date]);
  useEffect(load, [load]);
  const shift = months.flatMap((s) => s.shifts).find((s) => s.end.slice(0, 10) >= date);
  const changes = months[0]?.changes ?? [];
  return (
    <Card size="small" title={m.mySchedule}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <ScheduleChanges changes={changes} onRead={load} />
        {shift ? (
          <Typography.Text data-testid="next-shift">
            {m.nextShift}：{shift.date} {m.weekdays[new Date(`${shift.date}T00:00:00Z`).getUTCDay()]} <Tag color="blue">{shift.shift}</Tag>
            {shift.start.slice(11)}-{shift.end.slice(11)}
            {shift.breaks.length > 0 && ` · ${m.breaks} ${shift.breaks.map((b) => `${b.start.slice(11)}-${b.end.slice(11)}`).join(', ')}`}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{m.noNextShift}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
