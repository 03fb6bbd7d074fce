// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TicketReport } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { TicketReportCard } from './TicketReportCard';

const figures = { tickets: 3, closed: 2, onTimeRate: 0.5, averageHandlingHours: 26.5, reopenRate: 1 / 3, bounces: 1, satisfaction: 4 };
const report: TicketReport = {
  by: 'type',
  rows: [
    { key: 'complaint', label: '投诉', tickets: 2, closed: 1, onTimeRate: 1, averageHandlingHours: 3, reopenRate: 0.5, bounces: 0, satisfaction: 5 },
    { key: 'mayor_hotline', label: '市长专线', tickets: 1, closed: 1, onTimeRate: 0, averageHandlingHours: 50, reopenRate: 0, bounces: 1, satisfaction: 3 },
  ],
  total: figures,
  customers: 43,
  ticketsPerCustomer: 3 / 43,
};
const types = [
  { code: 'complaint', name: '投诉', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: false },
  { code: 'mayor_hotline', name: '市长专线', sla: { hours: 48, basis: 'clock', byPriority: {} }, register: true },
];

function serve(): string[] {
  const asked: string[] = [];
  fakeApi((_method, path) => {
    if (path === '/api/v1/ticket-types') return [200, types];
    asked.push(path);
    return [200, report];
  });
  return asked;
}

const cellsOf = (row: Element) => [...row.querySelectorAll('td')].map((td) => td.textContent);

describe('the ticket report card', () => {
  it('shows each group, the total the rows add up to, and tickets per customer (seed 002)', async () => {
    const asked = serve();
    render(<TicketReportCard />);
    const total = (await screen.findByText('合计')).closest('tr')!;
    expect(asked).toEqual(['/api/v1/tickets/report?by=type']);
    expect(cellsOf(screen.getByText('投诉').closest('tr')!)).toEqual(['投诉', '2', '1', '100.0%', '3.0', '50.0%', '0', '5.0']);
    expect(cellsOf(total)).toEqual(['合计', '3', '2', '50.0%', '26.5', '33.3%', '1', '4.0']);
    expect(screen.getByText('平均每名顾客提交工单 0.070（工单 3 张，客户 43 名）')).toBeTruthy();
    expect(screen.getByText('平均处理时长（自然小时）')).toBeTruthy();
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe('/api/v1/tickets/report?by=type&format=xlsx&lang=zh-CN');
  });

  it('narrows to the registers or one type and to the days accepted; the export follows', async () => {
    const asked = serve();
    render(<TicketReportCard />);
    await screen.findByText('合计');
    fireEvent.mouseDown(screen.getByLabelText('统计范围'));
    fireEvent.click(await screen.findByTitle('全部登记簿（市长专线等）'));
    await waitFor(() => expect(asked).toContain('/api/v1/tickets/report?by=type&register=true'));
    fireEvent.mouseDown(screen.getByLabelText('统计范围'));
    fireEvent.click(await screen.findByTitle('市长专线（登记簿）'));
    await waitFor(() => expect(asked).toContain('/api/v1/tickets/report?by=type&type=mayor_hotline'));

    // January: the last day picked is in it, so `to` is the day after.
    for (const [placeholder, day] of [
      ['受理日期从', '2026-01-01'],
      ['至', '2026-01-31'],
    ] as const) {
      const input = screen.getByPlaceholderText(placeholder);
      fireEvent.mouseDown(input);
      fireEvent.change(input, { target: { value: day } });
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    }
    const january = '/api/v1/tickets/report?by=type&type=mayor_hotline&from=2026-01-01&to=2026-02-01';
    await waitFor(() => expect(asked).toContain(january));
    fireEvent.click(within(screen.getByRole('radiogroup')).getByText('承办'));
    await waitFor(() => expect(asked).toContain(january.replace('by=type', 'by=assignee')));
    expect(screen.getByRole('link', { name: /导出 Excel/ }).getAttribute('href')).toBe(`${january.replace('by=type', 'by=assignee')}&format=xlsx&lang=zh-CN`);
  });
});
