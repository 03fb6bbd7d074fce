// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import type { QaPenaltyStanding } from '@banzu/contract';
import { fakeApi } from '../testing/dom';
import { PenaltyTab } from './PenaltyTab';

const standing = (figures: Partial<QaPenaltyStanding>): QaPenaltyStanding => ({
  agentId: 'a1',
  agentName: '王芳',
  employeeNo: '8001',
  teamId: 't1',
  teamName: '客服一组',
  step: { code: 'verbal_reminder', zh: '口头提醒', en: 'Verbal reminder', slip: false },
  stepNumber: 1,
  nextStep: { code: 'verbal_warning', zh: '口头警告', en: 'Verbal warning', slip: false },
  offences: 1,
  evaluationId: 'e1',
  callId: 'c1',
  score: 0,
  callStartedAt: '2026-01-05T01:00:00Z',
  confirmedAt: '2026-01-05T02:00:00Z',
  items: [{ key: 'privacy', text: '泄露客户信息' }],
  slipSigned: null,
  expiresOn: '2026-04-05',
  done: null,
  disciplinePointId: null,
  todo: ['carry_out'],
  ...figures,
});

describe('the penalty follow-up (处理跟进)', () => {
  it('lists agents by their step with what is left to do, books a fine and records a step done with a note', async () => {
    const posts: [string, unknown][] = [];
    const asked: string[] = [];
    fakeApi((method, path, body) => {
      if (method === 'POST') {
        posts.push([path, body]);
        return [200, {}];
      }
      asked.push(path);
      return [
        200,
        [
          standing({
            agentId: 'a2',
            agentName: '李娜',
            employeeNo: '8002',
            evaluationId: 'e5',
            step: { code: 'fine', zh: '经济扣罚', en: 'Fine', slip: true },
            stepNumber: 5,
            nextStep: { code: 'dismissal', zh: '辞退', en: 'Dismissal', slip: true },
            offences: 5,
            slipSigned: false,
            todo: ['sign_slip', 'book_fine', 'carry_out'],
          }),
          standing({}),
        ],
      ];
    });
    render(
      <App>
        <PenaltyTab timeZone="Asia/Shanghai" />
      </App>,
    );
    const li = (await screen.findByText('8002 李娜')).closest('tr')!;
    expect(asked[0]).toBe('/api/v1/qa/penalties?pending=true');
    expect(within(li).getByText('5. 经济扣罚')).toBeTruthy();
    expect(within(li).getByText('辞退')).toBeTruthy();
    expect(within(li).getByText('未签')).toBeTruthy();
    expect(within(li).getByText('待签提醒单')).toBeTruthy();
    expect(within(li).getByText('待记扣分')).toBeTruthy();
    expect(within(li).getByText('2026-01-05 09:00 · 泄露客户信息')).toBeTruthy();
    const wang = screen.getByText('8001 王芳').closest('tr')!;
    expect(within(wang).getByText('1. 口头提醒')).toBeTruthy();
    expect(within(wang).queryByRole('button', { name: '记扣分' })).toBeNull();

    fireEvent.click(within(li).getByRole('button', { name: '记扣分' }));
    await waitFor(() => expect(posts).toEqual([['/api/v1/qa/penalties/e5/fine', {}]]));
    fireEvent.click(within(wang).getByRole('button', { name: '记为已执行' }));
    const dialog = (await screen.findByRole('dialog')) as HTMLElement;
    fireEvent.change(within(dialog).getByLabelText('执行说明（如约谈时间、要点）'), { target: { value: ' 已当面提醒 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s?定|OK/ }));
    await waitFor(() => expect(posts[1]).toEqual(['/api/v1/qa/penalties/e1/done', { note: '已当面提醒' }]));
    // Only one step at a time when asked; everything, done ones too, with the switch off.
    fireEvent.mouseDown(screen.getByLabelText('当前处理'));
    fireEvent.click(await screen.findByTitle('经济扣罚'));
    expect(screen.queryByText('8001 王芳')).toBeNull();
    fireEvent.click(screen.getByLabelText('只看待处理'));
    await waitFor(() => expect(asked.at(-1)).toBe('/api/v1/qa/penalties?pending=false'));
  });

  it('says who carried a step out, and when', async () => {
    fakeApi(() => [200, [standing({ todo: [], done: { at: '2026-01-06T02:00:00Z', by: '一组组长', note: '已约谈' } })]]);
    render(
      <App>
        <PenaltyTab timeZone="Asia/Shanghai" />
      </App>,
    );
    const row = (await screen.findByText('8001 王芳')).closest('tr')!;
    expect(within(row).getByText('已执行：一组组长 2026-01-06 10:00 · 已约谈')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: '记为已执行' })).toBeNull();
  });
});
