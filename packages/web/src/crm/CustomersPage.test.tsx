// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CustomersPage } from './CustomersPage';

const role = vi.hoisted(() => ({ current: 'team_leader' }));
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'u1', role: role.current, displayName: '用户' } }) }));

const zhang = {
  id: 'c1',
  externalId: 'K1',
  name: '张三',
  classCode: 'high_value',
  className: { zh: '优质客户', en: 'High value' },
  vipLevel: 5,
  tags: ['团购'],
  ownerName: null,
  teamId: null,
  notes: '',
  phones: [{ number: '138 1234 5678', kind: 'mobile' }],
  phonesMasked: false,
  createdAt: '2025-06-01T00:00:00.000Z',
};

function serve(asked: string[]) {
  fakeApi((method, path) => {
    asked.push(`${method} ${path}`);
    if (path === '/api/v1/customer-classes') return [200, [{ code: 'high_value', nameZh: '优质客户', nameEn: 'High value', vipLevel: 5, builtIn: true }]];
    if (path.startsWith('/api/v1/customers?')) return [200, { total: 1, totalCapped: false, customers: [zhang] }];
    if (path === '/api/v1/customers/c1/profile') {
      return [
        200,
        {
          ...zhang,
          orders: [{ id: 'o1', orderNo: 'SO1', product: '变频空调', amountCents: 329900, currency: 'CNY', status: 'delivered', orderedAt: '2026-01-02T03:00:00Z' }],
          serviceRecords: [{ id: 's1', kind: 'repair', subject: '不制冷', status: 'closed', openedAt: '2026-01-03T03:00:00Z', feedback: '师傅很准时', satisfaction: 5 }],
          visits: [],
          calls: [
            {
              callId: 'call-1',
              direction: 'inbound',
              startedAt: '2026-01-04T03:00:00Z',
              outcome: 'answered',
              agentName: '李四',
              disposition: 'repair',
              talkSeconds: 125,
              recordingUrl: '/api/v1/calls/call-1/recording',
            },
          ],
        },
      ];
    }
    return [404, { error: { code: 'not_found', message: path } }];
  });
}

describe('the customers page', () => {
  it('searches by pinyin initials, shows class and VIP, opens the profile with orders, after-sales and calls with the recording', async () => {
    const asked: string[] = [];
    serve(asked);
    render(
      <App>
        <CustomersPage />
      </App>,
    );
    const row = (await screen.findByText('张三')).closest('tr')!;
    expect(within(row).getByText('优质客户')).toBeTruthy();
    expect(within(row).getByText('VIP 5')).toBeTruthy();
    expect(within(row).getByText('138 1234 5678')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('电话、姓名或拼音首字母（如 zs）'), { target: { value: 'zs' } });
    fireEvent.keyDown(screen.getByLabelText('电话、姓名或拼音首字母（如 zs）'), { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(asked).toContain('GET /api/v1/customers?q=zs&limit=20&offset=0'));
    expect(screen.getByText('导出 Excel').closest('a')!.getAttribute('href')).toBe('/api/v1/customers/export.xlsx?q=zs&lang=zh-CN');
    expect(screen.queryByText('导入')).toBeNull();

    fireEvent.click(within(row).getByText('张三'));
    fireEvent.click(await screen.findByText('订单 (1)'));
    expect(await screen.findByText('变频空调')).toBeTruthy();
    expect(screen.getByText('¥3,299.00')).toBeTruthy();
    fireEvent.click(screen.getByText('维修与售后 (1)'));
    expect(await screen.findByText('师傅很准时')).toBeTruthy();
    fireEvent.click(screen.getByText('通话记录 (1)'));
    expect(await screen.findByText('2分05秒')).toBeTruthy();
    // The recording plays in place, under its call, not in a browser tab of raw audio.
    // getByText, not getByRole: the profile is a large tree for jsdom's accessibility lookup.
    const listen = screen.getByText(/^收\s?听$/).closest('button')!;
    expect(listen.closest('a')).toBeNull();
    fireEvent.click(listen);
    expect(screen.getByLabelText<HTMLAudioElement>('通话录音').getAttribute('src')).toBe('/api/v1/calls/call-1/recording');
    expect(listen.className).toContain('ant-btn-variant-solid');
    fireEvent.click(listen);
    expect(listen.className).not.toContain('ant-btn-variant-solid');
  });

  it('offers import to a manager and no export to an agent', async () => {
    serve([]);
    role.current = 'manager';
    const { unmount } = render(
      <App>
        <CustomersPage />
      </App>,
    );
    expect(await screen.findByText('导入')).toBeTruthy();
    unmount();
    role.current = 'agent';
    render(
      <App>
        <CustomersPage />
      </App>,
    );
    await screen.findByText('张三');
    expect(screen.queryByText('导出 Excel')).toBeNull();
    expect(screen.queryByText('导入')).toBeNull();
  });
});
