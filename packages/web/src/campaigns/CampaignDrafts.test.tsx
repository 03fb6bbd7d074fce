// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CampaignsPage } from './CampaignsPage';

vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user: { id: 'l1', role: 'team_leader', displayName: '组长' } }) }));

const rules = {
  dialingMode: 'preview',
  distribution: 'equal',
  maxAttempts: 3,
  callbackTo: 'same_agent',
  callingHours: { mon: [['09:00', '18:00']] },
  doNotCall: ['+8613800000011'],
};
const campaigns = [
  { id: 'c1', name: '春季回访', status: 'draft', teamId: 't1', script: '您好', rules, counts: { open: 120, dnc: 1 } },
  { id: 'c2', name: '双十一', status: 'running', teamId: 't1', script: '', rules, counts: { open: 50 } },
];

function serve(respond: (method: string, path: string, body: unknown) => [number, unknown] | undefined) {
  const sent: [string, string, unknown][] = [];
  fakeApi((method, path, body) => {
    if (method !== 'GET') sent.push([method, path, body]);
    const answer = respond(method, path, body);
    if (answer) return answer;
    if (path === '/api/v1/campaigns') return [200, campaigns];
    if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '电话营销组' }]];
    if (path.startsWith('/api/v1/campaigns/reports/team')) return [200, { rows: [] }];
    if (path.startsWith('/api/v1/campaigns/reports/agents')) return [200, { rows: [], metrics: [] }];
    return [404, { error: { code: 'not_found', message: path } }];
  });
  render(
    <App>
      <CampaignsPage />
    </App>,
  );
  return sent;
}

describe('campaign drafts', () => {
  it('shows how many customers a new campaign would hold before creating it', async () => {
    const sent = serve((method, path) => (method === 'POST' && path === '/api/v1/campaigns/preview' ? [200, { customers: 118, withoutPhone: 4 }] : undefined));
    fireEvent.click(await screen.findByText('新建外呼任务'));
    fireEvent.change(await screen.findByLabelText('名称'), { target: { value: '秋季回访' } });
    fireEvent.click(screen.getByText('统计客户数'));
    expect((await screen.findByTestId('campaign-preview')).textContent).toBe('将包含 118 位客户；另有 4 位没有电话号码，不会拨打');
    expect(sent).toEqual([
      [
        'POST',
        '/api/v1/campaigns/preview',
        expect.objectContaining({ name: '秋季回访', source: { kind: 'filter', classCodes: ['prospect'], tags: [] }, rules: expect.objectContaining({ maxAttempts: 3 }) }),
      ],
    ]);
  });

  it('edits a draft, keeping the rules the form does not show, and offers no edit for a running campaign', async () => {
    const sent = serve((method) => (method === 'PATCH' ? [200, {}] : undefined));
    const running = (await screen.findByText('双十一')).closest('tr')!;
    expect(within(running).queryByText(/^修\s?改$/)).toBeNull();
    expect(within(running).queryByText(/^删\s?除$/)).toBeNull();
    fireEvent.click(within(screen.getByText('春季回访').closest('tr')!).getByText(/^修\s?改$/));
    const name = await screen.findByDisplayValue('春季回访');
    expect(screen.getByDisplayValue('+8613800000011')).toBeTruthy();
    fireEvent.change(name, { target: { value: '春季回访（二期）' } });
    fireEvent.change(screen.getByLabelText('最多拨打次数'), { target: { value: '5' } });
    fireEvent.click(screen.getByText(/^确\s?定$|^OK$/));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual(['PATCH', '/api/v1/campaigns/c1', { name: '春季回访（二期）', script: '您好', rules: { ...rules, maxAttempts: 5 } }]);
  });

  it('deletes a draft after asking, and shows the refusal when the server says no', async () => {
    const sent = serve((method) => (method === 'DELETE' ? [409, { error: { code: 'conflict', message: '只有草稿状态的外呼任务可以删除' } }] : undefined));
    fireEvent.click(within((await screen.findByText('春季回访')).closest('tr')!).getByText(/^删\s?除$/));
    expect(await screen.findByText('删除草稿「春季回访」及其客户名单？')).toBeTruthy();
    fireEvent.click(screen.getAllByText(/^删\s?除$/).at(-1)!);
    expect(await screen.findByText(/只有草稿状态的外呼任务可以删除/)).toBeTruthy();
    expect(sent).toEqual([['DELETE', '/api/v1/campaigns/c1', undefined]]);
  });
});
