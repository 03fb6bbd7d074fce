import { useEffect, useRef } from 'react';
import { Alert, Card, Space, Tag } from 'antd';
import { AudioOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UseSoftphone } from './useSoftphone';

const registrationColor = { registering: 'processing', registered: 'success', unregistered: 'default', failed: 'error' } as const;

/** The softphone's registration (已注册 / 未注册), what stops it working, and the speaker for what the agent hears. */
export function SoftphoneCard({ softphone }: { softphone: UseSoftphone }) {
  const { t } = useTranslation();
  const audio = useRef<HTMLAudioElement>(null);
  const stream = softphone.state?.remoteStream ?? null;
  useEffect(() => {
    if (audio.current) audio.current.srcObject = stream;
  }, [stream]);

  if (softphone.mode === 'off') return null;
  if (softphone.mode === 'password_missing') return <Alert type="warning" showIcon title={t('softphone.passwordMissing')} />;
  const state = softphone.state;
  if (!state) return null;
  return (
    <Card
      size="small"
      title={
        <Space>
          <AudioOutlined />
          {t('softphone.title')}
        </Space>
      }
      extra={
        <Space size={4}>
          {state.call !== 'none' && (
            <Tag color="blue" data-testid="softphone-call">
              {t(state.call === 'ringing' ? 'softphone.ringing' : 'softphone.connected')}
            </Tag>
          )}
          <Tag color={registrationColor[state.registration]} data-testid="softphone-registration">
            {t(`softphone.registration.${state.registration}`)}
          </Tag>
        </Space>
      }
    >
      {state.problem && <Alert type="error" showIcon title={t(`softphone.problems.${state.problem}`, { cause: state.cause ?? '—' })} />}
      {/* biome-ignore lint/a11y/useMediaCaption: a phone call's live audio has no captions */}
      <audio ref={audio} autoPlay data-testid="softphone-audio" />
    </Card>
  );
}
