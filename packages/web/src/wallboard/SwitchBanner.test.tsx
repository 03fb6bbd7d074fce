// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../testing/dom';
import { SwitchBanner } from './SwitchBanner';

function answering(...bodies: object[]) {
  const fetch = vi.fn();
  for (const body of bodies) fetch.mockResolvedValueOnce({ json: async () => body });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the wallboard’s switch banner', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the part of the switch that is down, and goes away once it answers again', async () => {
    const fetch = answering(
      { status: 'switch down', problems: ['kamailio is not answering on 127.0.0.1:5060', 'rtpengine is not answering on 127.0.0.1:2223'] },
      { status: 'ready', store: 'pglite' },
    );
    render(<SwitchBanner everyMs={50} />);
    expect(await screen.findByText('交换机离线：Kamailio（信令）、rtpengine（媒体） 无响应，来电无法接通。')).toBeTruthy();
    expect(fetch).toHaveBeenCalledWith('/ready');
    await vi.waitFor(() => expect(screen.queryByText(/交换机离线/)).toBeNull());
  });

  it('shows nothing while the switch is up, or when the server cannot be reached (the live feed’s badge says so)', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce({ json: async () => ({ status: 'ready' }) })
      .mockRejectedValue(new Error('offline'));
    vi.stubGlobal('fetch', fetch);
    const { container } = render(<SwitchBanner everyMs={20} />);
    await vi.waitFor(() => expect(fetch.mock.calls.length).toBeGreaterThanOrEqual(2));
    expect(container.textContent).toBe('');
  });
});
