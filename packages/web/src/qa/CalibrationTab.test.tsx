// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QaCalibrationMonth, QaCalibrationSession, QaForm, QaQueueItem } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { AuthProvider } from '../auth/AuthProvider';
import { CalibrationTab } from './CalibrationTab';
import { QaPage } from './QaPage';
import { ScorePanel } from './ScorePanel';

const form: QaForm = {
  id: 'f1',
  name: '服务质量评分表',
  version: 1,
  fatalScope: 'evaluation',
  points: 40,
  archived: false,
  createdAt: '2026-01-05T01:00:00Z',
  sections: [
    {
      name: '服务',
      items: [
        { key: 'greeting', text: '标准开场白', points: 10, type: 'yes_no', allowNA: false, fatal: false },
        { key: 'accuracy', text: '解答准确', points: 30, type: 'points', allowNA: false, fatal: false },
      ],
    },
  ],
};

const session = (id: string, figures: Partial<QaCalibrationSession>): QaCalibrationSession => ({
  id,
  callId: 'c7',
  formId: 'f1',
  formName: form.name,
  formVersion: 1,
  note: '开场白是否完整',
  createdBy: { id: 'm', name: '郑经理' },
  createdAt: '2026-01-05T01:00:00Z',
  callStartedAt: '2026-01-05T00:30:00Z',
  agentName: '王芳',
  invitees: [
    { id: 'q1', name: '质检员', scored: true },
    { id: 'q2', name: '质检员二', scored: false },
  ],
  blind: false,
  result: null,
  closed: null,
  mayClose: false,
  ...figures,
});

const month: QaCalibrationMonth = {
  month: '2026-01',
  sessions: 2,
  items: [{ formId: 'f1', formName: form.name, key: 'accuracy', text: '解答准确', points: 30, sessions: 2, kappa: 0.12, meanGap: 20, disagreements: 2 }],
};

