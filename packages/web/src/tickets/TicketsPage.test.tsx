// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { deadlineClock } from './format';
import { TicketsPage } from './TicketsPage';

/** A bound for a busy machine, not a speed requirement. */
const SLOW_MS = 10_000;
const now = Date.parse('2026-01-07T02:00:00Z');
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'l1', role: 'team_leader', displayName: '组长' } }) }));
// The report card has its own test (TicketReportCard.test.tsx).
vi.mock('./TicketReportCard', () => ({ TicketReportCard: () => null }));
vi.mock('../live/FloorProvider', () => ({ useFloor: () => ({ floor: { timeZone: 'Asia/Shanghai', clockOffset: 0, messages: [] } }), useNow: () => now }));

const ticket = (no: string, dueAt: string, remindAt: string) => ({
  id: no,
  no,
  type: 'complaint',
  typeName: '投诉',
  title: `标题${no}`,
  description: '',
  priority: 'normal',
  channel: 'phone',
  status: 'assigned',
  customerId: null,
  customerName: '何建华',
  caller: null,
  callIds: [] as string[],
  ownerName: '王芳',
  assignee: { kind: 'user', id: 'u2', name: '李娜' },
  bounces: 0,
  reopens: 0,
  callbackDue: false,
  dueAt,
  remindAt,
  closedAt: null as string | null,
  escalation: null,
  steps: [] as unknown[],
});
const types = [
  { code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: false },
  { code: 'mayor_hotline', name: '市长专线', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: true },
];

function renderPage(path = '/tickets') {
  render(
    <MemoryRouter initialEntries={[path]}>
      <App>
        <TicketsPage />
      </App>
    </MemoryRouter>,
  );
}

