// @vitest-environment jsdom
import { fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { FloorAgent, Role } from '@banzu/contract';
import { AuthProvider } from '../auth/AuthProvider';
import type { FloorState } from '../live/reducer';
import { fakeApi } from '../testing/dom';
import { WallboardPage } from './WallboardPage';

const NOW = 1_700_000_000_000;
// jsdom has no canvas; the chart is ECharts' business.
vi.mock('../charts/EChart', () => ({ EChart: () => null }));

const agent = (employeeNo: string, teamId: string, over: Partial<FloorAgent> = {}): FloorAgent => ({
  agentId: `a${employeeNo}`,
  employeeNo,
  name: `座席${employeeNo}`,
  teamId,
  status: 'talking',
  since: NOW - 10_000,
  notReadyReason: null,
  callId: `c${employeeNo}`,
  wrapUpEndsAt: null,
  simulated: false,
  ...over,
});

// The floor the server sends QA: every team's agents (core access: qa sees all).
const floor: FloorState = {
  seq: 1,
  clockOffset: 0,
  messages: [],
  now: NOW,
  timeZone: 'Asia/Shanghai',
  thresholds: { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 15, waitSeconds: 60, callSeconds: 1200 },
  serviceLevel: { variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入', en: 'Service level: answered within threshold / offered' },
  agents: [agent('8001', 't1'), agent('9001', 't2')],
  queues: [],
  calls: [{ callId: 'c8001' }, { callId: 'c9001' }] as FloorState['calls'],
  intervals: [],
  alerts: [],
  dispositions: [],
  notReadyReasons: [{ code: 'break', zh: '小休', en: 'Break', system: false }],
};
vi.mock('../live/FloorProvider', () => ({ useFloor: () => ({ floor, status: 'open' }), useNow: () => NOW }));

/** The wallboard for a user of the role, on a center that does or does not let QA whisper and barge; the monitor requests it sent. */
async function openAs(role: Role, qaMayWhisperAndBarge: boolean) {
  const monitored: unknown[] = [];
  fakeApi((method, path, body) => {
    if (path === '/api/v1/auth/session')
      return [200, { user: { id: 'u1', username: 'x', displayName: '李质检', role, teamId: null, employeeNo: null, disabled: false, skills: [] }, expired: false }];
    if (path === '/api/v1/center/settings') return [200, { qaMayWhisperAndBarge }];
    if (method === 'POST' && path.endsWith('/monitor')) {
      monitored.push({ path, body });
      return [204, null];
    }
    return [200, []];
  });
  render(
    <App>
      <AuthProvider>
        <WallboardPage />
      </AuthProvider>
    </App>,
  );
  await screen.findByRole('listitem', { name: /^8001 / });
  return monitored;
}

/** The labels of an agent's action menu. */
async function menuOf(employeeNo: string): Promise<string[]> {
  fireEvent.click(within(screen.getByRole('listitem', { name: new RegExp(`^${employeeNo} `) })).getByRole('button', { name: '操作' }));
  const menus = await screen.findAllByRole('menu');
  return within(menus[menus.length - 1]!)
    .getAllByRole('menuitem')
    .map((i) => i.textContent);
}

describe('wallboard by role', () => {
  it('gives QA 实时监听 of every team with only 监听 when the center does not let QA whisper or barge, and listens in on a call', async () => {
    const monitored = await openAs('qa', false);
    expect(screen.getByRole('heading', { name: '实时监听' })).toBeTruthy();
    // Both teams' agents, not only one team.
    expect(screen.getByRole('listitem', { name: /^9001 / })).toBeTruthy();
    expect(await screen.findByText('质检员可监听全部班组的通话；耳语与强插须在 中心设置 中允许。')).toBeTruthy();
    expect(await menuOf('9001')).toEqual(['监听']);
    fireEvent.click(screen.getByText('监听'));
    await vi.waitFor(() => expect(monitored).toEqual([{ path: '/api/v1/floor/calls/c9001/monitor', body: { mode: 'listen' } }]));
    expect(await screen.findByText('停止监听')).toBeTruthy();
  });

  it('offers QA 耳语 and 强插 as well once the center allows them, still no force-state or message', async () => {
    await openAs('qa', true);
    await screen.findByText('质检员可监听全部班组的通话；中心设置允许耳语与强插。');
    expect(await menuOf('8001')).toEqual(['监听', '耳语', '强插']);
  });

  it('keeps the leader’s full menu and title', async () => {
    await openAs('team_leader', false);
    expect(screen.getByRole('heading', { name: '班组长现场监控' })).toBeTruthy();
    expect(await menuOf('8001')).toEqual(['强制置闲', '强制示忙', '强制签出', '监听', '耳语', '强插', '发送消息']);
  });
});
