// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CustomerProfile } from './CustomerProfile';

const profile = {
  id: 'cu1',
  externalId: null,
  name: '何建华',
  classCode: 'high_value',
  className: { zh: '优质客户', en: 'High value' },
  vipLevel: 8,
  tags: [],
  ownerName: null,
  teamId: null,
  notes: '',
  phones: [],
  phonesMasked: false,
  createdAt: '2025-06-01T00:00:00.000Z',
  orders: [],
  serviceRecords: [],
  visits: [],
  calls: [],
};
const ticket = {
  id: 't1',
  no: 'GD000007',
  typeName: '投诉',
  title: '投诉宽带维修不及时',
  status: 'assigned',
  standing: 'overdue',
  assignee: { kind: 'field_team', id: '维修一队', name: '维修一队' },
  createdAt: '2026-01-05T01:00:00.000Z',
  dueAt: '2026-01-07T01:00:00.000Z',
  closedAt: null,
  callback: null,
};

describe('the customer profile', () => {
  it('lists the customer’s tickets across teams, times on the center’s clock, each number opening its ticket', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/customers/cu1/profile') return [200, profile];
      if (path === '/api/v1/tickets?customerId=cu1&limit=100')
        return [
          200,
          {
            total: 2,
            items: [
              ticket,
              {
                ...ticket,
                id: 't2',
                no: 'GD000003',
                title: '咨询资费',
                typeName: '咨询',
                status: 'closed',
                standing: 'on_time',
                closedAt: '2025-12-30T08:00:00.000Z',
                callback: { solved: true, satisfaction: 5 },
              },
            ],
          },
        ];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <MemoryRouter>
        <App>
          <CustomerProfile customerId="cu1" canWrite={false} />
        </App>
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByText('工单 (2)'));
    const open = (await screen.findByText('投诉宽带维修不及时')).closest('tr')!;
    expect(within(open).getByRole('link', { name: 'GD000007' }).getAttribute('href')).toBe('/tickets?ticket=t1');
    expect(within(open).getByText('处理中')).toBeTruthy();
    expect(within(open).getByText('维修一队')).toBeTruthy();
    expect(within(open).getByText('2026-01-05 09:00')).toBeTruthy();
    expect(within(open).getByText('2026-01-07 09:00')).toBeTruthy();
    const closed = screen.getByText('咨询资费').closest('tr')!;
    expect(within(closed).getByText('2025-12-30 16:00 办结')).toBeTruthy();
    expect(within(closed).getByText('★★★★★')).toBeTruthy();
  });
});
