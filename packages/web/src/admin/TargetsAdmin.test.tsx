// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { TargetsAdmin } from './TargetsAdmin';

const metrics = [
  { id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher' },
  { id: 'averageHandleTime', zh: '平均处理时长', en: 'Average handle time', unit: 'seconds', better: 'lower' },
  { id: 'totalCalls', zh: '总呼入量', en: 'Total calls', unit: 'count', better: null },
];

function serve(sent: { method: string; path: string; body: unknown }[]) {
  fakeApi((method, path, body) => {
    if (method !== 'GET') {
      sent.push({ method, path, body });
      return method === 'DELETE' ? [204, null] : [200, body];
    }
    if (path === '/api/v1/targets')
      return [
        200,
        [
          { metricId: 'serviceLevel', scope: 'center', scopeId: '', target: 0.8 },
          { metricId: 'averageHandleTime', scope: 'team', scopeId: 't1', target: 245 },
        ],
      ];
    if (path === '/api/v1/metrics') return [200, metrics];
    if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's1', leaderIds: [], agentCount: 12 }]];
    if (path === '/api/v1/users') return [200, [{ id: 'a1', displayName: '张伟', role: 'agent', employeeNo: '8001', teamId: 't1', skills: [] }]];
    return [200, []];
  });
  render(
    <App>
      <TargetsAdmin />
    </App>,
  );
}

describe('metric targets administration', () => {
  it('lists targets with the metric’s name, whom they are for, and the value in its unit', async () => {
    serve([]);
    const center = (await screen.findByText('服务水平')).closest('tr')!;
    expect(within(center).getByText('全中心')).toBeTruthy();
    expect(within(center).getByText('80%')).toBeTruthy();
    const team = screen.getByText('平均处理时长').closest('tr')!;
    await waitFor(() => expect(within(team).getByText('客服一组')).toBeTruthy());
    expect(within(team).getByText('4分05秒')).toBeTruthy();
  });

  it('sets an agent’s service-level target in percent and sends the share', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    await screen.findByText('服务水平');
    fireEvent.click(screen.getByText('设定目标'));
    fireEvent.mouseDown(await screen.findByLabelText('指标'));
    fireEvent.click(await screen.findByTitle('服务水平（越高越好）'));
    expect(screen.queryByTitle(/总呼入量/)).toBeNull();
    fireEvent.mouseDown(screen.getByLabelText('范围'));
    fireEvent.click(await screen.findByTitle('座席'));
    fireEvent.mouseDown(await screen.findByLabelText('对象'));
    fireEvent.click(await screen.findByTitle('8001 张伟'));
    fireEvent.change(screen.getByLabelText('目标值'), { target: { value: '150' } });
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText('百分比应在 0 到 100 之间')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByLabelText('目标值'), { target: { value: '85' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toEqual([{ method: 'PUT', path: '/api/v1/targets', body: { metricId: 'serviceLevel', scope: 'agent', scopeId: 'a1', target: 0.85 } }]));
  });

  it('removes a team’s target', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    serve(sent);
    const row = (await screen.findByText('平均处理时长')).closest('tr')!;
    fireEvent.click(within(row).getByText(/^删\s?除$/));
    fireEvent.click((await screen.findAllByText(/^删\s?除$/)).at(-1)!);
    await waitFor(() => expect(sent).toEqual([{ method: 'DELETE', path: '/api/v1/targets?metricId=averageHandleTime&scope=team&scopeId=t1', body: undefined }]));
  });
});
