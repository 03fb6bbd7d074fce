// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { MyDay } from './MyDay';

/** The figure under a title and the team average written below it. */
function figure(title: string) {
  const cell = screen.getByText(title).closest('.ant-col')!;
  return [cell.querySelector('.ant-statistic-content')!.textContent, cell.querySelector('.ant-typography')?.textContent ?? null];
}

describe('my day', () => {
  it('shows the agent’s figures for the day, each with the team’s average, as the server computed them', async () => {
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      return [
        200,
        {
          mine: { answered: 3, averageHandleTime: 200, notReadyTime: 60, talkUtilization: 0.5 },
          team: { agents: 4, metrics: { answered: 6, averageHandleTime: 180, notReadyTime: 400, talkUtilization: 0.4 } },
        },
      ];
    });
    render(<MyDay agentId="a1" date="2026-01-05" refreshKey={0} />);
    await screen.findByText('班组平均 1.5');
    expect(asked).toEqual(['/api/v1/desktop/my-day?date=2026-01-05']);
    expect(figure('接听量')).toEqual(['3', '班组平均 1.5']);
    expect(figure('平均处理时长')).toEqual(['3分20秒', '班组平均 3分00秒']);
    expect(figure('示忙时长')).toEqual(['1分00秒', '班组平均 1分40秒']);
    expect(figure('通话利用率')).toEqual(['50.0%', '班组平均 40.0%']);
  });

  it('compares with no team when the agent is the only one on it', async () => {
    fakeApi(() => [200, { mine: { answered: 2, averageHandleTime: null, notReadyTime: 0, talkUtilization: null }, team: { agents: 1, metrics: { answered: 2 } } }]);
    render(<MyDay agentId="a1" date="2026-01-05" refreshKey={0} />);
    await screen.findByText('2');
    expect(figure('接听量')).toEqual(['2', null]);
    expect(figure('平均处理时长')).toEqual(['—', null]);
  });
});
