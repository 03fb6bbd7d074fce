import { memo } from 'react';
import { Empty, List, Tag, Typography } from 'antd';
import { ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FloorAgent } from '@banzu/contract';
import { clock } from '../live/format';
import { adherenceAt } from './adherence';

/**
 * Who is out of adherence now against the published roster, longest first, and for how long; late
 * arrivals into the shift under way marked. Only the team the leader sees (the live channel's scope).
 */
export const AdherenceList = memo(function AdherenceList({ agents, now, graceMinutes }: { agents: FloorAgent[]; now: number; graceMinutes: number }) {
  const { t } = useTranslation();
  const scheduled = agents.filter((a) => a.schedule?.length);
  if (scheduled.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('adherence.noSchedule')} />;
  const rows = scheduled
    .map((agent) => ({ agent, adherence: adherenceAt(agent, now, graceMinutes)! }))
    .filter(({ adherence }) => !adherence.inAdherence || adherence.lateMinutes > 0)
    .sort((a, b) => (a.adherence.outSince ?? now) - (b.adherence.outSince ?? now));
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('adherence.none')} />;
  return (
    <List
      size="small"
      className="adherence"
      dataSource={rows}
      renderItem={({ agent, adherence }) => (
        <List.Item data-adherence-agent={agent.employeeNo} data-in-adherence={adherence.inAdherence ? 'true' : 'false'} data-late={adherence.lateMinutes}>
          <span style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0, flexWrap: 'wrap' }}>
            <ScheduleOutlined style={{ color: adherence.inAdherence ? '#8c8c8c' : '#fa8c16' }} />
            <Typography.Text ellipsis>{`${agent.employeeNo} ${agent.name}`}</Typography.Text>
            {adherence.lateMinutes > 0 && <Tag color="red">{t('adherence.late', { minutes: adherence.lateMinutes })}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {adherence.breakName ? t('adherence.breakNamed', { name: adherence.breakName }) : t(`adherence.activities.${adherence.activity}`)} · {t(`status.${agent.status}`)}
            </Typography.Text>
          </span>
          {adherence.outSince !== null && (
            <Typography.Text className="tabular" style={{ color: '#d46b08', whiteSpace: 'nowrap' }}>
              {t('adherence.out')} {clock((now - adherence.outSince) / 1000)}
            </Typography.Text>
          )}
        </List.Item>
      )}
    />
  );
});
