import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from './FloorProvider';

/** Whether the figures on screen are live: green when connected, orange while reconnecting. */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation();
  return <Badge status={status === 'open' ? 'success' : status === 'connecting' ? 'processing' : 'warning'} text={t(`live.${status}`)} data-testid="connection" />;
}
