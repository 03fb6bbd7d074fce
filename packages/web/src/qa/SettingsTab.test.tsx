// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { defaultPenaltyLadder, defaultSamplingPlan } from '@banzu/core';
import type { QaForm, QaSettings } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { AuthProvider } from '../auth/AuthProvider';
import { QaPage } from './QaPage';
import { SettingsTab } from './SettingsTab';

const saved: QaSettings = {
  requireAcknowledgement: true,
  acknowledgementDays: 3,
  ladder: defaultPenaltyLadder,
  sampling: defaultSamplingPlan,
  starMinimum: { day: 3, month: 10 },
  speechRules: [],
  dailyTarget: 60,
};

const form: QaForm = {
  id: 'f1',
  name: '服务质量评分表',
  version: 1,
  fatalScope: 'evaluation',
  points: 20,
  archived: false,
  createdAt: '2026-01-05T01:00:00Z',
  sections: [
    {
      name: '服务',
      items: [
        { key: 'courtesy', text: '服务礼貌', points: 10, type: 'yes_no', allowNA: false, fatal: true },
        { key: 'greeting', text: '标准开场白', points: 10, type: 'yes_no', allowNA: false, fatal: false },
      ],
    },
  ],
};

const queues = [
  { id: 'q-sales', name: '售前咨询' },
  { id: 'q-complaints', name: '投诉热线' },
];

/** The center's QA settings behind a fake API: PATCH answers `refuse` (the server's 400) when given, else what it was sent. */
function settingsApi(refuse?: object) {
  const patched: QaSettings[] = [];
  fakeApi((method, path, body) => {
    if (path === '/api/v1/qa/settings' && method === 'PATCH') {
      patched.push(body as QaSettings);
      return refuse ? [400, { error: refuse }] : [200, body];
    }
    if (path === '/api/v1/qa/settings') return [200, saved];
    if (path === '/api/v1/queues') return [200, queues];
    if (path === '/api/v1/qa/forms') return [200, [form]];
    return [200, []];
  });
  return patched;
}

const number = (label: string, value: number) => fireEvent.change(screen.getByLabelText(label), { target: { value: String(value) } });

