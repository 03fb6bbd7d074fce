// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CenterHoursAdmin } from './CenterHoursAdmin';
import { parseDay } from './hours';

const center = {
  id: 'c',
  name: '班组呼叫中心',
  timeZone: 'Asia/Shanghai',
  hours: { mon: [['09:00', '18:00']], sat: [['10:00', '12:00']] },
  holidays: ['2026-10-01'],
  announceMonitoring: false,
};

function serve() {
  const sent: unknown[] = [];
  fakeApi((method, _path, body) => {
    if (method === 'GET') return [200, center];
    sent.push(body);
    return [200, { ...center, ...(body as object) }];
  });
  render(
    <App>
      <CenterHoursAdmin />
    </App>,
  );
  return sent;
}

describe('opening hours administration', () => {
  it('shows the week as written and saves only what changed: a lunch break on Monday, Saturday closed', async () => {
    const sent = serve();
    const monday = await screen.findByDisplayValue('09:00-18:00');
    expect(screen.getByDisplayValue('10:00-12:00')).toBeTruthy();
    fireEvent.change(monday, { target: { value: '09:00-12:00，13:30-18:00' } });
    fireEvent.change(screen.getByLabelText('周六'), { target: { value: '' } });
    fireEvent.click(screen.getByText('保存营业时间'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      hours: {
        mon: [
          ['09:00', '12:00'],
          ['13:30', '18:00'],
        ],
      },
    });
  });

  it('refuses hours it cannot read, in Chinese, and sends nothing', async () => {
    const sent = serve();
    await screen.findByDisplayValue('09:00-18:00');
    fireEvent.change(screen.getByLabelText('周二'), { target: { value: '9点到6点' } });
    fireEvent.change(screen.getByLabelText('周三'), { target: { value: '18:00-09:00' } });
    fireEvent.click(screen.getByText('保存营业时间'));
    expect(await screen.findByText('「9点到6点」不是有效的时段，应写成 09:00-18:00')).toBeTruthy();
    expect(screen.getByText('「18:00-09:00」的开始时间应早于结束时间')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('reads periods as people write them', () => {
    expect(parseDay(' 08:30 - 12:00 ; 13:00至24:00 ')).toEqual([
      ['08:30', '12:00'],
      ['13:00', '24:00'],
    ]);
    expect(parseDay('')).toEqual([]);
    expect(parseDay('25:00-26:00')).toEqual({ problem: 'time', text: '25:00-26:00' });
  });
});
