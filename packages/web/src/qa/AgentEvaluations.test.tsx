// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QaEvaluation } from '@banzu/contract';
import '../testing/dom';
import { EvaluationCard } from './AgentEvaluations';

const evaluation: QaEvaluation = {
  id: 'e1',
  callId: 'c1',
  formId: 'f1',
  formName: '服务质量评分表',
  formVersion: 1,
  purpose: 'evaluation',
  agentId: 'a1',
  agentName: '王芳',
  employeeNo: '8001',
  teamId: 't1',
  callStartedAt: '2026-01-05T01:00:00Z',
  inspectorId: 'q1',
  inspectorName: '质检员',
  score: 80,
  fatal: false,
  items: [],
  comments: [
    { atSeconds: 15, text: '开场白不完整', itemKey: null },
    { atSeconds: 42, text: '未核实身份就报了地址', itemKey: null },
    { atSeconds: null, text: '整体语气友好', itemKey: null },
  ],
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

describe('an evaluation as the agent hears it', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('plays the recording from a comment’s time when it is clicked, and flags the comments on the waveform', async () => {
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
    render(
      <App>
        <EvaluationCard evaluation={evaluation} timeZone="Asia/Shanghai" />
      </App>,
    );
    const audio = screen.getByLabelText<HTMLAudioElement>('通话录音');
    fireEvent.click(screen.getByRole('button', { name: '跳到 0:42 播放' }));
    expect(audio.currentTime).toBe(42);
    await waitFor(() => expect(played).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: '跳到 0:15 播放' }));
    expect(audio.currentTime).toBe(15);
    // The comment about the whole call has no time to jump to.
    expect(screen.getByText('整体语气友好')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: /^跳到/ })).toHaveLength(2);
    expect(await screen.findByRole('button', { name: '批注 0:42：未核实身份就报了地址' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '批注 0:15：开场白不完整' })).toBeTruthy();
  });
});
