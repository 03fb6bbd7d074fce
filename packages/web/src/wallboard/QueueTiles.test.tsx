import type { FloorQueue, FloorThresholds, ReportServiceLevel } from '@banzu/contract';
// @vitest-environment jsdom
import { render, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { i18next } from '../i18n/index';
import '../testing/dom';
import { QueueTiles } from './QueueTiles';

const NOW = 1_700_000_000_000;
const thresholds: FloorThresholds = { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 15, waitSeconds: 60, callSeconds: 1200 };
const queue = (name: string, over: Partial<FloorQueue> = {}): FloorQueue => ({
  queueId: `q-${name}`,
  name,
  slThresholdSeconds: 20,
  slTarget: 0.8,
  waiting: 0,
  longestWaitSince: null,
  agentsReady: 0,
  agentsTalking: 0,
  agentsNotReady: 0,
  today: {},
  last30: {},
  ...over,
});

const genesys: ReportServiceLevel = {
  variant: 'answered_abandoned',
  excludeShortAbandons: false,
  zh: '服务水平口径：阈值内接听 / (接听 + 放弃)',
  en: 'Service level: answered within threshold / (answered + abandoned)',
};

const tile = (name: string) => document.querySelector(`[data-queue="${name}"]`) as HTMLElement;
/** The figure shown after a label in the tile's figures row ("今日服务水平 85.0%"). */
const figure = (name: string, label: string) => {
  const row = [...tile(name).querySelectorAll('.queue-figures > span, .queue-staff span')].find((s) => s.textContent?.startsWith(label));
  return row?.querySelector('b')?.textContent;
};
const statistic = (name: string, title: string) => within(tile(name)).getByText(title).closest('.ant-statistic')!.querySelector('.ant-statistic-content')!.textContent;

describe('queue tiles', () => {
  it('shows waiting, longest wait, service level today and in the last 30 minutes, abandonment, ASA, offered and staffing', () => {
    render(
      <QueueTiles
        now={NOW}
        thresholds={thresholds}
        queues={[
          queue('售前咨询', {
            waiting: 3,
            longestWaitSince: NOW - 95_000,
            agentsReady: 2,
            agentsTalking: 5,
            agentsNotReady: 1,
            today: { serviceLevel: 0.853, abandonmentRate: 0.042, averageSpeedOfAnswer: 12.4, totalCalls: 412 },
            last30: { serviceLevel: 0.62 },
          }),
        ]}
      />,
    );
    expect(within(tile('售前咨询')).getByText('售前咨询')).toBeTruthy();
    expect(within(tile('售前咨询')).getByText('目标 80.0% / 20s')).toBeTruthy();
    expect(statistic('售前咨询', '排队')).toBe('3');
    expect(statistic('售前咨询', '最长等待')).toBe('1:35');
    expect(figure('售前咨询', '今日服务水平')).toBe('85.3%');
    expect(figure('售前咨询', '近 30 分钟')).toBe('62.0%');
    expect(figure('售前咨询', '放弃率')).toBe('4.2%');
    expect(figure('售前咨询', '平均应答速度')).toBe('12秒');
    expect(figure('售前咨询', '呼入量')).toBe('412');
    expect([figure('售前咨询', '空闲'), figure('售前咨询', '通话'), figure('售前咨询', '示忙')]).toEqual(['2', '5', '1']);
  });

  it('marks a service level below target red and one at target green, a long wait red, and no data as a dash', () => {
    render(
      <QueueTiles
        now={NOW}
        thresholds={thresholds}
        queues={[
          queue('投诉建议', { waiting: 1, longestWaitSince: NOW - 61_000, today: { serviceLevel: 0.79 }, last30: { serviceLevel: 0.8 } }),
          queue('VIP专线', { waiting: 1, longestWaitSince: NOW - 60_000, today: { serviceLevel: 0.8 } }),
          queue('售后服务', { today: { serviceLevel: null, abandonmentRate: null, averageSpeedOfAnswer: 75 } }),
        ]}
      />,
    );
    const slColour = (name: string, label: string) => {
      const row = [...tile(name).querySelectorAll('.queue-figures > span')].find((s) => s.textContent?.startsWith(label))!;
      return (row.querySelector('b') as HTMLElement).style.color;
    };
    expect(tile('投诉建议').getAttribute('data-below-target')).toBe('true');
    expect(slColour('投诉建议', '今日服务水平')).toBe('rgb(207, 19, 34)');
    expect(slColour('投诉建议', '近 30 分钟')).toBe('rgb(56, 158, 13)');
    expect(tile('投诉建议').querySelector('.longest-wait')!.getAttribute('data-long')).toBe('true');

    expect(tile('VIP专线').getAttribute('data-below-target')).toBe('false');
    expect(slColour('VIP专线', '今日服务水平')).toBe('rgb(56, 158, 13)');
    expect(tile('VIP专线').querySelector('.longest-wait')!.getAttribute('data-long')).toBe('false');

    expect(tile('售后服务').getAttribute('data-below-target')).toBe('false');
    expect(statistic('售后服务', '最长等待')).toBe('—');
    expect(figure('售后服务', '今日服务水平')).toBe('—');
    expect(figure('售后服务', '放弃率')).toBe('—');
    expect(figure('售后服务', '平均应答速度')).toBe('1分15秒');
  });

  it('names the center’s service-level variant under the tiles, and says the tiles are the whole center’s', () => {
    render(<QueueTiles now={NOW} thresholds={thresholds} serviceLevel={genesys} queues={[queue('售前咨询', { today: { serviceLevel: 0.9 } })]} />);
    expect(document.querySelector('.service-level-variant')!.textContent).toBe('服务水平口径：阈值内接听 / (接听 + 放弃)');
    expect(document.querySelector('.center-queues')!.textContent).toBe('队列数据为全中心的，不只本班组');
  });

  it('speaks English when the user switches', async () => {
    await i18next.changeLanguage('en');
    try {
      render(
        <QueueTiles now={NOW} thresholds={thresholds} serviceLevel={genesys} queues={[queue('售前咨询', { waiting: 2, today: { serviceLevel: 0.5, averageSpeedOfAnswer: 8 } })]} />,
      );
      expect(within(tile('售前咨询')).getByText('Waiting')).toBeTruthy();
      expect(document.querySelector('.service-level-variant')!.textContent).toBe('Service level: answered within threshold / (answered + abandoned)');
      expect(figure('售前咨询', 'ASA')).toBe('8 s');
    } finally {
      await i18next.changeLanguage('zh-CN');
    }
  });
});
