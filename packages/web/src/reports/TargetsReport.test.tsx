// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import { fakeApi } from '../testing/dom';
import { TargetsReport } from './TargetsReport';

describe('targets report page', () => {
  it('shows the leaders’ 原因 and 改善计划 per team and month, and the service-level variant', async () => {
    const manager = { id: 'm1', username: 'manager', displayName: '经理', role: 'manager', teamId: null, employeeNo: null, disabled: false, skills: [] };
    fakeApi((_method, path) => {
      if (path === '/api/v1/auth/session') return [200, { user: manager, expired: false }];
      if (path === '/api/v1/metrics')
        return [200, [{ id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher', dataSource: { from: 'x', available: true } }]];
      if (path === '/api/v1/teams') return [200, [{ id: 't1', name: '客服一组', siteId: 's1', leaderIds: [], agentCount: 4 }]];
      if (path.startsWith('/api/v1/reports/targets')) {
        return [
          200,
          {
            metric: { id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio' },
            target: 0.8,
            periods: ['2026-02'],
            rows: [{ name: '客服一组', cells: [{ value: 0.7, met: false }] }],
            narrative: { zh: '客服一组未达标。', en: 'Team 1 missed.' },
            serviceLevel: { variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入', en: 'x' },
            notes: [{ metricId: 'serviceLevel', teamId: 't1', month: '2026-02', reason: '春节后话务量激增', plan: '增加晚班人手' }],
          },
        ];
      }
      return [200, []];
    });
    render(
      <AuthProvider>
        <TargetsReport today={dayjs('2026-02-10')} />
      </AuthProvider>,
    );
    expect(await screen.findByText('原因：春节后话务量激增')).toBeTruthy();
    expect(screen.getByText('改善计划：增加晚班人手')).toBeTruthy();
    expect(screen.getByText('服务水平口径：阈值内接听 / 呼入')).toBeTruthy();
    expect(await screen.findByText('客服一组 · 2026-02')).toBeTruthy();
  });

  const teams = [
    { id: 't1', name: '客服一组', siteId: 's1', leaderIds: ['l1'], agentCount: 4 },
    { id: 't2', name: '客服二组', siteId: 's1', leaderIds: [], agentCount: 5 },
  ];
  /** The targets report of February, with the notes the server holds now; PUTs are recorded and stored. */
  function serveTargets(user: Record<string, unknown>, sent: { method: string; path: string; body: unknown }[], refuse?: [number, unknown]) {
    const notes: { metricId: string; teamId: string; month: string; reason: string; plan: string }[] = [
      { metricId: 'serviceLevel', teamId: 't1', month: '2026-02', reason: '春节后话务量激增', plan: '' },
    ];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/auth/session') return [200, { user, expired: false }];
      if (path === '/api/v1/metrics')
        return [200, [{ id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio', better: 'higher', dataSource: { from: 'x', available: true } }]];
      if (path === '/api/v1/teams') return [200, teams];
      if (method === 'PUT' && path === '/api/v1/targets/notes') {
        sent.push({ method, path, body });
        if (refuse) return refuse;
        const note = body as (typeof notes)[number];
        const at = notes.findIndex((n) => n.teamId === note.teamId && n.month === note.month);
        if (at >= 0) notes[at] = note;
        else notes.push(note);
        return [200, note];
      }
      if (path.startsWith('/api/v1/reports/targets')) {
        return [
          200,
          {
            metric: { id: 'serviceLevel', zh: '服务水平', en: 'Service level', unit: 'ratio' },
            target: 0.8,
            periods: ['2026-02'],
            rows: [{ name: '客服一组', cells: [{ value: 0.7, met: false }] }],
            narrative: { zh: '客服一组未达标。', en: 'Team 1 missed.' },
            serviceLevel: { variant: 'offered', excludeShortAbandons: false, zh: '服务水平口径：阈值内接听 / 呼入', en: 'x' },
            notes: notes.map((n) => ({ ...n })),
          },
        ];
      }
      return [200, []];
    });
  }

  it('lets a team leader record the own team’s 原因 and 改善计划 for the month, and shows them with the report', async () => {
    const leader = { id: 'l1', username: 'leader', displayName: '组长', role: 'team_leader', teamId: 't1', employeeNo: null, disabled: false, skills: [] };
    const sent: { method: string; path: string; body: unknown }[] = [];
    serveTargets(leader, sent);
    render(
      <AuthProvider>
        <TargetsReport today={dayjs('2026-02-10')} />
      </AuthProvider>,
    );
    // The recorded reason fills the form for the own team and the month; the team cannot be changed.
    await waitFor(() => expect((screen.getByLabelText('原因') as HTMLTextAreaElement).value).toBe('春节后话务量激增'));
    const teamSelect = screen.getByLabelText('班组').closest('.ant-select')!;
    expect(teamSelect.className).toContain('disabled');
    expect(teamSelect.textContent).toContain('客服一组');
    fireEvent.change(screen.getByLabelText('改善计划'), { target: { value: '增加晚班人手' } });
    fireEvent.click(screen.getByText('保 存'));
    await waitFor(() =>
      expect(sent).toEqual([
        { method: 'PUT', path: '/api/v1/targets/notes', body: { metricId: 'serviceLevel', teamId: 't1', month: '2026-02', reason: '春节后话务量激增', plan: '增加晚班人手' } },
      ]),
    );
    // The report is read again: the plan is now under the table.
    expect(await screen.findByText('改善计划：增加晚班人手')).toBeTruthy();
    expect(screen.getByText('已保存，报表与导出中同样显示')).toBeTruthy();
  });

  it('says the server’s refusal in the form, and shows no form to a role that may not write', async () => {
    const manager = { id: 'm1', username: 'manager', displayName: '经理', role: 'manager', teamId: null, employeeNo: null, disabled: false, skills: [] };
    const sent: { method: string; path: string; body: unknown }[] = [];
    serveTargets(manager, sent, [400, { error: { code: 'invalid_request', message: 'reason: 过长' } }]);
    const { unmount } = render(
      <AuthProvider>
        <TargetsReport today={dayjs('2026-02-10')} />
      </AuthProvider>,
    );
    // A manager picks any team: the second team has nothing recorded yet.
    fireEvent.mouseDown(await screen.findByLabelText('班组'));
    fireEvent.click(await screen.findByTitle('客服二组'));
    expect((screen.getByLabelText('原因') as HTMLTextAreaElement).value).toBe('');
    expect(screen.getByText('保 存').closest('button')!.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('原因'), { target: { value: '新人占比高' } });
    fireEvent.click(screen.getByText('保 存'));
    expect(await screen.findByText('reason: 过长')).toBeTruthy();
    expect(sent.map((s) => (s.body as { teamId: string }).teamId)).toEqual(['t2']);
    unmount();

    const qa = { id: 'q1', username: 'qa', displayName: '质检', role: 'qa', teamId: null, employeeNo: null, disabled: false, skills: [] };
    serveTargets(qa, sent);
    render(
      <AuthProvider>
        <TargetsReport today={dayjs('2026-02-10')} />
      </AuthProvider>,
    );
    expect(await screen.findByText('原因：春节后话务量激增')).toBeTruthy();
    expect(screen.queryByText('填写原因与改善计划')).toBeNull();
  });
});
