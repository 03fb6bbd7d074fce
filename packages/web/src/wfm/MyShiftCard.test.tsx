// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { MyShiftCard } from './MyShiftCard';

describe("the desk's 我的班表 card", () => {
  it("shows the next published shift with its lunch, from next month's at a month's end, and what changed", async () => {
    fakeApi((_method, path) => {
      if (path === '/api/v1/wfm/my-schedule?month=2026-01')
        return [
          200,
          {
            month: '2026-01',
            timeZone: 'Asia/Shanghai',
            shifts: [{ date: '2026-01-30', shift: '早班', start: '2026-01-30T08:30', end: '2026-01-30T17:30', breaks: [] }],
            overtime: [],
            changes: [{ id: 3, date: '2026-02-02', before: null, after: '中班', cause: 'swap', note: '王芳 ⇄ 李娜', at: '2026-01-28T01:00:00.000Z', read: false }],
          },
        ];
      if (path === '/api/v1/wfm/my-schedule?month=2026-02')
        return [
          200,
          {
            month: '2026-02',
            timeZone: 'Asia/Shanghai',
            shifts: [
              {
                date: '2026-02-02',
                shift: '中班',
                start: '2026-02-02T11:00',
                end: '2026-02-02T20:00',
                breaks: [{ name: '午休', start: '2026-02-02T14:00', end: '2026-02-02T15:00' }],
              },
            ],
            overtime: [],
            changes: [],
          },
        ];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    render(
      <App>
        <MyShiftCard date="2026-01-31" />
      </App>,
    );
    expect((await screen.findByTestId('next-shift')).textContent).toBe('下一个班次：2026-02-02 一 中班11:00-20:00 · 休息 14:00-15:00');
    expect(screen.getByText('2026-02-02：休 → 中班（换班：王芳 ⇄ 李娜）')).toBeTruthy();
  });
});
