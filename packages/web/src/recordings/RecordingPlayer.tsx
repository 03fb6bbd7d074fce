import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Select, Space, Tooltip } from 'antd';
import { BackwardOutlined, ForwardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { clock } from '../live/format';
import { silentStretches, skipSilenceTarget, waveformPeaks, type Stretch } from './waveform';

/** How far one press of back or forward moves. */
export const SKIP_SECONDS = 10;
export const speeds = [0.75, 1, 1.25, 1.5, 2] as const;
/** Bars of the waveform: one per 3 px of its width. */
const WAVE_WIDTH = 480;
const WAVE_HEIGHT = 40;
const BARS = WAVE_WIDTH / 3;

interface Analysis {
  peaks: number[];
  silences: Stretch[];
  duration: number;
}

/**
 * The recording decoded in the browser (Web Audio), its channels mixed: the waveform's bars and the
 * silent stretches. Null where the browser cannot decode (no Web Audio): the player works without.
 */
async function analyse(url: string, signal: AbortSignal): Promise<Analysis | null> {
  if (typeof OfflineAudioContext === 'undefined') return null;
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) return null;
  // Telephony audio is 8 kHz: decoding at that rate keeps a long call's samples small.
  const audio = await new OfflineAudioContext(1, 1, 8000).decodeAudioData(await response.arrayBuffer());
  const mixed = new Float32Array(audio.length);
  for (let c = 0; c < audio.numberOfChannels; c++) {
    const channel = audio.getChannelData(c);
    for (let i = 0; i < mixed.length; i++) mixed[i]! += channel[i]! / audio.numberOfChannels;
  }
  return { peaks: waveformPeaks(mixed, BARS), silences: silentStretches(mixed, audio.sampleRate), duration: audio.duration };
}

/** A place in the recording worth finding again: a QA comment pinned to its second. */
export interface RecordingMarker {
  seconds: number;
  text: string;
}

/** The waveform with what was played coloured, the silences shaded and the markers flagged; a click seeks there. */
function Waveform({ analysis, position, markers, onSeek }: { analysis: Analysis; position: number; markers: readonly RecordingMarker[]; onSeek: (seconds: number) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { peaks, silences, duration } = analysis;
  useEffect(() => {
    const g = canvas.current?.getContext('2d');
    if (!g) return;
    g.clearRect(0, 0, WAVE_WIDTH, WAVE_HEIGHT);
    g.fillStyle = '#f0f0f0';
    for (const s of silences) g.fillRect((s.start / duration) * WAVE_WIDTH, 0, ((s.end - s.start) / duration) * WAVE_WIDTH, WAVE_HEIGHT);
    const played = duration > 0 ? position / duration : 0;
    peaks.forEach((peak, i) => {
      const h = Math.max(1, peak * WAVE_HEIGHT);
      g.fillStyle = i / peaks.length < played ? '#1677ff' : '#bfbfbf';
      g.fillRect(i * 3, (WAVE_HEIGHT - h) / 2, 2, h);
    });
  }, [peaks, silences, duration, position]);
  const seekTo = (x: number, width: number) => onSeek(Math.max(0, Math.min(duration, (x / width) * duration)));
  return (
    <div style={{ position: 'relative', width: WAVE_WIDTH, maxWidth: '100%' }}>
      <canvas
        ref={canvas}
        width={WAVE_WIDTH}
        height={WAVE_HEIGHT}
        role="slider"
        tabIndex={0}
        aria-label={t('recording.waveform')}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(position)}
        className="recording-waveform"
        style={{ cursor: 'pointer', maxWidth: '100%' }}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          seekTo(e.clientX - box.left, box.width);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') onSeek(Math.max(0, position - 5));
          if (e.key === 'ArrowRight') onSeek(Math.min(duration, position + 5));
        }}
      />
      {duration > 0 &&
        markers
          .filter((m) => m.seconds <= duration)
          .map((m) => (
            <Tooltip key={`${m.seconds}-${m.text}`} title={`${clock(m.seconds)} ${m.text}`}>
              <button
                type="button"
                className="recording-marker"
                aria-label={t('recording.marker', { time: clock(m.seconds), text: m.text })}
                onClick={() => onSeek(m.seconds)}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: `calc(${(m.seconds / duration) * 100}% - 4px)`,
                  width: 8,
                  height: WAVE_HEIGHT,
                  padding: 0,
                  border: 'none',
                  background: 'linear-gradient(90deg, transparent 3px, #fa8c16 3px, #fa8c16 5px, transparent 5px)',
                  cursor: 'pointer',
                }}
              />
            </Tooltip>
          ))}
    </div>
  );
}

