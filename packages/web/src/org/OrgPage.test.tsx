// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import type { Profile } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { OrgPage } from './OrgPage';

let user: Pick<Profile, 'id' | 'role' | 'teamId'> = { id: 'm1', role: 'manager', teamId: null };
vi.mock('../auth/AuthProvider', () => ({ useAuth: () => ({ user }) }));

function show() {
  fakeApi(() => [200, []]);
  render(
    <MemoryRouter>
      <OrgPage />
    </MemoryRouter>,
  );
}

describe('组织与队列', () => {
  it('shows a manager the way to change teams, users and queues: 系统管理', async () => {
    show();
    const link = (await screen.findByText('在系统管理中修改')).closest('a')!;
    expect(link.getAttribute('href')).toBe('/admin');
  });

  it('shows a team leader, who may only read, no such link', async () => {
    user = { id: 'l1', role: 'team_leader', teamId: 't1' };
    show();
    expect(await screen.findByText('班组')).toBeTruthy();
    expect(screen.queryByText('在系统管理中修改')).toBeNull();
  });
});
