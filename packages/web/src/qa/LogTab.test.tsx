// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QaEvaluation, QaLog, QaLogOverview, QaLogSummary } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { LogTab } from './LogTab';

const summary = (s: Partial<QaLogSummary>): QaLogSummary => ({ heard: 0, calibrations: 0, target: 60, progress: 0, averageScore: null, fatal: 0, disputes: 0, ...s });

const log = (inspector: { id: string; name: string }, date: string, mayWrite: boolean, note: QaLog['note']): QaLog => ({
  date,
  inspector,
  summary: summary({ heard: 2, calibrations: 1, progress: 2 / 60, averageScore: 45, fatal: 1, disputes: 1 }),
  rows: [
    {
      evaluationId: 'e1',
      scoredAt: '2026-01-05T16:10:00Z',
      agentId: 'a1',
      agentName: '王芳',
      employeeNo: '8001',
      callId: 'c1',
      callStartedAt: '2026-01-05T15:50:00Z',
      score: 90,
      fatal: false,
      status: 'pending',
      failedItems: [{ key: 'greeting', text: '标准开场白', fatal: false }],
      comment: '开场白语速过快',
    },
    {
      evaluationId: 'e2',
      scoredAt: '2026-01-05T16:20:00Z',
      agentId: 'a2',
      agentName: '李娜',
      employeeNo: '8002',
      callId: 'c2',
      callStartedAt: '2026-01-05T15:55:00Z',
      score: 0,
      fatal: true,
      status: 'disputed',
      failedItems: [{ key: 'privacy', text: '泄露客户信息', fatal: true }],
      comment: '[01:05] 读出了客户手机号',
    },
  ],
  note,
  mayWrite,
});

const evaluation = {
  id: 'e2',
  callId: 'c2',
  agentName: '李娜',
  employeeNo: '8002',
  callStartedAt: '2026-01-05T15:55:00Z',
  score: 0,
  fatal: true,
  status: 'disputed',
} as QaEvaluation;

describe('the QA log tab (质检日志)', () => {
  afterEach(() => vi.useRealTimers());

  it('shows an inspector the own day on the center’s calendar against the target, opens an evaluation, saves the note and exports the day', async () => {
    // 00:30 on 6 January in Shanghai, still the 5th in UTC: the log starts on the center's day.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-05T16:30:00Z'));
    const asked: string[] = [];
    const saved: unknown[] = [];
    fakeApi((method, path, body) => {
      asked.push(`${method} ${path}`);
      if (method === 'PUT') {
        saved.push(body);
        return [200, { text: (body as { text: string }).text, updatedAt: '2026-01-05T16:31:00Z' }];
      }
      if (path.startsWith('/api/v1/qa/log?')) return [200, log({ id: 'q1', name: '质检员' }, '2026-01-06', true, null)];
      if (path === '/api/v1/qa/evaluations/e2') return [200, { ...evaluation, items: [], comments: [{ atSeconds: null, text: '评分卡上的评语', itemKey: null }] }];
      return [200, {}];
    });
    render(
      <App>
        <LogTab timeZone="Asia/Shanghai" lead={false} />
      </App>,
    );
    await screen.findByText('质检员 的质检日志 · 2026-01-06');
    expect(asked).toEqual(['GET /api/v1/qa/log?date=2026-01-06']);
    // Heard against the target, calibration sheets apart.
    const figures = [...document.querySelectorAll('.ant-statistic')].map((f) => f.textContent);
    expect(figures).toEqual(['监听2/ 60', '校准1', '平均分45.0', '致命项1', '申诉1']);
    // Each evaluation: time scored and the call's start on the center's clock, agent, score, fatal tag, failed items, comment.
    const fatalRow = screen.getByText('8002 李娜').closest('tr')!;
    expect(within(fatalRow).getByText('00:20')).toBeTruthy();
    expect(within(fatalRow).getByText('2026-01-05 23:55')).toBeTruthy();
    expect(within(fatalRow).getByText('0.0')).toBeTruthy();
    expect(within(fatalRow).getByText('泄露客户信息')).toBeTruthy();
    expect(within(fatalRow).getByText('[01:05] 读出了客户手机号')).toBeTruthy();

    fireEvent.click(fatalRow);
    expect(await screen.findByText('评分卡上的评语')).toBeTruthy();
    expect(asked).toContain('GET /api/v1/qa/evaluations/e2');

    fireEvent.change(screen.getByLabelText('今日发现的共性问题 / 建议'), { target: { value: '多名座席开场未报工号' } });
    fireEvent.click(screen.getByText('保存日志'));
    await waitFor(() => expect(saved).toEqual([{ date: '2026-01-06', text: '多名座席开场未报工号' }]));
    expect(screen.getByText('导出 Excel').closest('a')?.getAttribute('href')).toBe('/api/v1/qa/log/export.xlsx?date=2026-01-06&lang=zh-CN');
  });

  it('shows a lead each inspector’s day and opens the log of the one clicked, the note to read, not to write', async () => {
    const overview: QaLogOverview = {
      date: '2026-01-05',
      rows: [
        { inspectorId: 'q2', name: '质检员二', noted: false, ...summary({ heard: 12, progress: 0.2, averageScore: 88 }) },
        { inspectorId: 'q1', name: '质检员', noted: true, ...summary({ heard: 58, progress: 58 / 60, averageScore: 91.5, fatal: 2 }) },
      ],
    };
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      if (path.startsWith('/api/v1/qa/log/overview')) return [200, overview];
      if (path.startsWith('/api/v1/qa/log?'))
        return [200, log({ id: 'q1', name: '质检员' }, '2026-01-05', false, { text: '投诉队列普遍未安抚情绪', updatedAt: '2026-01-05T10:00:00Z' })];
      return [200, {}];
    });
    render(
      <App>
        <LogTab timeZone="Asia/Shanghai" lead />
      </App>,
    );
    const row = (await screen.findByText('质检员二')).closest('tr')!;
    expect(within(row).getByText('12 / 60')).toBeTruthy();
    expect(within(row).getByText('未填写')).toBeTruthy();
    // Nobody's log until an inspector is picked.
    expect(asked.some((p) => p.startsWith('/api/v1/qa/log?'))).toBe(false);
    expect(screen.getByText('点击上表中的质检员，查看其当天的质检日志')).toBeTruthy();

    fireEvent.click(screen.getByText('58 / 60'));
    expect(await screen.findByText('投诉队列普遍未安抚情绪')).toBeTruthy();
    expect(asked.find((p) => p.startsWith('/api/v1/qa/log?'))).toMatch(/inspector=q1/);
    expect(screen.queryByText('保存日志')).toBeNull();
    expect(screen.getByText('导出 Excel').closest('a')?.getAttribute('href')).toMatch(/inspector=q1/);
  });
});
