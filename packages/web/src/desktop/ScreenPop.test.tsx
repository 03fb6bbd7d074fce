// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { ScreenPop } from './ScreenPop';

describe('the screen pop', () => {
  it('shows a known caller’s customer card: name, class, VIP, tags, latest order and repair with feedback, last visit, at the center’s times', async () => {
    fakeApi((_method, path) =>
      path === '/api/v1/center'
        ? [200, { timeZone: 'Asia/Urumqi' }]
        : [
            200,
            {
              callId: 'c-1',
              from: '13812345678',
              vipLevel: 5,
              previousCalls: [{ callId: 'c-0', startedAt: '2026-01-01T12:00:00Z', outcome: 'after_hours_message', disposition: null, agentId: null }],
              customer: {
                id: 'x',
                externalId: 'K1',
                name: '欧阳娜娜',
                classCode: 'high_value',
                className: { zh: '优质客户', en: 'High value' },
                vipLevel: 5,
                tags: ['老客户'],
                ownerName: null,
                teamId: null,
                notes: '',
                phones: [{ number: '138 1234 5678', kind: 'mobile' }],
                phonesMasked: false,
                createdAt: '2025-01-01T00:00:00Z',
                recentOrders: [{ id: 'o1', orderNo: 'SO1', product: '对开门冰箱', amountCents: 459900, currency: 'CNY', status: 'delivered', orderedAt: '2026-01-02T03:00:00Z' }],
                recentServiceRecords: [
                  { id: 's1', kind: 'repair', subject: '不制冷', status: 'closed', openedAt: '2026-01-03T03:00:00Z', feedback: '师傅很准时', satisfaction: 5 },
                ],
                lastVisit: { id: 'v1', visitedAt: '2026-01-04T03:00:00Z', remote: true, intention: 'high', opinion: '', nextStep: '一周后回访' },
              },
            },
          ],
    );
    render(<ScreenPop callId="c-1" dispositionLabel={(c) => c} />);
    expect(await screen.findByText('欧阳娜娜')).toBeTruthy();
    expect(screen.getByText('优质客户')).toBeTruthy();
    expect(screen.getByText('老客户')).toBeTruthy();
    expect(screen.getAllByText(/VIP/).length).toBeGreaterThanOrEqual(2);
    // Ordered 03:00 UTC: 09:00 on a center six hours ahead, whatever the browser's zone.
    expect(await screen.findByText('2026-01-02 09:00 · 对开门冰箱 · ¥4,599.00 · 已签收')).toBeTruthy();
    expect(screen.getByText(/维修 · 不制冷 · 已完成 · 师傅很准时/)).toBeTruthy();
    expect(screen.getByText(/远程 · 意向: 高 · 一周后回访/)).toBeTruthy();
    // An earlier call's outcome reads as the reports name it.
    expect(screen.getByText('下班提示')).toBeTruthy();
  });

  it('says so when the number is no customer’s', async () => {
    fakeApi(() => [200, { callId: 'c-2', from: '19900000000', vipLevel: 0, previousCalls: [], customer: null }]);
    render(<ScreenPop callId="c-2" dispositionLabel={(c) => c} />);
    expect(await screen.findByText('19900000000')).toBeTruthy();
    expect(screen.queryByText('优质客户')).toBeNull();
  });
});
