// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { deadlineClock } from './format';
import { TicketsPage } from './TicketsPage';

const now = Date.parse('2026-01-07T02:00:00Z');
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'l1', role: 'team_leader', displayName: '组长' } }) }));
vi.mock('../live/FloorProvider', () => ({ useFloor: () => ({ floor: { timeZone: 'Asia/Shanghai', clockOffset: 0, messages: [] } }), useNow: () => now }));

const ticket = (no: string, dueAt: string, remindAt: string) => ({
  id: no,
  no,
  type: 'complaint',
  typeName: '投诉',
  title: `标题${no}`,
  priority: 'normal',
  status: 'assigned',
  customerName: '何建华',
  caller: null,
  ownerName: '王芳',
  assignee: { kind: 'user', id: 'u2', name: '李娜' },
  bounces: 0,
  reopens: 0,
  callbackDue: false,
  dueAt,
  remindAt,
  closedAt: null,
  escalation: null,
});

describe('the leader’s ticket lists', () => {
  it('shows each ticket’s deadline in the center’s time and the clock, late in red; the lists and the export follow the tab', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/tickets/report?by=type')
        return [
          200,
          {
            by: 'type',
            rows: [{ key: 'complaint', label: '投诉', tickets: 4, closed: 2, onTimeRate: 0.5, averageHandlingHours: 30.25, reopenRate: 0.25, bounces: 1, satisfaction: 4.5 }],
          },
        ];
      if (path.startsWith('/api/v1/ticket-notifications'))
        return [200, { items: [{ id: 1, ticketId: 'x', ticketNo: 'GD000001', kind: 'escalation', message: '工单GD000001已超时未办结，已升级至班组长', at: '', read: false }] }];
      return [
        200,
        {
          total: 2,
          items: [ticket('GD000001', '2026-01-07T01:00:00.000Z', '2026-01-06T15:24:00.000Z'), ticket('GD000002', '2026-01-07T03:30:00.000Z', '2026-01-07T01:30:00.000Z')],
        },
      ];
    });
    render(
      <App>
        <TicketsPage />
      </App>,
    );
    await screen.findByText('标题GD000001');
    expect(asked).toContain('/api/v1/tickets?view=team');
    expect(screen.getByText('超时 01:00:00')).toBeTruthy();
    expect(screen.getByText('剩 01:30:00')).toBeTruthy();
    expect(screen.getByText('2026-01-07 09:00')).toBeTruthy();
    // The figures by type: on-time and reopen rates, hours, satisfaction.
    const row = (await screen.findByText('30.3')).closest('tr')!;
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['投诉', '4', '2', '50.0%', '30.3', '25.0%', '1', '4.5']);
    fireEvent.click(screen.getByText('已超时'));
    await waitFor(() => expect(asked).toContain('/api/v1/tickets?view=overdue'));
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe('/api/v1/tickets/export.xlsx?view=overdue&lang=zh-CN');
  });

  it('counts the clock down in days beyond a day', () => {
    expect(deadlineClock(Date.parse('2026-01-07T01:00:00Z'), Date.parse('2026-01-05T00:59:59Z'))).toEqual({ late: false, text: '2天 00:00:01' });
    expect(deadlineClock(0, 3_600_000)).toEqual({ late: true, text: '01:00:00' });
  });
});