/**
 * A call's recording played in place: the browser's player with its seek bar (the server answers
 * byte ranges), the waveform (a click seeks), 10 s back and forward, the speed, and skipping the
 * silent stretches (hold, the customer looking something up); a recording gone by retention says
 * so. `onTime` follows the position (QA pins comments to it); `markers` flag comments on the
 * waveform; each new `seekTo` plays from its second (a comment's time clicked).
 *
 * @example
 * <RecordingPlayer callId={call.callId} markers={[{ seconds: 42, text: '未核实身份' }]} seekTo={{ seconds: 42 }} />
 */
export function RecordingPlayer({
  callId,
  autoPlay = false,
  onTime,
  markers = [],
  seekTo,
}: {
  callId: string;
  autoPlay?: boolean;
  onTime?: (seconds: number) => void;
  markers?: readonly RecordingMarker[];
  seekTo?: { seconds: number };
}) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [speed, setSpeed] = useState<number>(1);
  const [failed, setFailed] = useState(false);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [position, setPosition] = useState(0);
  const [skipSilence, setSkipSilence] = useState(false);
  const src = `/api/v1/calls/${encodeURIComponent(callId)}/recording`;
  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);
  useEffect(() => {
    const abort = new AbortController();
    setAnalysis(null);
    // Without a waveform the recording still plays: a decoding failure is no error to show.
    analyse(src, abort.signal).then(
      (a) => !abort.signal.aborted && setAnalysis(a),
      () => undefined,
    );
    return () => abort.abort();
  }, [src]);
  const seek = (seconds: number) => {
    const a = audio.current;
    if (a) a.currentTime = Math.max(0, Math.min(Number.isFinite(a.duration) ? a.duration : Number.POSITIVE_INFINITY, seconds));
  };
  useEffect(() => {
    const a = audio.current;
    if (!seekTo || !a) return;
    a.currentTime = Math.max(0, seekTo.seconds);
    setPosition(seekTo.seconds);
    // Playing needs the browser's leave (a click gave it); a refusal leaves the player paused at the comment.
    void Promise.resolve()
      .then(() => a.play())
      .catch(() => undefined);
  }, [seekTo]);
  if (failed) return <Alert type="warning" showIcon title={t('recording.unavailable')} />;
  return (
    <Space orientation="vertical" size={4} className="recording-player">
      {analysis && <Waveform analysis={analysis} position={position} markers={markers} onSeek={seek} />}
      <Space wrap>
        {/* biome-ignore lint/a11y/useMediaCaption: call recordings have no captions. */}
        <audio
          ref={audio}
          controls
          autoPlay={autoPlay}
          preload="metadata"
          aria-label={t('recording.player')}
          src={src}
          onError={() => setFailed(true)}
          onTimeUpdate={(e) => {
            const at = e.currentTarget.currentTime;
            const target = skipSilence && analysis ? skipSilenceTarget(analysis.silences, at) : null;
            if (target !== null) e.currentTarget.currentTime = target;
            setPosition(target ?? at);
            onTime?.(target ?? at);
          }}
          // The browser resets the rate when it loads the file: keep the chosen speed.
          onLoadedMetadata={(e) => {
            e.currentTarget.playbackRate = speed;
          }}
          style={{ height: 36, maxWidth: '100%' }}
        />
        <Tooltip title={t('recording.back', { n: SKIP_SECONDS })}>
          <Button
            size="small"
            icon={<BackwardOutlined />}
            aria-label={t('recording.back', { n: SKIP_SECONDS })}
            onClick={() => seek((audio.current?.currentTime ?? 0) - SKIP_SECONDS)}
          />
        </Tooltip>
        <Tooltip title={t('recording.forward', { n: SKIP_SECONDS })}>
          <Button
            size="small"
            icon={<ForwardOutlined />}
            aria-label={t('recording.forward', { n: SKIP_SECONDS })}
            onClick={() => seek((audio.current?.currentTime ?? 0) + SKIP_SECONDS)}
          />
        </Tooltip>
        <Select
          aria-label={t('recording.speed')}
          size="small"
          value={speed}
          onChange={setSpeed}
          options={speeds.map((v) => ({ value: v, label: `${v}×` }))}
          style={{ width: 84 }}
        />
        {analysis && (
          <Checkbox checked={skipSilence} onChange={(e) => setSkipSilence(e.target.checked)}>
            {t('recording.skipSilence', { n: analysis.silences.length })}
          </Checkbox>
        )}
      </Space>
    </Space>
  );
}
