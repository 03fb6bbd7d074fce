// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { AttendanceShift, TeamAttendance } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { AttendancePage } from './AttendancePage';

const user = { id: 'l1', role: 'team_leader', displayName: '组长', teamId: 't1' };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

const shift = (date: string, over: Partial<AttendanceShift> = {}): AttendanceShift => ({
  date,
  shift: '早班',
  start: `${date}T09:00`,
  end: `${date}T18:00`,
  status: 'present',
  computedStatus: 'present',
  lateMinutes: 0,
  earlyMinutes: 0,
  workedMinutes: 540,
  scheduledMinutes: 540,
  adherence: 0.95,
  conformance: 1,
  correction: null,
  halfDayLeave: null,
  ...over,
});

const month = (late: AttendanceShift): TeamAttendance => ({
  teamId: 't1',
  month: '2026-01',
  timeZone: 'Asia/Shanghai',
  status: 'published',
  graceMinutes: 5,
  agents: [
    {
      userId: 'u1',
      employeeNo: '8001',
      name: '王芳',
      late: late.status === 'late' ? 1 : 0,
      earlyLeave: 0,
      absent: 0,
      attendanceRate: 0.987,
      adherence: 0.9,
      conformance: 0.99,
      shifts: [shift('2026-01-05', late), shift('2026-01-06')],
    },
  ],
});

describe('考勤 page', () => {
  it('shows the month per agent and the late arrival; the leader corrects it with a reason', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    let current = month(shift('2026-01-05', { status: 'late', computedStatus: 'late', lateMinutes: 12, workedMinutes: 528 }));
    fakeApi((method, path, body) => {
      sent.push({ method, path, body });
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (path === '/api/v1/wfm/attendance/t1/2026-01') return [200, current];
      if (method === 'PUT') {
        const correction = { status: 'present' as const, reason: (body as { reason: string }).reason, by: 'l1', byName: '组长', at: '2026-01-05T03:00:00Z' };
        current = month(shift('2026-01-05', { status: 'present', computedStatus: 'late', workedMinutes: 540, correction }));
        return [200, current.agents[0]!.shifts[0]];
      }
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AttendancePage initialMonth="2026-01" />
      </App>,
    );
    const summary = (await screen.findAllByText('王芳'))[0]!.closest('tr')!;
    // 迟到 1, 早退 0, 缺勤 0, 出勤率, 排班遵守率, 排班符合率.
    expect(within(summary).getByText('98.7%')).toBeTruthy();
    expect(within(summary).getByText('90.0%')).toBeTruthy();
    expect(screen.getByText('迟到宽限 5 分钟（中心设置）')).toBeTruthy();
    // Only the exception is listed: the late 5 January, not the on-time 6th.
    const row = document.querySelector('.attendance-shifts tr[data-date="2026-01-05"]') as HTMLElement;
    expect(row.getAttribute('data-status')).toBe('late');
    expect(document.querySelector('.attendance-shifts tr[data-date="2026-01-06"]')).toBeNull();
    expect(within(row).getByText('12')).toBeTruthy();

    fireEvent.click(within(row).getByText('更 正'));
    fireEvent.click(await screen.findByText('保存更正'));
    expect(await screen.findByText('请填写更正原因')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('原因'), { target: { value: '门禁故障' } });
    fireEvent.click(screen.getByText('保存更正'));
    await waitFor(() => expect(document.querySelector('.attendance-shifts tr[data-date="2026-01-05"]')?.getAttribute('data-status')).toBe('present'));
    expect(sent.find((s) => s.method === 'PUT')).toEqual({ method: 'PUT', path: '/api/v1/wfm/attendance/t1/u1/2026-01-05', body: { status: 'present', reason: '门禁故障' } });
    expect(screen.getByText('已更正')).toBeTruthy();
    expect(screen.getByText('组长: 门禁故障')).toBeTruthy();
  });

  it('a half day on leave is listed with its half, on time for the half worked', async () => {
    const afternoon = shift('2026-01-06', { start: '2026-01-06T13:00', scheduledMinutes: 300, workedMinutes: 300, halfDayLeave: 'am' });
    const current = month(shift('2026-01-05'));
    current.agents[0]!.shifts[1] = afternoon;
    fakeApi((_method, path) => {
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组' }]];
      if (path === '/api/v1/wfm/attendance/t1/2026-01') return [200, current];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <AttendancePage initialMonth="2026-01" />
      </App>,
    );
    await screen.findAllByText('王芳');
    const row = await waitFor(() => document.querySelector('.attendance-shifts tr[data-date="2026-01-06"]') as HTMLElement);
    expect(row.getAttribute('data-status')).toBe('present');
    expect(within(row).getByText('13:00-18:00')).toBeTruthy();
    expect(within(row).getByText('上午请假')).toBeTruthy();
  });

  it('says so when the month has no published roster', async () => {
    fakeApi((_method, path) => (path === '/api/v1/teams' ? [200, [{ id: 't1', name: '客服一组' }]] : [404, { error: { code: 'not_found', message: '没有' } }]));
    render(
      <App>
        <AttendancePage initialMonth="2026-01" />
      </App>,
    );
    expect(await screen.findByText('本月班表还没有发布，没有考勤')).toBeTruthy();
  });
});