describe('calibration sessions (校准)', () => {
  afterEach(() => vi.useRealTimers());

  it('lists the month’s sessions with who has scored and their kappa, hides the result from an invitee yet to score, and opens a session', async () => {
    // The month shown first is the center's: 20 January 2026.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T02:00:00Z'));
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method === 'POST' && path === '/api/v1/qa/calibration-sessions') {
        posted.push(body);
        return [201, session('s3', {})];
      }
      if (path.startsWith('/api/v1/qa/calibration-sessions?month=2026-01')) {
        return [
          200,
          [
            session('s1', {
              result: {
                callId: 'c7',
                formId: 'f1',
                formVersion: 1,
                inspectors: [
                  { id: 'q1', name: '质检员', score: 100 },
                  { id: 'q3', name: '质检员三', score: 40 },
                ],
                kappa: 0.25,
                items: [{ key: 'accuracy', text: '解答准确', min: 0, max: 30, mean: 15, categories: ['full', 'none'] }],
              },
            }),
            session('s2', { callId: 'c8', blind: true }),
          ],
        ];
      }
      if (path === '/api/v1/qa/calibration-items?month=2026-01') return [200, month];
      if (path === '/api/v1/qa/forms') return [200, [form]];
      if (path === '/api/v1/users') {
        return [
          200,
          [
            { id: 'q1', displayName: '质检员', role: 'qa', disabled: false },
            { id: 'q2', displayName: '质检员二', role: 'qa', disabled: false },
            { id: 'a1', displayName: '王芳', role: 'agent', disabled: false },
          ],
        ];
      }
      return [200, []];
    });
    render(
      <App>
        <CalibrationTab timeZone="Asia/Shanghai" />
      </App>,
    );
    const first = (await screen.findByText('c7', undefined, { timeout: 10_000 })).closest('tr')!;
    expect(within(first).getByText('0.25')).toBeTruthy();
    expect(within(first).getByText('质检员 已评')).toBeTruthy();
    expect(within(first).getByText('质检员二 待评')).toBeTruthy();
    expect(within(first).getByText('2026-01-05 08:30')).toBeTruthy();
    // The caller has not scored c8 yet: its row says 校准 where the kappa would be, and opening it shows no sheet.
    const blind = screen.getByText('c8').closest('tr')!;
    expect(within(blind).queryByText('0.25')).toBeNull();
    fireEvent.click(within(blind).getByRole('button', { name: /展开|Expand/ }));
    expect(await screen.findByText('请先提交你的校准评分，之后可查看他人的评分')).toBeTruthy();
    fireEvent.click(within(first).getByRole('button', { name: /展开|Expand/ }));
    expect(await screen.findByText('质检员三 40.0')).toBeTruthy();
    // The month's agreement per item, the ambiguous one first.
    const item = screen.getByText('解答准确（服务质量评分表）').closest('tr')!;
    expect(within(item).getByText('0.12')).toBeTruthy();
    expect(within(item).getByText('20.0 / 30')).toBeTruthy();
    expect(screen.getByText('本月各评分项一致性（2 次校准）')).toBeTruthy();

    // A new session: the call, the sheet and at least two invitees (only inspectors are offered).
    fireEvent.click(screen.getByRole('button', { name: '发起校准' }));
    const dialog = (await screen.findByRole('dialog')) as HTMLElement;
    fireEvent.change(within(dialog).getByLabelText('通话编号'), { target: { value: ' c9 ' } });
    fireEvent.mouseDown(within(within(dialog).getByLabelText('受邀质检员').closest('.ant-select')!).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('质检员'));
    fireEvent.click(await screen.findByTitle('质检员二'));
    expect(screen.queryByTitle('王芳')).toBeNull();
    await within(dialog).findByText('服务质量评分表 · 第 1 版');
    fireEvent.change(within(dialog).getByLabelText('校准说明'), { target: { value: '礼貌用语' } });
    const ok = within(dialog).getByRole('button', { name: /确\s?定|OK/ }) as HTMLButtonElement;
    await waitFor(() => expect(ok.disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(ok);
    await waitFor(() => expect(posted).toEqual([{ callId: 'c9', formId: 'f1', inspectorIds: ['q1', 'q2'], note: '礼貌用语' }]), { timeout: 10_000 });
  });

  it('closes a session its user may close, and shows a closed one’s final kappa with who never scored', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T02:00:00Z'));
    const result = {
      callId: 'c7',
      formId: 'f1',
      formVersion: 1,
      inspectors: [{ id: 'q1', name: '质检员', score: 100 }],
      kappa: 0.4,
      items: [{ key: 'accuracy', text: '解答准确', min: 30, max: 30, mean: 30, categories: ['full'] }],
    };
    let sessions = [session('s1', { mayClose: true, result }), session('s2', { callId: 'c8' })];
    const posted: string[] = [];
    fakeApi((method, path) => {
      if (method === 'POST') {
        posted.push(path);
        const closed = { at: '2026-01-20T03:00:00Z', by: { id: 'm', name: '郑经理' } };
        sessions = sessions.map((x) => (path === `/api/v1/qa/calibration-sessions/${x.id}/close` ? { ...x, closed, mayClose: false } : x));
        return [200, sessions[0]];
      }
      if (path.startsWith('/api/v1/qa/calibration-sessions?month=2026-01')) return [200, sessions];
      if (path.startsWith('/api/v1/qa/calibration-items')) return [200, { month: '2026-01', sessions: 0, items: [] }];
      return [200, []];
    });
    render(
      <App>
        <CalibrationTab timeZone="Asia/Shanghai" />
      </App>,
    );
    const row = (id: string) => screen.getByText(id).closest('tr')!;
    await screen.findByText('c7', undefined, { timeout: 10_000 });
    // Only the session this user may close offers the button.
    expect(within(row('c8')).queryByRole('button', { name: '结束校准' })).toBeNull();
    expect(within(row('c8')).getByText('进行中')).toBeTruthy();
    fireEvent.click(within(row('c7')).getByRole('button', { name: '结束校准' }));
    fireEvent.click(await screen.findByText('OK', { selector: '.ant-popconfirm button span' }));
    await waitFor(() => expect(posted).toEqual(['/api/v1/qa/calibration-sessions/s1/close']));
    // Asked again: closed, by whom and when, the invitee who never scored, and the kappa called final.
    const closed = await within(row('c7')).findByText('已结束');
    expect(closed.getAttribute('title')).toBe('郑经理 于 2026-01-20 11:00 结束');
    expect(within(row('c7')).queryByRole('button', { name: '结束校准' })).toBeNull();
    expect(within(row('c7')).getByText('质检员二 未评')).toBeTruthy();
    expect(within(row('c7')).getByText('0.40')).toBeTruthy();
    fireEvent.click(within(row('c7')).getByRole('button', { name: /展开|Expand/ }));
    expect(await screen.findByText(/最终一致性（Fleiss κ）/)).toBeTruthy();
  });

  it('puts an invited call in the inspector’s queue marked 校准, scored on the session’s sheet version', async () => {
    const posts: [string, unknown][] = [];
    const invited: QaQueueItem = {
      callId: 'c7',
      agentId: 'a1',
      agentName: '王芳',
      employeeNo: '8001',
      inspectorId: 'q2',
      reasons: [],
      sampledAt: '2026-01-05T01:00:00Z',
      callStartedAt: '2026-01-05T00:30:00Z',
      talkSeconds: 180,
      queueId: 'q',
      from: '138****0001',
      evaluationId: null,
      calibrationSessionId: 's1',
    };
    fakeApi((method, path, body) => {
      const me = { id: 'q2', role: 'qa', displayName: '质检员二', teamId: null, skills: [] };
      if (path === '/api/v1/auth/me') return [200, me];
      if (path === '/api/v1/auth/session') return [200, { user: me, expired: false }];
      if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
      if (path === '/api/v1/qa/queue') return [200, [invited, { ...invited, calibrationSessionId: undefined, reasons: ['long_talk'] }]];
      if (path === '/api/v1/qa/calibration-sessions/s1') return [200, session('s1', { blind: true })];
      if (path === '/api/v1/qa/forms/f1?version=1') return [200, form];
      if (path === '/api/v1/qa/forms') return [200, [{ ...form, version: 2, name: '新版评分表' }]];
      if (method === 'POST') {
        posts.push([path, body]);
        return [201, { id: 'e9', score: 100, fatal: false }];
      }
      return [404, { error: { code: 'not_found', message: 'not found' } }];
    });
    render(
      <App>
        <AuthProvider>
          <QaPage />
        </AuthProvider>
      </App>,
    );
    const mark = await screen.findByText('校准', { selector: '.ant-tag' }, { timeout: 10_000 });
    // The same call sampled for the queue is its own row, with its reason.
    expect(within(mark.closest('tr')!).queryByText('通话过长')).toBeNull();
    expect(screen.getByText('通话过长')).toBeTruthy();
    cleanup();

    // Scoring it: the session's sheet, not the newest; no calibration box, as it is one; the sheet goes to the session.
    render(
      <App>
        <ScorePanel callId="c7" call={invited} onScored={() => undefined} />
      </App>,
    );
    await screen.findByText('解答准确', undefined, { timeout: 10_000 });
    expect(screen.getByText('校准', { selector: '.ant-tag' })).toBeTruthy();
    expect(screen.queryByText('新版评分表 · 第 2 版')).toBeNull();
    expect(screen.queryByText('校准评分（不计入成绩）')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '提交评分' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual([
      '/api/v1/qa/calibration-sessions/s1/sheets',
      {
        answers: [
          { key: 'greeting', earned: 10 },
          { key: 'accuracy', earned: 30 },
        ],
        comments: [],
      },
    ]);
  });
});
