// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../testing/dom';
import { CenterSettingsAdmin } from './CenterSettingsAdmin';

const settings = {
  serviceLevel: { variant: 'offered', excludeShortAbandons: false },
  costPerAgentHour: null,
  overheadRate: 0,
  repeatCallWindowHours: 48,
  dispositions: [{ code: 'inquiry', zh: '咨询', en: 'Inquiry' }],
  notReadyReasons: ['break', 'meal'],
  alertThresholds: { notReadySeconds: 600, wrapUpSeconds: 60, ringingSeconds: 10, waitSeconds: 60 },
  qaMayWhisperAndBarge: false,
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
    fireEvent.click(screen.getByText('保存设置'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({
      method: 'PATCH',
      body: {
        serviceLevel: { variant: 'answered_abandoned', excludeShortAbandons: false },
        notReadyReasons: ['break', 'quality_review'],
        dispositions: [{ code: 'inquiry', zh: '咨询', en: 'Inquiry' }],
        repeatCallWindowHours: 48,
      },
    });
  });
});
