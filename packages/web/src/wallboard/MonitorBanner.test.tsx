// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import '../testing/dom';
import { MonitorBanner } from './MonitorBanner';

describe('the monitoring banner', () => {
  it.each([
    ['listen', '正在监听 8001 张伟 的通话', '停止监听'],
    ['whisper', '正在耳语 8001 张伟 的通话', '停止耳语'],
    ['barge', '正在强插 8001 张伟 的通话', '停止强插'],
  ] as const)('names the mode %s in what it shows and on its stop button', (mode, title, stop) => {
    const onStop = vi.fn();
    render(<MonitorBanner mode={mode} agentName="8001 张伟" onStop={onStop} />);
    expect(screen.getByText(title)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: stop }));
    expect(onStop).toHaveBeenCalledOnce();
  });
});
