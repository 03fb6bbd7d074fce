// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { api } from '../api/client';
import { fakeApi } from '../testing/dom';
import { AuthProvider, useAuth } from './AuthProvider';
import { LoginPage } from './LoginPage';

function Probe() {
  const { user } = useAuth();
  return user ? <p>logged in as {user.displayName}</p> : <LoginPage />;
}

const leader = { id: 'u1', username: 'leader1', displayName: '王芳', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };

async function fill(username: string, password: string) {
  fireEvent.change(await screen.findByLabelText('用户名 / 工号'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
}

describe('login page', () => {
  it('shows a wrong password in Chinese and stays on the page', async () => {
    fakeApi((_method, path) =>
      path.endsWith('/auth/login')
        ? [401, { error: { code: 'invalid_credentials', message: 'wrong username or password' } }]
        : [401, { error: { code: 'unauthorized', message: 'log in first' } }],
    );
    render(
      <AuthProvider>
        <Probe />
      </AuthProvider>,
    );
    await fill('leader1', 'nope');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('用户名或密码错误'));
  });

  it('logs in and shows the user', async () => {
    fakeApi((_method, path, body) => {
      if (path.endsWith('/auth/login')) {
        return (body as { password: string }).password === 'right-pw' ? [200, { token: 't', user: leader }] : [401, { error: { code: 'invalid_credentials', message: '' } }];
      }
      return [401, { error: { code: 'unauthorized', message: 'log in first' } }];
    });
    render(
      <AuthProvider>
        <Probe />
      </AuthProvider>,
    );
    await fill('leader1', 'right-pw');
    await waitFor(() => expect(screen.getByText('logged in as 王芳')).toBeTruthy());
  });

  it('sends a logged-in user whose session ended back to the login page with the message, even when the cookie is already gone', async () => {
    let session = true;
    fakeApi((_method, path) => {
      if (path.endsWith('/auth/session') && session) return [200, { user: leader, expired: false }];
      return [401, { error: { code: 'unauthorized', message: 'log in first' } }];
    });
    render(
      <AuthProvider>
        <Probe />
      </AuthProvider>,
    );
    await screen.findByText('logged in as 王芳');
    session = false;
    await api('GET', '/api/v1/queues').catch(() => undefined);
    expect(await screen.findByText('登录已过期，请重新登录')).toBeTruthy();
    expect(screen.getByLabelText('用户名 / 工号')).toBeTruthy();
  });

  it('asks who is logged in without a 401 on the first visit, and says so when the session brought has expired', async () => {
    const statuses: number[] = [];
    fakeApi((_method, path) => {
      const answer: [number, unknown] = path.endsWith('/auth/session') ? [200, { user: null, expired: true }] : [401, { error: { code: 'unauthorized', message: 'log in first' } }];
      statuses.push(answer[0]);
      return answer;
    });
    render(
      <AuthProvider>
        <Probe />
      </AuthProvider>,
    );
    expect(await screen.findByText('登录已过期，请重新登录')).toBeTruthy();
    expect(statuses).toEqual([200]);
  });
});
