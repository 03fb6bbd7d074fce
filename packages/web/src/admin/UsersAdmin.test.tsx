// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { UsersAdmin } from './UsersAdmin';

const manager = { id: 'm1', username: 'manager', displayName: '李经理', role: 'manager', teamId: null, employeeNo: null, disabled: false, skills: [] };
const agent = { id: 'a1', username: '8001', displayName: '张伟', role: 'agent', teamId: 't1', employeeNo: '8001', disabled: false, skills: [] };

/** Picks `option` in the antd select of the form item labelled `label`, once the form shows that item. */
async function choose(label: string, option: string) {
  fireEvent.mouseDown(await screen.findByLabelText(label));
  fireEvent.click(await screen.findByTitle(option));
}

describe('user administration', () => {
  it('creates an agent with a team and a 工号, resets a password, and shows the server’s refusal in Chinese', async () => {
    const sent: { method: string; path: string; body: unknown }[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/auth/session') return [200, { user: manager, expired: false }];
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's1', leaderIds: [], agentCount: 1 }]];
      if (path === '/api/v1/users' && method === 'GET') return [200, [manager, agent]];
      sent.push({ method, path, body });
      if (method === 'PATCH' && (body as { password?: string }).password === 'short') return [400, { error: { code: 'bad_request', message: 'password: 密码至少需要 8 个字符' } }];
      return [method === 'POST' ? 201 : 200, agent];
    });
    render(
      <App>
        <AuthProvider>
          <UsersAdmin />
        </AuthProvider>
      </App>,
    );
    const row = (await screen.findByText('张伟')).closest('tr')!;
    expect(within(row).getByText('客服一组')).toBeTruthy();

    fireEvent.click(screen.getByText('新建用户'));
    fireEvent.change(await screen.findByLabelText('姓名'), { target: { value: '王小明' } });
    await choose('班组', '客服一组');
    fireEvent.change(screen.getByLabelText('工号'), { target: { value: '8050' } });
    fireEvent.change(screen.getByLabelText('初始密码'), { target: { value: '柳絮-风筝-42' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      method: 'POST',
      path: '/api/v1/users',
      body: { displayName: '王小明', role: 'agent', password: '柳絮-风筝-42', teamId: 't1', employeeNo: '8050' },
    });

    fireEvent.click(within(row).getByText('重置密码'));
    fireEvent.change(await screen.findByLabelText('新密码'), { target: { value: 'short' } });
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText(/密码至少需要 8 个字符/)).toBeTruthy();
    expect(sent[1]).toEqual({ method: 'PATCH', path: '/api/v1/users/a1', body: { password: 'short' } });
  });
});
