import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Select, Space, Tooltip } from 'antd';
import { BackwardOutlined, ForwardOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** How far one press of back or forward moves. */
export const SKIP_SECONDS = 10;
export const speeds = [0.75, 1, 1.25, 1.5, 2] as const;

/**
 * A call's recording played in place: the browser's player with its seek bar (the server answers
 * byte ranges), 10 s back and forward, and the speed; a recording gone by retention says so.
 * `onTime` follows the position (QA pins comments to it).
 *
 * @example
 * <RecordingPlayer callId={call.callId} />
 */
export function RecordingPlayer({ callId, autoPlay = false, onTime }: { callId: string; autoPlay?: boolean; onTime?: (seconds: number) => void }) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const [speed, setSpeed] = useState<number>(1);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);
  const skip = (seconds: number) => {
    const a = audio.current;
    if (a) a.currentTime = Math.max(0, Math.min(Number.isFinite(a.duration) ? a.duration : Number.POSITIVE_INFINITY, a.currentTime + seconds));
  };
  if (failed) return <Alert type="warning" showIcon title={t('recording.unavailable')} />;
  return (
    <Space wrap className="recording-player">
      {/* biome-ignore lint/a11y/useMediaCaption: call recordings have no captions. */}
      <audio
        ref={audio}
        controls
        autoPlay={autoPlay}
        preload="metadata"
        aria-label={t('recording.player')}
        src={`/api/v1/calls/${encodeURIComponent(callId)}/recording`}
        onError={() => setFailed(true)}
        onTimeUpdate={(e) => onTime?.(e.currentTarget.currentTime)}
        // The browser resets the rate when it loads the file: keep the chosen speed.
        onLoadedMetadata={(e) => {
          e.currentTarget.playbackRate = speed;
        }}
        style={{ height: 36, maxWidth: '100%' }}
      />
      <Tooltip title={t('recording.back', { n: SKIP_SECONDS })}>
        <Button size="small" icon={<BackwardOutlined />} aria-label={t('recording.back', { n: SKIP_SECONDS })} onClick={() => skip(-SKIP_SECONDS)} />
      </Tooltip>
      <Tooltip title={t('recording.forward', { n: SKIP_SECONDS })}>
        <Button size="small" icon={<ForwardOutlined />} aria-label={t('recording.forward', { n: SKIP_SECONDS })} onClick={() => skip(SKIP_SECONDS)} />
      </Tooltip>
      <Select aria-label={t('recording.speed')} size="small" value={speed} onChange={setSpeed} options={speeds.map((v) => ({ value: v, label: `${v}×` }))} style={{ width: 84 }} />
    </Space>
  );
}
