// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { QaCallDetail, QaEvaluation, QaForm, QaPickableCall } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { AuthProvider } from '../auth/AuthProvider';
import { AgentEvaluations } from './AgentEvaluations';
import { CalibrationTab } from './CalibrationTab';
import { CoachingTab } from './CoachingTab';
import { FormEditor } from './FormEditor';
import { PickCallTab } from './PickCallTab';
import { QaPage } from './QaPage';
import { QaStars } from './QaStars';
import { ScorePanel } from './ScorePanel';

const form: QaForm = {
  id: 'f1',
  name: '服务质量评分表',
  version: 2,
  fatalScope: 'evaluation',
  points: 50,
  archived: false,
  createdAt: '2026-01-05T01:00:00Z',
  sections: [
    {
      name: '服务',
      items: [
        { key: 'greeting', text: '标准开场白', points: 10, type: 'yes_no', allowNA: false, fatal: false },
        { key: 'accuracy', text: '解答准确', points: 30, type: 'points', allowNA: true, fatal: false },
        { key: 'privacy', text: '泄露客户信息', points: 10, type: 'yes_no', allowNA: false, fatal: true },
      ],
    },
  ],
};

const evaluation: QaEvaluation = {
  id: 'e1',
  callId: 'c1',
  formId: 'f1',
  formName: form.name,
  formVersion: 2,
  purpose: 'evaluation',
  agentId: 'a1',
  agentName: '王芳',
  employeeNo: '8001',
  teamId: 't1',
  callStartedAt: '2026-01-05T01:00:00Z',
  inspectorId: 'q1',
  inspectorName: '质检员',
  score: 0,
  fatal: true,
  items: [
    { key: 'greeting', section: 0, na: false, earned: 10, possible: 10, failed: false, fatal: false, text: '标准开场白' },
    { key: 'privacy', section: 0, na: false, earned: 0, possible: 10, failed: true, fatal: true, text: '泄露客户信息' },
  ],
  comments: [{ atSeconds: 42, text: '未核实身份就报了地址', itemKey: null }],
  scoredAt: '2026-01-05T02:00:00Z',
  status: 'pending',
  dueAt: '2026-01-08T02:00:00Z',
  confirmedHow: null,
  confirmedAt: null,
  disputeReason: null,
  resolvedBy: null,
  resolutionReason: null,
  originalScore: null,
  penalty: null,
};

const wrap = (ui: React.ReactNode) => render(<App>{ui}</App>);

/** The QA page as `me` sees it: the session and the center's clock answered, every other request by `respond`. */
function showQaPage(me: { id: string; role: string; displayName: string; teamId: string | null }, respond: Parameters<typeof fakeApi>[0]) {
  const user = { ...me, skills: [] };
  fakeApi((method, path, body) => {
    if (path === '/api/v1/auth/me') return [200, user];
    if (path === '/api/v1/auth/session') return [200, { user, expired: false }];
    if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
    return respond(method, path, body);
  });
  render(
    <App>
      <AuthProvider>
        <QaPage />
      </AuthProvider>
    </App>,
  );
}

const callDetail: QaCallDetail = {
  callId: 'c1',
  direction: 'inbound',
  startedAt: '2026-01-05T02:00:00.000Z',
  endedAt: '2026-01-05T02:03:12.000Z',
  queueName: '售前咨询',
  agentName: '张三',
  employeeNo: '8001',
  from: '138****5678',
  vipLevel: 0,
  waitSeconds: 12,
  talkSeconds: 180,
  holdSeconds: 0,
  wrapUpSeconds: 30,
  transfers: 0,
  endedBy: 'caller',
  endedIn: 'talk',
  disposition: 'inquiry',
  resolved: true,
  notes: ['客户询问安装时间'],
  customer: {
    id: 'cu1',
    externalId: null,
    name: '李四',
    classCode: 'ordinary',
    className: { zh: '普通客户', en: 'Ordinary' },
    vipLevel: 0,
    vipOverride: null,
    tags: [],
    ownerUserId: null,
    ownerName: null,
    teamId: null,
    notes: '',
    phones: [],
    phonesMasked: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    recentOrders: [{ id: 'o1', orderNo: 'A-1', product: '空调', quantity: 1, amountCents: 100, currency: 'CNY', status: 'paid', orderedAt: '2026-01-01T02:00:00.000Z' }],
    recentServiceRecords: [],
    lastVisit: null,
  },
  previousCalls: [{ callId: 'c0', startedAt: '2026-01-04T02:00:00.000Z', outcome: 'answered' }],
  tickets: [],
};