describe('QA settings (质检设置)', () => {
  it('lets the QA lead set the deadline, the sampling plan, the star minimums and the inspectors’ daily target', async () => {
    const patched = settingsApi();
    render(
      <App>
        <SettingsTab />
      </App>,
    );
    await screen.findByText('签字确认');
    number('签字期限（工作日）', 2);
    number('每位座席抽检数', 5);
    fireEvent.click(screen.getByLabelText('每周'));
    fireEvent.click(screen.getByLabelText('每晚抽前一天'));
    fireEvent.mouseDown(screen.getByLabelText('投诉队列'));
    fireEvent.click(await screen.findByTitle('投诉热线'));
    number('每日最少评分数', 2);
    number('每位质检员每日监听目标（条）', 45);
    fireEvent.click(screen.getByText('保存设置'));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]).toEqual({
      ...saved,
      acknowledgementDays: 2,
      sampling: { ...defaultSamplingPlan, perAgent: 5, period: 'week', schedule: 'nightly', complaintQueueIds: ['q-complaints'] },
      starMinimum: { day: 2, month: 10 },
      dailyTarget: 45,
    });
    expect(await screen.findByText('已保存质检设置')).toBeTruthy();
  });

  it('lets the QA lead add a step to seed 004’s penalty ladder and a banned phrase (禁语) linked to an item', async () => {
    const patched = settingsApi();
    render(
      <App>
        <SettingsTab />
      </App>,
    );
    // Seed 004's ladder is there; the center adds the leader's interview (约谈) before dismissal.
    expect(((await screen.findByLabelText('名称 3')) as HTMLInputElement).value).toBe('质检提醒单');
    fireEvent.click(screen.getByText('添加一级'));
    fireEvent.change(screen.getByLabelText('名称 7'), { target: { value: '组长约谈' } });
    fireEvent.click(within(screen.getByLabelText('名称 7').closest('tr')!).getByText('上 移'));
    expect((screen.getByLabelText('名称 6') as HTMLInputElement).value).toBe('组长约谈');
    fireEvent.click(screen.getByLabelText('任一致命项都累计'));

    fireEvent.click(screen.getByText('添加规则'));
    const phrases = within(screen.getByLabelText('词语（回车添加） 1').closest('.ant-select')!).getByRole('combobox');
    fireEvent.change(phrases, { target: { value: '不归我管' } });
    fireEvent.keyDown(phrases, { key: 'Enter', code: 'Enter' });
    fireEvent.mouseDown(screen.getByLabelText('关联评分项 1'));
    fireEvent.click(await screen.findByTitle('服务礼貌（courtesy）'));

    fireEvent.click(screen.getByText('保存设置'));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]).toEqual({
      ...saved,
      ladder: {
        ...defaultPenaltyLadder,
        steps: [
          ...defaultPenaltyLadder.steps.slice(0, 5),
          // Named only in Chinese: the English name is the same.
          { code: 'step7', zh: '组长约谈', en: '组长约谈', slip: true },
          defaultPenaltyLadder.steps[5],
        ],
        countBy: 'any_fatal',
      },
      speechRules: [{ id: 'rule1', kind: 'banned', phrases: ['不归我管'], speaker: 'agent', itemKey: 'courtesy' }],
    });
  });

  it('shows the server’s refusal naming the setting, and keeps what was typed', async () => {
    // As the server words a refusal of its schema: the first problem in the message, each in the details.
    const patched = settingsApi({
      code: 'invalid_request',
      message: 'body.sampling.shortTalkSeconds: 短通话阈值应小于长通话阈值',
      details: [{ path: 'body.sampling.shortTalkSeconds', message: '短通话阈值应小于长通话阈值' }],
    });
    render(
      <App>
        <SettingsTab />
      </App>,
    );
    await screen.findByText('抽检计划');
    number('短通话阈值（秒）', 900);
    fireEvent.click(screen.getByText('保存设置'));
    expect((await screen.findByRole('alert')).textContent).toBe('短通话阈值应小于长通话阈值');
    expect(patched[0]!.sampling.shortTalkSeconds).toBe(900);
    expect((screen.getByLabelText('短通话阈值（秒）') as HTMLInputElement).value).toBe('900');
  });

  it('lets the QA lead set seed 004’s 优/中等/差 tiers, or turn them off', async () => {
    const patched = settingsApi();
    render(
      <App>
        <SettingsTab />
      </App>,
    );
    await screen.findByText('按优、中、差分级抽检');
    number('分级参考的天数', 14);
    number('“优”的分数线（不低于）', 95);
    number('“差”的分数线（低于）', 80);
    number('优等座席抽检倍数', 0.3);
    number('差等座席抽检倍数', 3);
    fireEvent.click(screen.getByText('保存设置'));
    await waitFor(() => expect(patched).toHaveLength(1));
    expect(patched[0]!.sampling).toEqual({
      ...defaultSamplingPlan,
      tiers: { ...defaultSamplingPlan.tiers, lookbackDays: 14, goodFrom: 95, poorBelow: 80, goodWeight: 0.3, poorWeight: 3 },
    });
    // Off: the fields stay as set, greyed, and every agent has the plan's quota.
    fireEvent.click(screen.getByRole('switch', { name: '按优、中、差分级抽检' }));
    expect((screen.getByLabelText('差等座席抽检倍数') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByText('保存设置'));
    await waitFor(() => expect(patched).toHaveLength(2));
    expect(patched[1]!.sampling.tiers).toMatchObject({ enabled: false, goodFrom: 95 });
  });

  it('shows the server’s refusal of the tiers’ thresholds and of a rule’s item no sheet in use has', async () => {
    settingsApi({
      code: 'invalid_request',
      message: 'body.sampling.tiers.poorBelow: “差”的分数线应低于“优”的分数线',
      details: [{ path: 'body.sampling.tiers.poorBelow', message: '“差”的分数线应低于“优”的分数线' }],
    });
    const { unmount } = render(
      <App>
        <SettingsTab />
      </App>,
    );
    await screen.findByText('按优、中、差分级抽检');
    number('“差”的分数线（低于）', 95);
    fireEvent.click(screen.getByText('保存设置'));
    expect((await screen.findByRole('alert')).textContent).toBe('“差”的分数线应低于“优”的分数线');
    unmount();

    settingsApi({ code: 'invalid_request', message: '语音规则 1 的关联评分项“soothe”不在任何在用的评分表中', details: { field: 'speechRules.0.itemKey', itemKey: 'soothe' } });
    render(
      <App>
        <SettingsTab />
      </App>,
    );
    await screen.findByText('按优、中、差分级抽检');
    fireEvent.click(screen.getByText('保存设置'));
    expect((await screen.findByRole('alert')).textContent).toBe('语音规则 1 的关联评分项“soothe”不在任何在用的评分表中');
  });

  it('is a tab of the QA page for QA and the leads, not for team leaders', async () => {
    for (const [role, shown] of [
      ['qa', true],
      ['team_leader', false],
    ] as const) {
      const me = { id: 'u1', role, displayName: '某人', teamId: null, skills: [] };
      fakeApi((_method, path) => {
        if (path === '/api/v1/auth/me') return [200, me];
        if (path === '/api/v1/auth/session') return [200, { user: me, expired: false }];
        if (path === '/api/v1/center') return [200, { timeZone: 'Asia/Shanghai' }];
        if (path === '/api/v1/qa/settings') return [200, saved];
        return [200, []];
      });
      const { unmount } = render(
        <App>
          <AuthProvider>
            <QaPage />
          </AuthProvider>
        </App>,
      );
      await screen.findByRole('tab', { name: '评分记录' }, { timeout: 5000 });
      expect(screen.queryByRole('tab', { name: '质检设置' }) !== null).toBe(shown);
      if (shown) {
        fireEvent.click(screen.getByRole('tab', { name: '质检设置' }));
        expect(await screen.findByText('处理阶梯')).toBeTruthy();
      }
      unmount();
    }
  });
});
