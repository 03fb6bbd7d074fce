// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { UsersAdmin } from './UsersAdmin';

const manager = { id: 'm1', username: 'manager', displayName: '李经理', role: 'manager', teamId: null, employeeNo: null, disabled: false, skills: [] };
const agent = {
  id: 'a1',
  username: '8001',
  displayName: '张伟',
  role: 'agent',
  teamId: 't1',
  employeeNo: '8001',
  disabled: false,
  skills: [{ skillId: 'k1', name: '售前', level: 3 }],
};

function serve(refuse = false) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  fakeApi((method, path, body) => {
    if (path === '/api/v1/auth/session') return [200, { user: manager, expired: false }];
    if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's1', leaderIds: [], agentCount: 1 }]];
    if (path === '/api/v1/users' && method === 'GET') return [200, [manager, agent]];
    if (path === '/api/v1/skills')
      return [
        200,
        [
          { id: 'k1', name: '售前', description: '' },
          { id: 'k2', name: '投诉', description: '' },
        ],
      ];
    sent.push({ method, path, body });
    if (refuse) return [404, { error: { code: 'not_found', message: '找不到该用户' } }];
    return [200, agent];
  });
  render(
    <App>
      <AuthProvider>
        <UsersAdmin />
      </AuthProvider>
    </App>,
  );
  return sent;
}

describe('an agent’s skills in user administration', () => {
  it('shows the agent’s skills and levels, and replaces them: a level raised and a skill added', async () => {
    const sent = serve();
    const row = (await screen.findByText('张伟')).closest('tr')!;
    expect(within(row).getByText('售前 · 3')).toBeTruthy();
    expect(within((await screen.findByText('李经理')).closest('tr')!).queryByText(/^技\s?能$/)).toBeNull();
    fireEvent.click(within(row).getByText(/^技\s?能$/));
    fireEvent.change(await screen.findByLabelText('熟练度 1'), { target: { value: '4' } });
    fireEvent.click(screen.getByText('添加技能'));
    fireEvent.mouseDown(await screen.findByLabelText('技能 2'));
    fireEvent.click(await screen.findByTitle('投诉'));
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'PUT',
      path: '/api/v1/users/a1/skills',
      body: {
        skills: [
          { skillId: 'k1', level: 4 },
          { skillId: 'k2', level: 1 },
        ],
      },
    });
  });

  it('refuses the same skill twice before sending, and shows the server’s refusal', async () => {
    const sent = serve(true);
    fireEvent.click(within((await screen.findByText('张伟')).closest('tr')!).getByText(/^技\s?能$/));
    fireEvent.click(await screen.findByText('添加技能'));
    fireEvent.mouseDown(await screen.findByLabelText('技能 2'));
    fireEvent.click((await screen.findAllByTitle('售前')).at(-1)!);
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText('同一技能只能列一次')).toBeTruthy();
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByLabelText('删除 2'));
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText(/找不到该用户/)).toBeTruthy();
  });
});
