import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MonitorMode } from './AgentGrid';

/** The supervisor's own monitoring of a call: what they are doing to whom, and a stop button that names it. */
export function MonitorBanner({ mode, agentName, onStop }: { mode: MonitorMode; agentName: string; onStop(): void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      title={t('wallboard.monitoring', { mode: t(`wallboard.${mode}`), name: agentName })}
      action={
        <Button size="small" onClick={onStop}>
          {t(`wallboard.stopMonitor.${mode}`)}
        </Button>
      }
    />
  );
}
