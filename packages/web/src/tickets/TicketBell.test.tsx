// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter, useLocation } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopMessage } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { TicketBell } from './TicketBell';

/** A bound for a busy machine, not a speed requirement. */
const SLOW_MS = 10_000;
const floor = { timeZone: 'Asia/Shanghai', clockOffset: 0, messages: [] as DesktopMessage[] };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'l1', role: 'team_leader', displayName: '组长' } }) }));
vi.mock('../live/FloorProvider', () => ({ useFloor: () => ({ floor }) }));

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

const escalation = {
  id: 7,
  ticketId: 't1',
  ticketNo: 'GD000001',
  kind: 'escalation',
  message: '工单GD000001「投诉宽带维修不及时」已超时未办结，已升级至班组长',
  at: '2026-01-07T01:00:00.000Z',
  read: false,
};

describe('the header’s ticket bell', () => {
  it('pops up a notice when an escalation arrives on the live channel, lists it with the center’s time, and opens its ticket', async () => {
    const asked: [string, string, unknown][] = [];
    let unread = [] as (typeof escalation)[];
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/ticket-notifications?unread=true') return [200, { items: unread }];
      return [204, null];
    });
    const page = () => (
      <MemoryRouter initialEntries={['/wallboard']}>
        <App>
          <TicketBell />
          <Where />
        </App>
      </MemoryRouter>
    );
    const { rerender } = render(page());
    await waitFor(() => expect(asked.some(([, path]) => path === '/api/v1/ticket-notifications?unread=true')).toBe(true), { timeout: SLOW_MS });
    expect(screen.queryByText(escalation.message)).toBeNull();

    // The server supervises the ticket: the escalation row and the live message to this leader.
    unread = [escalation];
    floor.messages = [
      { id: 'ticket-7', fromUserId: '', fromName: '工单提醒', toAgentId: 'l1', text: escalation.message, at: 0 },
      { id: 'ticket-8', fromUserId: '', fromName: '工单提醒', toAgentId: 'u2', text: '工单GD000002「宽带断网」已交办给您处理', at: 0 },
    ];
    rerender(page());
    await screen.findByText(escalation.message, { selector: '.ant-notification-notice-description' }, { timeout: SLOW_MS });
    // Another user's message is not this leader's news; the bell counts the unread one.
    expect(screen.queryByText('工单GD000002「宽带断网」已交办给您处理')).toBeNull();
    await waitFor(() => expect(document.querySelector('.ant-badge-count')?.textContent).toBe('1'), { timeout: SLOW_MS });

    fireEvent.click(screen.getByRole('button', { name: '工单提醒' }));
    const item = await screen.findByText(escalation.message, { selector: '.ant-list-item *' }, { timeout: SLOW_MS });
    expect(screen.getByText('2026-01-07 09:00')).toBeTruthy();
    fireEvent.click(item);
    expect(screen.getByTestId('where').textContent).toBe('/tickets?ticket=t1');
    await waitFor(() => expect(asked.find(([method, path]) => method === 'POST' && path === '/api/v1/ticket-notifications/read')?.[2]).toEqual({ ids: [7] }), {
      timeout: SLOW_MS,
    });
  });
});
