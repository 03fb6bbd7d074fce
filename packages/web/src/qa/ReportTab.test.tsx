// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QaReport, QaReportRow } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { ReportTab } from './ReportTab';

const row = (key: string, name: string, figures: Partial<QaReportRow>): QaReportRow => ({
  key,
  name,
  evaluations: 0,
  averageScore: null,
  fatalRate: null,
  nonFatalRate: null,
  disputes: 0,
  disputesChanged: 0,
  fatalEvaluations: 0,
  disputeRate: null,
  upheld: 0,
  changed: 0,
  ...figures,
});

const report = (by: QaReport['by']): QaReport => ({
  by,
  rows: [
    row('q1', '质检员甲', { evaluations: 8, averageScore: 82.5, fatalRate: 0.125, fatalEvaluations: 1, disputes: 2, disputeRate: 0.25, upheld: 1, changed: 1 }),
    row('', '', { evaluations: 2, averageScore: 90, fatalRate: 0, disputes: 0, disputeRate: 0 }),
  ],
  total: row('total', '合计', { evaluations: 10, averageScore: 84, fatalRate: 0.1, fatalEvaluations: 1, disputes: 2, disputeRate: 0.2, upheld: 1, changed: 1 }),
  items: [{ key: 'privacy', text: '泄露客户信息', failed: 2, of: 10, fatal: true, earnedShare: 0.8, fatalRate: 0.2 }],
  trend: [{ day: '2026-02-01', averageScore: 84, evaluations: 10, fatalRate: 0.1 }],
  choices: {
    agents: [
      { id: 'a1', name: '王芳' },
      { id: 'a2', name: '李娜' },
    ],
    inspectors: [{ id: 'q1', name: '质检员' }],
  },
});

describe('the QA report tab', () => {
  afterEach(() => vi.useRealTimers());

  it('starts on the center’s month, narrows to an agent, shows dispute rates and outcomes and item figures, and exports what it shows', async () => {
    // 20:00 UTC on 31 January is already 1 February in Shanghai: the report starts on the center's date.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-31T20:00:00Z'));
    const asked: string[] = [];
    fakeApi((_method, path) => {
      asked.push(path);
      const by = new URL(path, 'http://x').searchParams.get('by') as QaReport['by'];
      return [200, report(by)];
    });
    render(
      <App>
        <ReportTab timeZone="Asia/Shanghai" />
      </App>,
    );
    await screen.findByText('泄露客户信息');
    expect(asked[0]).toBe('/api/v1/qa/report?from=2026-02-01&to=2026-02-01&by=agent');
    // Dispute rate and what the QA lead decided, per row and in total.
    const first = screen.getByText('质检员甲').closest('tr')!;
    expect(within(first).getByText('25.0%')).toBeTruthy();
    expect(within(first).getByText('维持 1 · 改分 1')).toBeTruthy();
    expect(within(screen.getByText('合计').closest('tr')!).getByText('20.0%')).toBeTruthy();
    // Per item: failures, the share of its points earned and its own fatal rate.
    const item = screen.getByText('泄露客户信息').closest('tr')!;
    expect(within(item).getByText('2 / 10')).toBeTruthy();
    expect(within(item).getByText('80.0%')).toBeTruthy();
    expect(within(item).getByText('20.0%')).toBeTruthy();
    expect(screen.getByText('2026-02-01')).toBeTruthy();

    fireEvent.click(screen.getByText('按班组'));
    expect(await screen.findByText('无班组')).toBeTruthy();
    // Narrowed to one agent: the query and the export say so.
    fireEvent.mouseDown(screen.getByLabelText('座席'));
    fireEvent.click(await screen.findByTitle('李娜'));
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/qa/report?from=2026-02-01&to=2026-02-01&by=team&agentId=a2'));
    expect(screen.getByText('导出 Excel').closest('a')?.getAttribute('href')).toBe('/api/v1/qa/report/export.xlsx?from=2026-02-01&to=2026-02-01&by=team&agentId=a2&lang=zh-CN');
  });
});
