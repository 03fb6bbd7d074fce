// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../testing/dom';
import { RecordingPlayer } from './RecordingPlayer';

const player = () => screen.getByLabelText<HTMLAudioElement>('通话录音');

describe('the inline recording player', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

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

  it('draws the waveform, seeks where it is clicked, and skips the silent stretch when asked', async () => {
    // 2 s of talk, 4 s on hold, 2 s of talk, as the browser decodes it.
    const rate = 8000;
    const samples = Float32Array.from({ length: 8 * rate }, (_, i) => (i < 2 * rate || i >= 6 * rate ? 0.5 * Math.sin(i / 4) : 0));
    vi.stubGlobal(
      'OfflineAudioContext',
      class {
        decodeAudioData() {
          return Promise.resolve({ length: samples.length, numberOfChannels: 1, sampleRate: rate, duration: 8, getChannelData: () => samples });
        }
      },
    );
    // jsdom draws nothing: the bars are the browser's business.
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      return new Response(new ArrayBuffer(8));
    });
    render(<RecordingPlayer callId="c1" />);
    const wave = await screen.findByRole('slider', { name: '录音波形（点击跳转）' });
    expect(asked).toEqual(['/api/v1/calls/c1/recording']);
    Object.defineProperty(player(), 'duration', { value: 8, configurable: true });
    wave.getBoundingClientRect = () => ({ left: 0, width: 400, top: 0, height: 40, right: 400, bottom: 40, x: 0, y: 0, toJSON: () => ({}) });
    fireEvent.click(wave, { clientX: 100 });
    expect(player().currentTime).toBe(2);

    // Playing into the hold: without the switch it plays on, with it it jumps to just before the talk resumes.
    player().currentTime = 3;
    fireEvent.timeUpdate(player());
    expect(player().currentTime).toBe(3);
    fireEvent.click(screen.getByRole('checkbox', { name: '跳过静音（1 段）' }));
    fireEvent.timeUpdate(player());
    expect(player().currentTime).toBeCloseTo(5.8, 5);
    expect(wave.getAttribute('aria-valuenow')).toBe('6');
  });

  it('flags comments on the waveform, seeks to one clicked, and plays from the second it is asked to', async () => {
    const samples = new Float32Array(8000 * 60).fill(0.25);
    vi.stubGlobal(
      'OfflineAudioContext',
      class {
        decodeAudioData() {
          return Promise.resolve({ length: samples.length, numberOfChannels: 1, sampleRate: 8000, duration: 60, getChannelData: () => samples });
        }
      },
    );
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    vi.stubGlobal('fetch', async () => new Response(new ArrayBuffer(8)));
    const played = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
    const markers = [
      { seconds: 15, text: '未核实身份' },
      { seconds: 42, text: '语气生硬' },
    ];
    const { rerender } = render(<RecordingPlayer callId="c1" markers={markers} />);
    const flag = await screen.findByRole('button', { name: '批注 0:42：语气生硬' });
    // The flag sits at its share of the recording: 42 of 60 s.
    expect(flag.style.left).toBe('calc(70% - 4px)');
    expect(screen.getByRole('button', { name: '批注 0:15：未核实身份' }).style.left).toBe('calc(25% - 4px)');
    fireEvent.click(flag);
    expect(player().currentTime).toBe(42);
    expect(played).not.toHaveBeenCalled();

    rerender(<RecordingPlayer callId="c1" markers={markers} seekTo={{ seconds: 15 }} />);
    expect(player().currentTime).toBe(15);
    await waitFor(() => expect(played).toHaveBeenCalledTimes(1));
    // The same second asked again (a second click on the comment) plays from it again.
    player().currentTime = 30;
    rerender(<RecordingPlayer callId="c1" markers={markers} seekTo={{ seconds: 15 }} />);
    expect(player().currentTime).toBe(15);
  });

  it('says when the recording is gone instead of a dead player', () => {
    render(<RecordingPlayer callId="gone" />);
    fireEvent.error(player());
    expect(screen.getByRole('alert').textContent).toContain('录音不可用');
  });
});
