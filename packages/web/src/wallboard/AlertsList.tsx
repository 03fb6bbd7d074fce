import { memo } from 'react';
import { Empty, List, Tag, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FloorAlert, FloorAlertKind } from '@banzu/contract';
import { timeOfDay } from '../live/format';

const color: Record<FloorAlertKind, string> = {
  service_level: 'red',
  long_wait: 'volcano',
  long_not_ready: 'orange',
  long_wrap_up: 'purple',
  ringing: 'cyan',
  missed_call: 'magenta',
  long_call: 'gold',
};

/** Alerts with what they are about and when the condition started, oldest first. */
export const AlertsList = memo(function AlertsList({ alerts, subjectName, timeZone }: { alerts: FloorAlert[]; subjectName(id: string): string; timeZone: string }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wallboard.noAlerts')} />;
  return (
    <List
      size="small"
      className="alerts"
      dataSource={alerts}
      renderItem={(a) => (
        <List.Item data-alert={a.kind}>
          <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
            <WarningOutlined style={{ color: '#fa541c' }} />
            <Tag color={color[a.kind]} style={{ marginInlineEnd: 0 }}>
              {t(`wallboard.alertKinds.${a.kind}`)}
            </Tag>
            <Typography.Text ellipsis>{subjectName(a.subjectId)}</Typography.Text>
          </span>
          <Typography.Text type="secondary" className="tabular" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {t('wallboard.since', { time: timeOfDay(a.since, timeZone) })}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
});