describe('QA console', () => {
  it('builds a scoring sheet with a fatal item and saves it', async () => {
    const posted: unknown[] = [];
    fakeApi((method, path, body) => {
      if (method === 'POST' && path === '/api/v1/qa/forms') {
        posted.push(body);
        return [201, { ...form, version: 1 }];
      }
      return [200, []];
    });
    let saved: QaForm | null = null;
    wrap(<FormEditor editing={null} onSaved={(f) => (saved = f)} />);
    fireEvent.change(screen.getByLabelText('名称'), { target: { value: '投诉热线评分表' } });
    fireEvent.change(screen.getByLabelText('大项 1'), { target: { value: '服务规范' } });
    fireEvent.change(screen.getByLabelText('item1-text'), { target: { value: '泄露客户信息' } });
    fireEvent.click(screen.getByLabelText('item1-fatal'));
    fireEvent.click(screen.getByRole('button', { name: '添加评分项' }));
    fireEvent.change(screen.getByLabelText('item2-text'), { target: { value: '标准开场白' } });
    fireEvent.click(screen.getByRole('button', { name: '保 存' }));
    await waitFor(() => expect(saved).not.toBeNull());
    expect(posted).toEqual([
      {
        name: '投诉热线评分表',
        fatalScope: 'evaluation',
        sections: [
          {
            name: '服务规范',
            items: [
              { key: 'item1', text: '泄露客户信息', points: 10, type: 'points', allowNA: false, fatal: true },
              { key: 'item2', text: '标准开场白', points: 10, type: 'points', allowNA: false, fatal: false },
            ],
          },
        ],
      },
    ]);
  });

  it('scores a call while listening: speed, N/A, a fatal failure and a comment pinned to the recording', async () => {
    const posted: { answers: unknown[]; comments: unknown[] }[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/qa/forms') return [200, [form]];
      if (path === '/api/v1/qa/calls/c1') return [200, callDetail];
      if (method === 'POST' && path === '/api/v1/qa/evaluations') {
        posted.push(body as (typeof posted)[number]);
        return [201, evaluation];
      }
      return [200, []];
    });
    let scored: QaEvaluation | null = null;
    wrap(<ScorePanel callId="c1" onScored={(e) => (scored = e)} />);
    await screen.findByText('泄露客户信息');
    expect(document.querySelector('audio')!.getAttribute('src')).toBe('/api/v1/calls/c1/recording');
    // Beside the player: the call's facts, what the agent wrote, and the screen pop the agent had.
    await screen.findByText('售前咨询');
    expect(screen.getByText('排队 12秒 · 通话 3分00秒 · 保持 0秒 · 话后 30秒')).toBeTruthy();
    expect(screen.getByText('客户询问安装时间')).toBeTruthy();
    expect(screen.getByText('订单: 空调 · 2026-01-01')).toBeTruthy();
    expect(screen.getByText(/此前来电 1 次/)).toBeTruthy();
    expect(screen.getByLabelText('倍速')).toBeTruthy();
    const accuracy = screen.getByText('解答准确').closest('tr')!;
    fireEvent.click(within(accuracy).getByText('不适用'));
    fireEvent.click(within(screen.getByText('泄露客户信息').closest('tr')!).getByText('触犯致命项'));
    fireEvent.change(screen.getByLabelText('批注'), { target: { value: '未核实身份' } });
    fireEvent.click(screen.getByRole('button', { name: '添加批注' }));
    expect(screen.getByText('0:00')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交评分' }));
    await waitFor(() => expect(scored).not.toBeNull());
    expect(posted[0]).toMatchObject({
      callId: 'c1',
      formId: 'f1',
      answers: [
        { key: 'greeting', earned: 10 },
        { key: 'accuracy', na: true },
        { key: 'privacy', failed: true },
      ],
      comments: [{ atSeconds: 0, text: '未核实身份', itemKey: null }],
      purpose: 'evaluation',
    });
    expect(await screen.findAllByText('已评分：0.0 分')).not.toHaveLength(0);
  });

  it('lets the agent hear the comments, sign, or dispute with a reason', async () => {
    const posts: [string, unknown][] = [];
    fakeApi((method, path, body) => {
      if (method === 'POST') {
        posts.push([path, body]);
        return [200, { ...evaluation, status: 'confirmed' }];
      }
      if (path === '/api/v1/qa/evaluations') return [200, [evaluation]];
      return [200, []];
    });
    wrap(<AgentEvaluations timeZone="Asia/Shanghai" />);
    expect(await screen.findByText('未核实身份就报了地址')).toBeTruthy();
    expect(screen.getByText('0:42')).toBeTruthy();
    expect(screen.getByText('待签字')).toBeTruthy();
    expect(screen.getByText(/2026-01-08 10:00/)).toBeTruthy();
    expect(screen.queryByText('质检提醒单')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '签字确认' }));
    await waitFor(() => expect(posts).toEqual([['/api/v1/qa/evaluations/e1/acknowledge', undefined]]));
    fireEvent.click(screen.getByRole('button', { name: '申 诉' }));
    fireEvent.change(await screen.findByLabelText('申诉理由'), { target: { value: '客户本人核实过' } });
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(posts[1]).toEqual(['/api/v1/qa/evaluations/e1/dispute', { reason: '客户本人核实过' }]));
  });

  it('gives a team leader who took a call and was scored 我的质检, to hear it and sign as an agent does', async () => {
    // Scored for a call the leader took when the queue was long; the team's evaluations are on 评分记录.
    let own: QaEvaluation = { ...evaluation, id: 'e7', callId: 'lc1', agentId: 'l1', agentName: '一组组长', employeeNo: null };
    const teams = { ...evaluation, id: 'e8', status: 'confirmed' as const };
    const posts: string[] = [];
    showQaPage({ id: 'l1', role: 'team_leader', displayName: '一组组长', teamId: 't1' }, (method, path) => {
      if (method === 'POST' && path === '/api/v1/qa/evaluations/e7/acknowledge') {
        posts.push(path);
        own = { ...own, status: 'confirmed', confirmedHow: 'acknowledged', confirmedAt: '2026-01-05T03:00:00Z' };
        return [200, own];
      }
      if (path.startsWith('/api/v1/qa/evaluations?agentId=l1')) return [200, [own]];
      if (path.startsWith('/api/v1/qa/evaluations')) return [200, [own, teams]];
      return [200, []];
    });
    fireEvent.click(await screen.findByRole('tab', { name: '我的质检' }, { timeout: 5000 }));
    const card = (await screen.findByText('待签字')).closest('.ant-card') as HTMLElement;
    expect(within(card).getByText('一组组长', { exact: false })).toBeTruthy();
    expect(within(card).getByText('未核实身份就报了地址')).toBeTruthy();
    // Only the own evaluation: the team's are not the leader's to sign.
    expect(screen.getAllByText('签字确认')).toHaveLength(1);
    fireEvent.click(within(card).getByText('签字确认'));
    await waitFor(() => expect(posts).toEqual(['/api/v1/qa/evaluations/e7/acknowledge']));
    expect(await within(card).findByText('已确认')).toBeTruthy();
    expect(screen.queryByText('签字确认')).toBeNull();
  });

  it('gives a team leader never scored no 我的质检', async () => {
    const asked: string[] = [];
    showQaPage({ id: 'l1', role: 'team_leader', displayName: '一组组长', teamId: 't1' }, (_method, path) => {
      asked.push(path);
      if (path.startsWith('/api/v1/qa/evaluations?agentId=l1')) return [200, []];
      if (path.startsWith('/api/v1/qa/evaluations')) return [200, [evaluation]];
      return [200, []];
    });
    expect(await screen.findByRole('tab', { name: /评分记录/ }, { timeout: 5000 })).toBeTruthy();
    await waitFor(() => expect(asked).toContain('/api/v1/qa/evaluations?agentId=l1&limit=1'));
    // The answer (none of the own) has been taken in before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('tab', { name: '我的质检' })).toBeNull();
  });

  it('shows the inspector’s queue with why each call was picked', async () => {
    showQaPage({ id: 'q1', role: 'qa', displayName: '质检员', teamId: null }, (_method, path) => {
      if (path === '/api/v1/qa/calls/c9') return [200, { ...callDetail, callId: 'c9', agentName: '王芳' }];
      if (path === '/api/v1/qa/queue') {
        return [
          200,
          [
            {
              callId: 'c9',
              agentId: 'a1',
              agentName: '王芳',
              employeeNo: '8001',
              inspectorId: 'q1',
              reasons: ['long_talk', 'repeat_caller'],
              sampledAt: '2026-01-05T02:00:00Z',
              callStartedAt: '2026-01-05T01:30:00Z',
              talkSeconds: 905,
              queueId: 'q',
              from: '138****0004',
              evaluationId: null,
            },
          ],
        ];
      }
      return [200, []];
    });
    const row = (await screen.findByText('8001 王芳', {}, { timeout: 5000 })).closest('tr')!;
    expect(within(row).getByText('通话过长')).toBeTruthy();
    expect(within(row).getByText('重复来电')).toBeTruthy();
    expect(within(row).getByText('15:05')).toBeTruthy();
    expect(within(row).getByText('2026-01-05 09:30')).toBeTruthy();
    expect(within(row).getByText('138****0004')).toBeTruthy();
    for (const tab of ['待检队列', '评分表', '评分记录', '校准', '质检报表', '录音库', '质检明星']) expect(screen.getByRole('tab', { name: tab })).toBeTruthy();
    // Scoring opens beside the call's details and why it was picked.
    fireEvent.click(within(row).getByRole('button', { name: '评 分' }));
    const drawer = (await screen.findByText('评分：通话 c9')).closest('.ant-drawer') as HTMLElement;
    expect(await within(drawer).findByText('8001 王芳', undefined, { timeout: 10_000 })).toBeTruthy();
    expect(within(drawer).getByText('通话过长')).toBeTruthy();
    expect(within(drawer).getByText('来电弹屏')).toBeTruthy();
  });

  it('shows a QA lead how many disputes wait on the 评分记录 tab, and counts again once one is settled', async () => {
    const disputed = (id: string): QaEvaluation => ({ ...evaluation, id, status: 'disputed', disputeReason: '客户本人核实过' });
    let open = [disputed('e1'), disputed('e2')];
    const resolved: unknown[] = [];
    showQaPage({ id: 'm1', role: 'manager', displayName: '郑经理', teamId: null }, (method, path, body) => {
      if (path === '/api/v1/qa/disputes/waiting') return [200, { waiting: open.length, oldestDisputedAt: open.length ? '2026-01-05T02:00:00Z' : null }];
      if (method === 'GET' && path.startsWith('/api/v1/qa/evaluations')) return [200, open];
      if (path.startsWith('/api/v1/qa/forms/f1')) return [200, form];
      if (method === 'POST' && path === '/api/v1/qa/evaluations/e1/resolve') {
        resolved.push(body);
        open = open.filter((e) => e.id !== 'e1');
        return [200, { ...evaluation, status: 'confirmed' }];
      }
      return [200, []];
    });
    // Seen from any tab: the count, and since when the oldest waits (center time).
    const badge = await screen.findByTitle('2 条申诉待处理，最早的自 2026-01-05 10:00 起', {}, { timeout: 5000 });
    expect(within(screen.getByRole('tab', { name: /评分记录/ })).getByTitle(badge.title)).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: /评分记录/ }));
    const card = (await screen.findAllByRole('button', { name: '处理申诉' }))[0]!;
    fireEvent.click(card);
    const dialog = (await screen.findByText('处理申诉', { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
    fireEvent.change(within(dialog).getByLabelText('处理理由'), { target: { value: '录音中已读出完整卡号' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(resolved).toEqual([{ outcome: 'upheld', reason: '录音中已读出完整卡号' }]));
    expect(await screen.findByTitle('1 条申诉待处理，最早的自 2026-01-05 10:00 起')).toBeTruthy();
  });

  it('lets a QA lead change a disputed score: the item the fatal failure left unanswered is on the sheet, the corrected answers go out and the new score shows', async () => {
    // Scored 0 at the fatal item: 解答准确 (accuracy) was never answered, so it is not among the evaluation's items.
    let shown: QaEvaluation = { ...evaluation, status: 'disputed', disputeReason: '客户本人核实过' };
    const resolved: unknown[] = [];
    const asked: string[] = [];
    showQaPage({ id: 'm1', role: 'manager', displayName: '郑经理', teamId: null }, (method, path, body) => {
      asked.push(path);
      if (path === '/api/v1/qa/disputes/waiting') return [200, { waiting: 0, oldestDisputedAt: null }];
      if (method === 'GET' && path.startsWith('/api/v1/qa/evaluations')) return [200, [shown]];
      if (path === '/api/v1/qa/forms/f1?version=2') return [200, form];
      if (method === 'POST' && path === '/api/v1/qa/evaluations/e1/resolve') {
        resolved.push(body);
        shown = { ...shown, status: 'confirmed', score: 80, fatal: false, originalScore: 0, resolutionReason: '录音里客户报了身份证后四位' };
        return [200, shown];
      }
      return [200, []];
    });
    fireEvent.click(await screen.findByRole('tab', { name: /评分记录/ }, { timeout: 5000 }));
    fireEvent.click(await screen.findByRole('button', { name: '处理申诉' }));
    const dialog = (await screen.findByText('处理申诉', { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
    expect(asked).toContain('/api/v1/qa/forms/f1?version=2');
    fireEvent.click(within(dialog).getByText('改分'));
    // Every item of the sheet's version, the unanswered one named; while the fatal failure stands it stays unscored.
    const accuracy = within(dialog).getByText('解答准确').closest('tr')!;
    expect(within(dialog).getByText(/当时未评的 1 项（解答准确）不计分/)).toBeTruthy();
    expect(within(dialog).getByText('改后得分：0.0 分（原 0.0 分）')).toBeTruthy();
    // The lead hears that the customer verified: no fatal failure, 20 of 30 on the answer, the opening as scored.
    fireEvent.click(within(within(dialog).getByText('泄露客户信息').closest('tr')!).getByText('触犯致命项'));
    expect(within(dialog).getByText(/未评的 1 项（解答准确）现按下表所填计分/)).toBeTruthy();
    fireEvent.change(within(accuracy).getByLabelText('accuracy-earned'), { target: { value: '20' } });
    expect(within(dialog).getByText('改后得分：80.0 分（原 0.0 分）')).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('处理理由'), { target: { value: '录音里客户报了身份证后四位' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(resolved).toEqual([
        {
          outcome: 'changed',
          reason: '录音里客户报了身份证后四位',
          answers: [
            { key: 'greeting', earned: 10 },
            { key: 'accuracy', earned: 20 },
            { key: 'privacy', earned: 10 },
          ],
        },
      ]),
    );
    expect(await screen.findByText('申诉已处理：改为 80.0 分（原 0.0 分）')).toBeTruthy();
    // The card is read again: the new score, the old one beside it, and the lead's reason.
    expect(await screen.findByText('80.0')).toBeTruthy();
    expect(screen.getByText('原 0.0 分')).toBeTruthy();
    expect(screen.getByText('处理理由: 录音里客户报了身份证后四位')).toBeTruthy();
  });

  it('keeps the items a fatal failure left unanswered out of the corrected answers while the fatal failure stands', async () => {
    const resolved: { answers: unknown[] }[] = [];
    showQaPage({ id: 'm1', role: 'manager', displayName: '郑经理', teamId: null }, (method, path, body) => {
      if (method === 'GET' && path.startsWith('/api/v1/qa/evaluations')) return [200, [{ ...evaluation, status: 'disputed', disputeReason: '开场白说了' }]];
      if (path === '/api/v1/qa/forms/f1?version=2') return [200, form];
      if (method === 'POST' && path === '/api/v1/qa/evaluations/e1/resolve') {
        resolved.push(body as (typeof resolved)[number]);
        return [200, { ...evaluation, status: 'confirmed', originalScore: 0 }];
      }
      return [200, []];
    });
    fireEvent.click(await screen.findByRole('tab', { name: /评分记录/ }, { timeout: 5000 }));
    fireEvent.click(await screen.findByRole('button', { name: '处理申诉' }));
    const dialog = (await screen.findByText('处理申诉', { selector: '.ant-modal-title' })).closest('.ant-modal') as HTMLElement;
    fireEvent.click(within(dialog).getByText('改分'));
    fireEvent.change(within(dialog).getByLabelText('greeting-earned'), { target: { value: '0' } });
    fireEvent.change(within(dialog).getByLabelText('处理理由'), { target: { value: '开场白不完整，致命项成立' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(resolved).toHaveLength(1));
    expect(resolved[0]!.answers).toEqual([
      { key: 'greeting', earned: 0 },
      { key: 'privacy', failed: true },
    ]);
  });

  it('lets a team leader pick a call of the day outside the sample and score it; a scored call says so', async () => {
    const calls: QaPickableCall[] = [
      {
        callId: 'c7',
        agentId: 'a1',
        agentName: '王芳',
        employeeNo: '8001',
        startedAt: '2026-01-05T03:00:00Z',
        talkSeconds: 95,
        queueName: '售前咨询',
        from: '13800000004',
        evaluationId: null,
      },
      {
        callId: 'c6',
        agentId: 'a2',
        agentName: '李强',
        employeeNo: '8002',
        startedAt: '2026-01-05T02:00:00Z',
        talkSeconds: 60,
        queueName: '售前咨询',
        from: '13800000005',
        evaluationId: 'e6',
      },
    ];
    const asked: string[] = [];
    const posted: { callId: string }[] = [];
    fakeApi((method, path, body) => {
      asked.push(path);
      if (path.startsWith('/api/v1/qa/calls?date=')) return [200, calls];
      if (path === '/api/v1/qa/forms') return [200, [form]];
      if (method === 'POST' && path === '/api/v1/qa/evaluations') {
        posted.push(body as { callId: string });
        return [201, evaluation];
      }
      return [200, []];
    });
    wrap(<PickCallTab timeZone="Asia/Shanghai" />);
    const row = (await screen.findByText('8001 王芳')).closest('tr')!;
    expect(asked[0]).toMatch(/^\/api\/v1\/qa\/calls\?date=\d{4}-\d\d-\d\d$/);
    expect(within(screen.getByText('8002 李强').closest('tr')!).getByText('已评分')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '评 分' }));
    await screen.findByText('评分：通话 c7');
    await screen.findByText('泄露客户信息');
    fireEvent.click(screen.getByRole('button', { name: '提交评分' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]).toMatchObject({ callId: 'c7', formId: 'f1' });
  });

  it('names the QA stars of the day and the month per team, as the wallboard shows them', async () => {
    fakeApi((_method, path) => {
      if (path === '/api/v1/qa/stars?period=day') return [200, [{ teamId: 't2', teamName: '客服二组', agentId: 'a5', agentName: '杨磊', average: 97.5, evaluations: 4 }]];
      return [200, []];
    });
    wrap(<QaStars />);
    expect(await screen.findByText('杨磊')).toBeTruthy();
    expect(screen.getByText(/平均 97.5 分 · 4 次/)).toBeTruthy();
    expect(screen.getByText('暂无（确认的评分不足）')).toBeTruthy();
  });

  it('pre-answers items from the transcript’s banned phrases when the inspector takes the suggestion', async () => {
    const posted: { answers: unknown[] }[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/qa/forms') return [200, [form]];
      if (path === '/api/v1/qa/transcripts/c1') {
        return [
          200,
          {
            transcript: { segments: [{ startSeconds: 83, speaker: 'agent', text: '这个不归我管。' }] },
            hits: [{ ruleId: 'rude', phrase: '不归我管', atSeconds: 83 }],
            suggested: [
              { key: 'privacy', failed: true, why: '禁语「不归我管」 1:23' },
              { key: 'accuracy', earned: 0, why: '未说「您好」' },
            ],
          },
        ];
      }
      if (method === 'POST') {
        posted.push(body as (typeof posted)[number]);
        return [201, evaluation];
      }
      return [200, []];
    });
    wrap(<ScorePanel callId="c1" onScored={() => {}} />);
    expect(await screen.findByText('这个不归我管。')).toBeTruthy();
    expect(screen.getByText('1:23')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: '采用建议评分' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评分' }));
    await waitFor(() => expect(posted).toHaveLength(1));
    expect(posted[0]!.answers).toEqual([
      { key: 'greeting', earned: 10 },
      { key: 'accuracy', earned: 0 },
      { key: 'privacy', failed: true },
    ]);
  });

  it('shows whether coached items improved, and the calibration’s agreement with the ambiguous item', async () => {
    fakeApi((_method, path) => {
      if (path === '/api/v1/metrics') return [200, [{ id: 'averageHandleTime', zh: '平均处理时长', en: 'Average handle time', unit: 'seconds', better: 'lower' }]];
      if (path === '/api/v1/qa/coaching') {
        return [
          200,
          [
            {
              id: 'k1',
              evaluationId: 'e1',
              source: { kind: 'qa_evaluation', id: 'e1', label: '通话 c1 评分 40', labelEn: 'Call c1 scored 40' },
              agentId: 'a1',
              agentName: '王芳',
              coachId: 'l1',
              coachName: '一组组长',
              focus: '业务解答不准确',
              itemKeys: ['accuracy'],
              actions: '复习退换货政策',
              followUpOn: '2026-01-12',
              followUpDue: true,
              createdAt: '2026-01-05T03:00:00Z',
              followUp: [{ itemKey: 'accuracy', before: { failed: 2, of: 2 }, after: { failed: 0, of: 3 } }],
              result: {
                measure: 'qaScore',
                better: 'higher',
                before: 40,
                after: 92.5,
                periods: { before: { from: '2025-12-29', to: '2026-01-04' }, after: { from: '2026-01-06', to: '2026-01-12' } },
                outcome: 'improved',
              },
            },
            {
              id: 'k2',
              evaluationId: null,
              source: { kind: 'kpi', id: 'averageHandleTime', label: '平均处理时长', labelEn: 'Average handle time' },
              agentId: 'a1',
              agentName: '王芳',
              coachId: 'l1',
              coachName: '一组组长',
              focus: '通话时长过长',
              itemKeys: [],
              actions: '',
              followUpOn: '2026-01-20',
              followUpDue: false,
              createdAt: '2026-01-06T03:00:00Z',
              followUp: [],
              result: {
                measure: 'averageHandleTime',
                better: 'lower',
                before: 312,
                after: 335,
                periods: { before: { from: '2025-12-23', to: '2026-01-05' }, after: { from: '2026-01-07', to: '2026-01-08' } },
                outcome: 'worse',
              },
            },
          ],
        ];
      }
      if (path === '/api/v1/qa/calibrations/c7') {
        return [
          200,
          {
            callId: 'c7',
            formId: 'f1',
            formVersion: 2,
            inspectors: [
              { id: 'q1', name: '质检员', score: 100 },
              { id: 'q2', name: '质检员二', score: 40 },
            ],
            kappa: 0.25,
            items: [
              { key: 'greeting', text: '标准开场白', min: 10, max: 10, mean: 10, categories: ['full', 'full'] },
              { key: 'accuracy', text: '解答准确', min: 0, max: 30, mean: 15, categories: ['full', 'none'] },
            ],
          },
        ];
      }
      return [404, { error: { code: 'not_found', message: '通话 x 的校准评分 not found' } }];
    });
    wrap(<CoachingTab />);
    const card = (await screen.findByText('王芳 · 业务解答不准确')).closest('.ant-card') as HTMLElement;
    // The coached item and the score the coaching was about both improved; the follow-up day has come.
    expect(within(card).getAllByText('已改善')).toHaveLength(2);
    expect(within(card).getByText(/质检得分: 辅导前 40 → 辅导后 92\.5/)).toBeTruthy();
    expect(within(card).getByText('已到跟进日期')).toBeTruthy();
    expect(within(card).getByText('通话 c1 评分 40', { exact: false })).toBeTruthy();
    // A KPI coaching: the handle time went up, in seconds.
    const kpi = screen.getByText('王芳 · 通话时长过长').closest('.ant-card') as HTMLElement;
    expect(within(kpi).getByText(/平均处理时长: 辅导前 312 秒 → 辅导后 335 秒/)).toBeTruthy();
    expect(within(kpi).getByText('变差')).toBeTruthy();
    expect(screen.getByText(/2 \/ 2 → 辅导后失分 0 \/ 3/)).toBeTruthy();
    cleanup();
    wrap(<CalibrationTab timeZone="Asia/Shanghai" />);
    fireEvent.change(screen.getByLabelText('通话'), { target: { value: 'c7' } });
    fireEvent.click(screen.getByRole('button', { name: '查看校准' }));
    expect(await screen.findByText('一致性（Fleiss κ）: 0.25')).toBeTruthy();
    const accuracy = screen.getByText('解答准确').closest('tr')!;
    expect(within(accuracy).getByText('0 – 30')).toBeTruthy();
    expect(within(accuracy).getByText('意见不一')).toBeTruthy();
    expect(within(screen.getByText('标准开场白').closest('tr')!).queryByText('意见不一')).toBeNull();
  });

  it('a leader opens coaching from a KPI for an agent of the team', async () => {
    let posted: unknown = null;
    fakeApi((method, path, body) => {
      if (path === '/api/v1/metrics')
        return [
          200,
          [
            { id: 'averageHandleTime', zh: '平均处理时长', en: 'Average handle time', unit: 'seconds', better: 'lower' },
            { id: 'answered', zh: '接通量', en: 'Answered', unit: 'count', better: null },
          ],
        ];
      if (path === '/api/v1/users?role=agent') return [200, [{ id: 'a1', displayName: '王芳', employeeNo: '8001', role: 'agent', teamId: 't1' }]];
      if (path === '/api/v1/qa/coaching' && method === 'POST') {
        posted = body;
        return [201, {}];
      }
      if (path === '/api/v1/qa/coaching') return [200, []];
      return [404, { error: { code: 'not_found', message: path } }];
    });
    wrap(<CoachingTab coach />);
    fireEvent.click(await screen.findByRole('button', { name: '新建辅导' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.mouseDown(within(dialog).getByLabelText('座席'));
    fireEvent.click(await screen.findByText('王芳（8001）'));
    fireEvent.mouseDown(within(dialog).getByLabelText('辅导指标'));
    // A plain volume cannot improve: it is not offered.
    expect(screen.queryByText('接通量')).toBeNull();
    fireEvent.click(await screen.findByText('平均处理时长'));
    fireEvent.change(within(dialog).getByLabelText('辅导重点'), { target: { value: '通话时长过长' } });
    fireEvent.change(within(dialog).getByLabelText('改进措施'), { target: { value: '先听后答' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    await waitFor(() => expect(posted).not.toBeNull());
    expect(posted).toMatchObject({ source: { kind: 'kpi', id: 'averageHandleTime' }, agentId: 'a1', focus: '通话时长过长', actions: '先听后答' });
    expect((posted as { followUpOn: string }).followUpOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the reminder slip (质检提醒单) of a repeated fatal error with the agent’s signature', async () => {
    const slip = {
      ...evaluation,
      status: 'confirmed',
      confirmedHow: 'acknowledged',
      confirmedAt: '2026-01-06T02:30:00Z',
      penalty: { code: 'reminder_slip', zh: '质检提醒单', en: 'QA reminder slip', slip: true },
    };
    fakeApi((_method, path) => (path === '/api/v1/qa/evaluations' ? [200, [slip]] : [200, []]));
    wrap(<AgentEvaluations timeZone="Asia/Shanghai" />);
    const card = (await screen.findByText('违规事项', { exact: false })).closest('.ant-card')!;
    expect(within(card as HTMLElement).getByText(/泄露客户信息/)).toBeTruthy();
    expect(within(card as HTMLElement).getByText('员工签字: 已签字（2026-01-06 10:30）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '签字确认' })).toBeNull();
  });
});
