// @vitest-environment jsdom
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../testing/dom';
import { RecordingPlayer } from './RecordingPlayer';

const player = () => screen.getByLabelText<HTMLAudioElement>('通话录音');

describe('the inline recording player', () => {
  it("plays the call's recording in place, seeks 10 s back and forward, and keeps the chosen speed", async () => {
    render(<RecordingPlayer callId="c 1" />);
    expect(player().getAttribute('src')).toBe('/api/v1/calls/c%201/recording');
    expect(player().controls).toBe(true);
    Object.defineProperty(player(), 'duration', { value: 95, configurable: true });
    player().currentTime = 30;
    fireEvent.click(screen.getByRole('button', { name: '前进 10 秒' }));
    expect(player().currentTime).toBe(40);
    fireEvent.click(screen.getByRole('button', { name: '后退 10 秒' }));
    fireEvent.click(screen.getByRole('button', { name: '后退 10 秒' }));
    expect(player().currentTime).toBe(20);

    fireEvent.mouseDown(screen.getByRole('combobox', { name: '倍速' }));
    fireEvent.click(await screen.findByTitle('1.5×'));
    expect(player().playbackRate).toBe(1.5);
    // Loading the file resets the rate in a browser: the player puts it back.
    player().playbackRate = 1;
    fireEvent.loadedMetadata(player());
    expect(player().playbackRate).toBe(1.5);
  });

  it('says when the recording is gone instead of a dead player', () => {
    render(<RecordingPlayer callId="gone" />);
    fireEvent.error(player());
    expect(screen.getByRole('alert').textContent).toContain('录音不可用');
  });
});
