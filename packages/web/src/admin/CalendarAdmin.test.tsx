// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CalendarAdmin } from './CalendarAdmin';

type Answer = [number, unknown];

/** A year with the National Day holiday and its make-up Saturday, as GET /api/v1/calendar lists every day. */
const year = [
  { date: '2026-09-30', kind: 'workday' },
  { date: '2026-10-01', kind: 'holiday' },
  { date: '2026-10-02', kind: 'holiday' },
  { date: '2026-10-03', kind: 'restday' },
  { date: '2026-10-10', kind: 'makeup' },
];

function serve(answer: (method: string, path: string, body: unknown) => Answer | undefined = () => undefined) {
  const sent: [string, string, unknown][] = [];
  fakeApi((method, path, body) => {
    const own = answer(method, path, body);
    if (method !== 'GET') sent.push([method, path, body]);
    if (own) return own;
    if (path === '/api/v1/center/settings') return [200, { officeHours: [{ start: '09:00', end: '18:00' }] }];
    if (path.startsWith('/api/v1/calendar?')) return [200, { days: year }];
    if (method === 'PATCH') return [200, body];
    if (method === 'PUT') return [200, { date: path.split('/').at(-1), kind: (body as { kind: string }).kind === 'holiday' ? 'holiday' : 'makeup' }];
    return [200, { date: path.split('/').at(-1), kind: 'workday' }];
  });
  render(
    <App>
      <CalendarAdmin />
    </App>,
  );
  return sent;
}

const pick = (label: string, date: string) => {
  const input = screen.getByLabelText(label);
  fireEvent.mouseDown(input);
  fireEvent.change(input, { target: { value: date } });
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
};

describe('the work calendar administration', () => {
  it('lists the year’s holidays and make-up working days, sets a make-up day and clears a holiday', async () => {
    const sent = serve();
    const holiday = (await screen.findByText('2026-10-01')).closest('tr')!;
    expect(within(holiday).getByText('节假日（休）')).toBeTruthy();
    expect(within(holiday).getByText('周四')).toBeTruthy();
    expect(within(screen.getByText('2026-10-10').closest('tr')!).getByText('调休工作日（班）')).toBeTruthy();
    expect(screen.queryByText('2026-10-03')).toBeNull();
    expect(screen.getByText(/节假日 2 天，调休工作日 1 天/)).toBeTruthy();

    pick('日期', '2026-09-27');
    fireEvent.mouseDown(screen.getByLabelText('类型'));
    fireEvent.click(await screen.findByTitle('调休工作日（班）'));
    fireEvent.click(screen.getByRole('button', { name: '设 定' }));
    await waitFor(() => expect(sent).toContainEqual(['PUT', '/api/v1/calendar/days/2026-09-27', { kind: 'workday' }]));

    fireEvent.click(within(screen.getByText('2026-10-02').closest('tr')!).getByRole('button', { name: '恢复为平常日' }));
    await waitFor(() => expect(sent).toContainEqual(['DELETE', '/api/v1/calendar/days/2026-10-02', undefined]));
  });

  it('sets the back office’s hours with a lunch break, and shows the server’s refusal of overlapping ones', async () => {
    const sent = serve((method, _path, body) => {
      const hours = (body as { officeHours?: { start: string }[] } | undefined)?.officeHours;
      if (method === 'PATCH' && hours?.some((w) => w.start === '11:00'))
        return [400, { error: { code: 'invalid_request', message: 'officeHours: 办公时段 11:00-17:30 与 08:30-12:00 重叠' } }];
      return undefined;
    });
    const hours = await screen.findByDisplayValue('09:00-18:00');
    fireEvent.change(hours, { target: { value: '08:30-12:00，13:30-17:30' } });
    fireEvent.click(screen.getByRole('button', { name: '保存办公时间' }));
    await waitFor(() =>
      expect(sent).toContainEqual([
        'PATCH',
        '/api/v1/center/settings',
        {
          officeHours: [
            { start: '08:30', end: '12:00' },
            { start: '13:30', end: '17:30' },
          ],
        },
      ]),
    );

    fireEvent.change(hours, { target: { value: '08:30-12:00, 11:00-17:30' } });
    fireEvent.click(screen.getByRole('button', { name: '保存办公时间' }));
    expect(await screen.findByText('操作失败：officeHours: 办公时段 11:00-17:30 与 08:30-12:00 重叠')).toBeTruthy();

    // Text that is not a period is refused before it is sent.
    fireEvent.change(hours, { target: { value: '9点到6点' } });
    fireEvent.click(screen.getByRole('button', { name: '保存办公时间' }));
    expect(await screen.findByText('「9点到6点」不是有效的时段，应写成 09:00-18:00')).toBeTruthy();
    expect(sent.filter(([method]) => method === 'PATCH')).toHaveLength(2);
  });
});
