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
  dispositions: [{ code: 'inquiry', zh: '咨询', en: 'Inquiry' }],
  notReadyReasons: ['break', 'meal'],
  alertThresholds: { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60 },
  qaMayWhisperAndBarge: false,
  dispositionRequired: { inbound: true, outbound: false },
};

describe('center settings administration', () => {
  it('shows today’s settings and saves a new service-level variant, dispositions and reasons', async () => {
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
    const reasons = await screen.findByDisplayValue('break,meal');
    expect(screen.getByDisplayValue('inquiry,咨询,Inquiry')).toBeTruthy();
    fireEvent.mouseDown(within(screen.getByTestId('sl-variant')).getByRole('combobox'));
    fireEvent.click(await screen.findByTitle('阈值内接听 / (接听 + 放弃)'));
    fireEvent.change(reasons, { target: { value: 'break, quality_review' } });
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
        notReadyReasons: ['break', 'quality_review'],
        dispositions: [{ code: 'inquiry', zh: '咨询', en: 'Inquiry' }],
        repeatCallWindowHours: 48,
        dispositionRequired: { inbound: false, outbound: false },
      },
    });
  });
});