describe('the leader’s ticket lists', () => {
  it('shows each ticket’s deadline in the center’s time and the clock, late in red; the lists and the export follow the tab', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/ticket-types') return [200, types];
      return [
        200,
        {
          total: 2,
          items: [ticket('GD000001', '2026-01-07T01:00:00.000Z', '2026-01-06T15:24:00.000Z'), ticket('GD000002', '2026-01-07T03:30:00.000Z', '2026-01-07T01:30:00.000Z')],
        },
      ];
    });
    renderPage();
    await screen.findByText('标题GD000001');
    expect(asked).toContain('/api/v1/tickets?view=team');
    expect(screen.getByText('超时 01:00:00')).toBeTruthy();
    expect(screen.getByText('剩 01:30:00')).toBeTruthy();
    expect(screen.getByText('2026-01-07 09:00')).toBeTruthy();
    fireEvent.click(screen.getByText('已超时'));
    await waitFor(() => expect(asked).toContain('/api/v1/tickets?view=overdue'));
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe('/api/v1/tickets/export.xlsx?view=overdue&lang=zh-CN');
  });

  it('gives each register (市长专线) a list of its own, exported as it is', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/ticket-types') return [200, types];
      if (path === '/api/v1/tickets?type=mayor_hotline')
        return [200, { total: 1, items: [{ ...ticket('GD000009', '2026-01-08T01:00:00.000Z', '2026-01-07T16:00:00.000Z'), title: '市长专线转办：小区停水' }] }];
      return [200, { total: 0, items: [] }];
    });
    renderPage();
    // Only register types get a tab: 投诉 is no register.
    fireEvent.click(await screen.findByText('市长专线', { selector: '.ant-segmented-item-label' }, { timeout: SLOW_MS }));
    await screen.findByText('市长专线转办：小区停水', undefined, { timeout: SLOW_MS });
    expect(screen.queryByText('投诉', { selector: '.ant-segmented-item-label' })).toBeNull();
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe('/api/v1/tickets/export.xlsx?type=mayor_hotline&lang=zh-CN');
  });

  it('enters a ticket by hand for another channel (a letter) with the customer found in the CRM, then opens it', async () => {
    const asked: [string, string, unknown][] = [];
    const created = { ...ticket('GD000010', '2026-01-09T02:00:00.000Z', '2026-01-08T16:00:00.000Z'), id: 't10', title: '来信反映热水器漏水', channel: 'letter', status: 'open' };
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/ticket-types') return [200, types];
      if (path.startsWith('/api/v1/customers?q='))
        return [200, { total: 1, totalCapped: false, customers: [{ id: 'cu1', name: '何建华', phones: [{ number: '186 1000 0001', kind: 'mobile' }] }] }];
      if (path === '/api/v1/tickets' && method === 'POST') return [201, created];
      if (path === '/api/v1/tickets/t10') return [200, created];
      return [200, { total: 0, items: [] }];
    });
    renderPage();
    fireEvent.click(await screen.findByRole('button', { name: /新建工单/ }, { timeout: SLOW_MS }));
    const dialog = await screen.findByRole('dialog', undefined, { timeout: SLOW_MS });
    fireEvent.mouseDown(within(dialog).getByLabelText('工单类型'));
    fireEvent.click(await screen.findByText('投诉', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS }));
    fireEvent.mouseDown(within(dialog).getByLabelText('渠道'));
    fireEvent.click(await screen.findByText('来信', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS }));
    fireEvent.change(within(dialog).getByLabelText('客户'), { target: { value: 'hjh' } });
    fireEvent.click(await screen.findByText('何建华 186 1000 0001', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS }));
    fireEvent.change(within(dialog).getByLabelText('标题'), { target: { value: '来信反映热水器漏水' } });
    fireEvent.change(within(dialog).getByLabelText('问题描述 / 座席记录'), { target: { value: '客户来信：热水器漏水两周未修' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /受\s*理/ }));
    await screen.findByText('工单 GD000010 已受理，2026-01-09 10:00 前办结', undefined, { timeout: SLOW_MS });
    expect(asked.find(([method, path]) => method === 'POST' && path === '/api/v1/tickets')?.[2]).toEqual({
      type: 'complaint',
      priority: 'normal',
      channel: 'letter',
      customerId: 'cu1',
      title: '来信反映热水器漏水',
      description: '客户来信：热水器漏水两周未修',
    });
    // The new ticket opens, its channel said in words.
    await screen.findByText('GD000010 · 来信反映热水器漏水', undefined, { timeout: SLOW_MS });
    expect(screen.getAllByText('来信').length).toBeGreaterThan(0);
  });

  it('opens the ticket of ?ticket= with its calls and recordings, the customer’s profile, and the field visit’s signature and rating', async () => {
    const detail = {
      ...ticket('GD000011', '2026-01-08T01:00:00.000Z', '2026-01-07T16:00:00.000Z'),
      id: 't11',
      title: '热水器漏水',
      status: 'closed',
      closedAt: '2026-01-07T06:00:00.000Z',
      customerId: 'cu1',
      callIds: ['c1', 'c2'],
      assignee: { kind: 'field_team', id: '维修二队', name: '维修二队' },
      steps: [
        { id: 1, at: '2026-01-06T01:00:00.000Z', userId: 'a1', userName: '王芳', action: 'accept', detail: { callId: 'c1' } },
        { id: 2, at: '2026-01-06T08:30:00.000Z', userId: 'a1', userName: '王芳', action: 'call', detail: { callId: 'c2', repeat: true } },
        { id: 3, at: '2026-01-07T06:00:00.000Z', userId: 'l1', userName: '组长', action: 'close', detail: { resolution: '更换密封圈', visit: { signedBy: '何建华', rating: 4 } } },
      ],
    };
    fakeApi((_method, path) => {
      if (path === '/api/v1/ticket-types') return [200, types];
      if (path === '/api/v1/tickets/t11') return [200, detail];
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/customers/cu1/profile')
        return [
          200,
          {
            id: 'cu1',
            name: '何建华',
            classCode: 'high_value',
            className: { zh: '优质客户', en: 'High value' },
            vipLevel: 8,
            tags: [],
            phones: [],
            phonesMasked: false,
            ownerName: null,
            externalId: null,
            notes: '',
            createdAt: '2025-01-01T00:00:00.000Z',
            orders: [],
            serviceRecords: [],
            visits: [],
            calls: [],
          },
        ];
      return [200, { total: 0, items: [] }];
    });
    renderPage('/tickets?ticket=t11');
    const drawer = (await screen.findByText('GD000011 · 热水器漏水', undefined, { timeout: SLOW_MS })).closest('.ant-drawer') as HTMLElement;
    // The field visit: who signed and the rating.
    expect(within(drawer).getByText('何建华 签字确认')).toBeTruthy();
    expect(within(drawer).getByText('评价 4 星')).toBeTruthy();
    // Both calls, when each came, each recording played in place.
    const calls = within(drawer).getByText('通话与录音').closest('.ant-card') as HTMLElement;
    expect([...calls.querySelectorAll('.ant-list-item')].map((item) => item.textContent)).toEqual(['2026-01-06 09:00受理来电收听录音', '2026-01-06 16:30再次来电收听录音']);
    fireEvent.click(within(calls).getAllByRole('button', { name: /收听录音/ })[1]!);
    expect(within(calls).getByLabelText<HTMLAudioElement>('通话录音').getAttribute('src')).toBe('/api/v1/calls/c2/recording');
    // The customer's name opens the profile beside the ticket.
    fireEvent.click(within(drawer).getByText('何建华'));
    await screen.findByText('优质客户', undefined, { timeout: SLOW_MS });
    expect(screen.getByText('客户档案')).toBeTruthy();
  });

  it('assigns to a person picked from the leader’s people, or to a department used before or named anew', async () => {
    const asked: [string, string, unknown][] = [];
    const open = { ...ticket('GD000012', '2026-01-08T01:00:00.000Z', '2026-01-07T16:00:00.000Z'), id: 't12', status: 'open', assignee: null };
    fakeApi((method, path, body) => {
      asked.push([method, path, body]);
      if (path === '/api/v1/ticket-types') return [200, types];
      if (path === '/api/v1/tickets/t12') return [200, open];
      if (path === '/api/v1/users')
        return [
          200,
          [
            { id: 'u2', username: '8002', displayName: '李娜', role: 'agent', teamId: 't1', employeeNo: '8002', disabled: false, skills: [] },
            { id: 'u9', username: '8009', displayName: '离职者', role: 'agent', teamId: 't1', employeeNo: '8009', disabled: true, skills: [] },
          ],
        ];
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's', leaderIds: [], agentCount: 4 }]];
      if (path === '/api/v1/ticket-assignees') return [200, { departments: ['财务部'], fieldTeams: ['维修二队'] }];
      if (path === '/api/v1/tickets/t12/assign') return [200, { ...open, status: 'assigned' }];
      return [200, { total: 0, items: [] }];
    });
    renderPage('/tickets?ticket=t12');
    const assign = async () => {
      fireEvent.click(await screen.findByRole('button', { name: /^交\s*办$/ }, { timeout: SLOW_MS }));
      return (await screen.findByText('交办给', undefined, { timeout: SLOW_MS })).closest('.ant-modal') as HTMLElement;
    };
    let dialog = await assign();
    fireEvent.mouseDown(within(dialog).getByLabelText('承办人'));
    // A disabled user is not offered.
    expect(screen.queryByText('离职者（8009）', { selector: '.ant-select-item-option-content' })).toBeNull();
    fireEvent.click(await screen.findByText('李娜（8002）', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS }));
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(asked.filter(([, path]) => path === '/api/v1/tickets/t12/assign').map(([, , body]) => body)).toEqual([{ userId: 'u2' }]), { timeout: SLOW_MS });

    dialog = await assign();
    fireEvent.click(within(dialog).getByLabelText('部门'));
    fireEvent.mouseDown(await within(dialog).findByLabelText('承办部门', undefined, { timeout: SLOW_MS }));
    expect(await screen.findByText('财务部', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS })).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('承办部门'), { target: { value: '工程部' } });
    fireEvent.click(await screen.findByText('新增“工程部”', { selector: '.ant-select-item-option-content' }, { timeout: SLOW_MS }));
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(asked.filter(([, path]) => path === '/api/v1/tickets/t12/assign').map(([, , body]) => body)).toEqual([{ userId: 'u2' }, { department: '工程部' }]), {
      timeout: SLOW_MS,
    });
  });

  it('counts the clock down in days beyond a day', () => {
    expect(deadlineClock(Date.parse('2026-01-07T01:00:00Z'), Date.parse('2026-01-05T00:59:59Z'))).toEqual({ late: false, text: '2天 00:00:01' });
    expect(deadlineClock(0, 3_600_000)).toEqual({ late: true, text: '01:00:00' });
  });
});
