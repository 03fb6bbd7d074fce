// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { Shell } from './Shell';

const leader = { id: 'u1', username: 'leader1', displayName: '客服一组组长王芳', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };
const nav = [
  { path: '/wallboard', label: '现场监控' },
  { path: '/briefings', label: '班前会/班后会', group: '班组管理' },
  { path: '/reports', label: '报表' },
  { path: '/handovers', label: '交接班', group: '班组管理' },
];

/** jsdom has no layout: the width the console sees is what its media queries answer. */
function screenWidth(px: number) {
  window.matchMedia = ((query: string) => {
    const min = /min-width:\s*(\d+)/.exec(query)?.[1];
    const max = /max-width:\s*(\d+)/.exec(query)?.[1];
    const matches = (min === undefined || px >= Number(min)) && (max === undefined || px <= Number(max));
    return { matches, media: query, onchange: null, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {}, dispatchEvent: () => false };
  }) as typeof window.matchMedia;
}

function renderShell(path = '/wallboard', tools?: ReactNode) {
  fakeApi((_method, path) => (path.endsWith('/auth/session') || path.endsWith('/auth/me') ? [200, { user: leader, ...leader }] : [404, {}]));
  render(
    <MemoryRouter initialEntries={[path]}>
      <AuthProvider>
        <Shell nav={nav} language="zh-CN" onLanguage={vi.fn()} tools={tools}>
          <p>page</p>
        </Shell>
      </AuthProvider>
    </MemoryRouter>,
  );
}

describe('the console frame', () => {
  it('at phone width (390 px) puts the menu, the user and log-out in a drawer opened from the header', async () => {
    screenWidth(390);
    renderShell();
    expect(screen.queryByRole('menuitem', { name: '报表' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '菜单' }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByRole('link', { name: '报表' })).toBeTruthy();
    await waitFor(() => expect(within(drawer).getByText('客服一组组长王芳')).toBeTruthy());
    expect(within(drawer).getByRole('button', { name: '退出登录' })).toBeTruthy();
  });

  it('at a desk shows the menu in the header and no drawer button', async () => {
    screenWidth(1440);
    renderShell();
    expect(screen.getByRole('link', { name: '报表' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '菜单' })).toBeNull();
    await waitFor(() => expect(screen.getByText('客服一组组长王芳')).toBeTruthy());
  });

  it('gathers a group’s pages under one header entry, and in the drawer lists them open under their group', async () => {
    screenWidth(1440);
    renderShell();
    const bar = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(bar).toEqual(['现场监控', '班组管理', '报表']);
    cleanup();
    screenWidth(390);
    renderShell('/handovers');
    expect(screen.getByText('交接班', { selector: 'header *' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '菜单' }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('班组管理')).toBeTruthy();
    expect(within(drawer).getByRole('link', { name: '班前会/班后会' })).toBeTruthy();
    expect(within(drawer).getByRole('link', { name: '交接班' })).toBeTruthy();
  });

  it('keeps the tools (the ticket bell) in the header at a desk and at phone width, outside the drawer', async () => {
    const bell = <button type="button">工单提醒</button>;
    screenWidth(1440);
    renderShell('/wallboard', bell);
    expect(screen.getByRole('button', { name: '工单提醒' }).closest('header')).toBeTruthy();
    cleanup();
    screenWidth(390);
    renderShell('/wallboard', bell);
    expect(screen.getByRole('button', { name: '工单提醒' }).closest('header')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
