// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CenterSettingsAdmin } from './CenterSettingsAdmin';

const settings = {
  serviceLevel: { variant: 'offered', excludeShortAbandons: false },
  shortAbandonSeconds: 5,
  costPerAgentHour: null,
  overheadRate: 0,
  repeatCallWindowHours: 48,
  repeatCallTopic: 'queue',
  dispositions: [{ code: 'inquiry', zh: '咨询', en: 'Inquiry' }],
  // As migration 044 left a center's own code: named by itself until the admin names it.
  notReadyReasons: [
    { code: 'break', zh: '小休', en: 'Break' },
    { code: 'quality_review', zh: 'quality_review', en: 'quality_review' },
    { code: 'no_answer', zh: '未接来电', en: 'Missed call' },
  ],
  alertThresholds: { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60 },
  qaMayWhisperAndBarge: false,
  dispositionRequired: { inbound: true, outbound: false },
};

describe('center settings administration', () => {
  it('shows today’s settings and saves a new service-level variant, dispositions and named reasons', async () => {
    const sent: { method: string; body: unknown }[] = [];
    fakeApi((method, path, body) => {
      if (path === '/api/v1/center/settings' && method === 'GET') return [200, settings];
      sent.push({ method, body });
      return [200, settings];
    });
    render(
      <App>
        <CenterSettingsAdmin />
      </App>,
    );
    const unnamed = await screen.findAllByDisplayValue('quality_review');
    expect(screen.getByDisplayValue('inquiry,咨询,Inquiry')).toBeTruthy();
    fireEvent.mouseDown(within(screen.getByTestId('sl-variant')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('阈值内接听 / (接听 + 放弃)'));
    // The center's own reason gets its names; a new one is added; 未接来电 can be renamed, not removed.
    const rows = screen.getAllByTestId('reason-row');
    fireEvent.change(within(rows[1]!).getByLabelText('中文名称'), { target: { value: '质检复核' } });
    fireEvent.change(within(rows[1]!).getByLabelText('English'), { target: { value: 'QA review' } });
    expect(unnamed).toHaveLength(3);
    expect((within(rows[2]!).getByRole('button', { name: '删除示忙原因' }) as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows[2]!).getByLabelText('代码') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByText('添加示忙原因'));
    const added = screen.getAllByTestId('reason-row')[3]!;
    fireEvent.change(within(added).getByLabelText('代码'), { target: { value: 'nap' } });
    fireEvent.change(within(added).getByLabelText('中文名称'), { target: { value: '午休' } });
    // What makes a later call a repeat of an answered one, for first-contact resolution.
    fireEvent.mouseDown(within(screen.getByTestId('repeat-topic')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('同一处理结果'));
    fireEvent.change(screen.getByLabelText('短时放弃阈值（秒，此后接入的来电按此计）'), { target: { value: '3' } });
    const inbound = screen.getByRole('switch', { name: '呼入通话须先保存处理结果才能置闲' });
    expect(inbound.getAttribute('aria-checked')).toBe('true');
    fireEvent.click(inbound);
    fireEvent.click(screen.getByText('保存设置'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      method: 'PATCH',
      body: {
        serviceLevel: { variant: 'answered_abandoned', excludeShortAbandons: false },
        shortAbandonSeconds: 3,
        notReadyReasons: [
          { code: 'break', zh: '小休', en: 'Break' },
          { code: 'quality_review', zh: '质检复核', en: 'QA review' },
          { code: 'no_answer', zh: '未接来电', en: 'Missed call' },
          { code: 'nap', zh: '午休', en: '午休' },
        ],
        dispositions: [{ code: 'inquiry', zh: '咨询', en: 'Inquiry' }],
        repeatCallWindowHours: 48,
        repeatCallTopic: 'disposition',
        dispositionRequired: { inbound: false, outbound: false },
      },
    });
  });
});
