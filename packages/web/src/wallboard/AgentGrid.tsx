import { memo } from 'react';
import { Button, Card, Dropdown, Empty, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { CustomerServiceOutlined, MoreOutlined, RobotOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FloorAgent, FloorReason, FloorThresholds } from '@banzu/contract';
import { clock } from '../live/format';
import { pickableReasons, useReasonName } from '../live/reasons';
import { isOverdue, onCall, statusColor } from '../live/status';
import { agentActions, type AgentActions, type MonitorMode } from './actions';
import { adherenceAt } from './adherence';

export type { MonitorMode } from './actions';

export type AgentAction = { kind: 'force'; status: 'ready' | 'not_ready' | 'logged_out'; reason?: string } | { kind: 'monitor'; mode: MonitorMode } | { kind: 'message' };

export interface AgentGridProps {
  agents: FloorAgent[];
  now: number;
  thresholds: FloorThresholds;
  /** The center's reasons with their names: the force menu offers those an agent may pick. */
  notReadyReasons: FloorReason[];
  /** 考勤: minutes after a shift's start a login is still on time; with it a card shows lateness and time out of adherence. */
  graceMinutes?: number;
  /** Absent for a read-only view. */
  onAction?: (agent: FloorAgent, action: AgentAction) => void;
  /** What the menu offers (the user's role and the center's setting); a leader's full menu when absent. */
  allowed?: AgentActions;
}

const leaderActions = agentActions('team_leader', false);

/** The team's agents as cards: colour by state, reason, time in state; red past the center's limits. */
export function AgentGrid({ agents, now, thresholds, notReadyReasons, graceMinutes, onAction, allowed = leaderActions }: AgentGridProps) {
  if (agents.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <ul className="agent-grid" style={{ margin: 0, padding: 0, listStyle: 'none' }}>
      {agents.map((agent) => (
        <AgentCard
          key={agent.agentId}
          agent={agent}
          // Only a state that is shown with its time, or a schedule kept or not, needs the clock; the others skip the tick.
          now={agent.status === 'logged_out' && !(graceMinutes !== undefined && agent.schedule?.length) ? 0 : now}
          thresholds={thresholds}
          notReadyReasons={notReadyReasons}
          graceMinutes={graceMinutes}
          onAction={onAction}
          allowed={allowed}
        />
      ))}
    </ul>
  );
}

/** One agent's card; drawn again only when its agent, the second or the settings change. */
const AgentCard = memo(function AgentCard({
  agent,
  now,
  thresholds,
  notReadyReasons,
  graceMinutes,
  onAction,
  allowed = leaderActions,
}: Omit<AgentGridProps, 'agents'> & { agent: FloorAgent }) {
  const { t } = useTranslation();
  const reasonLabel = useReasonName(notReadyReasons);

  const menu = (): MenuProps => {
    const loggedIn = agent.status !== 'logged_out';
    const force: MenuProps['items'] = [
      { key: 'force:ready', label: t('wallboard.forceReady'), disabled: !loggedIn || agent.status === 'ready' || onCall(agent.status) },
      {
        key: 'force:not_ready',
        label: t('wallboard.forceNotReady'),
        disabled: !loggedIn || onCall(agent.status),
        children: pickableReasons(notReadyReasons).map((r) => ({ key: `force:not_ready:${r.code}`, label: reasonLabel(r.code) })),
      },
      { key: 'force:logged_out', label: t('wallboard.forceLogout'), disabled: !loggedIn || onCall(agent.status) },
      { type: 'divider' },
    ];
    const items: MenuProps['items'] = [
      ...(allowed.force ? force : []),
      ...allowed.monitor.map((mode) => ({ key: `monitor:${mode}`, label: t(`wallboard.${mode}`), disabled: !onCall(agent.status) })),
      ...(allowed.message ? [{ type: 'divider' as const }, { key: 'message', label: t('wallboard.sendMessage') }] : []),
    ];
    return {
      items,
      onClick: ({ key }) => {
        const [kind, value, reason] = key.split(':');
        if (kind === 'force') onAction?.(agent, { kind: 'force', status: value as 'ready' | 'not_ready' | 'logged_out', ...(reason ? { reason } : {}) });
        else if (kind === 'monitor') onAction?.(agent, { kind: 'monitor', mode: value as MonitorMode });
        else onAction?.(agent, { kind: 'message' });
      },
    };
  };

  const overdue = isOverdue(agent, now, thresholds);
  const adherence = graceMinutes === undefined ? null : adherenceAt(agent, now, graceMinutes);
  const inState = agent.status === 'logged_out' ? null : clock((now - agent.since) / 1000);
  return (
    <li aria-label={`${agent.employeeNo} ${agent.name}`} data-agent={agent.employeeNo} data-status={agent.status} data-overdue={overdue ? 'true' : 'false'}>
      <Card size="small" className={`agent-card agent-card--${agent.status}${overdue ? ' agent-card--overdue' : ''}`} styles={{ body: { padding: '10px 12px' } }}>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 4 }}>
          <Typography.Text strong ellipsis style={{ maxWidth: 120 }}>
            {agent.name}
          </Typography.Text>
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {agent.employeeNo}
            </Typography.Text>
            {agent.simulated && (
              <Tooltip title={t('wallboard.simulated')}>
                <RobotOutlined style={{ color: '#bfbfbf', fontSize: 12 }} />
              </Tooltip>
            )}
            {onAction && (
              <Dropdown menu={menu()} trigger={['click']}>
                <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('wallboard.actions')} />
              </Dropdown>
            )}
          </span>
        </div>
        <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginTop: 6 }}>
          <Tag color={statusColor[agent.status]} className="agent-status" style={{ marginInlineEnd: 0 }}>
            {onCall(agent.status) && <CustomerServiceOutlined style={{ marginInlineEnd: 4 }} />}
            {t(`status.${agent.status}`)}
          </Tag>
          {inState && (
            <Typography.Text className="tabular agent-time" strong={overdue} style={{ color: overdue ? '#cf1322' : undefined }}>
              {inState}
            </Typography.Text>
          )}
        </div>
        <div className="agent-reason">
          {agent.status === 'not_ready' && agent.notReadyReason ? reasonLabel(agent.notReadyReason) : '\u00a0'}
          {overdue && (
            <Tag color="red" variant="filled" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>
              {t('wallboard.overdue')}
            </Tag>
          )}
          {adherence && adherence.lateMinutes > 0 && (
            <Tag color="red" className="agent-late" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>
              {t('adherence.late', { minutes: adherence.lateMinutes })}
            </Tag>
          )}
          {adherence?.outSince != null && (
            <Tag color="orange" className="agent-out-of-adherence" style={{ marginInlineStart: 6, fontSize: 11, lineHeight: '16px' }}>
              {t('adherence.out')} {clock((now - adherence.outSince) / 1000)}
            </Tag>
          )}
        </div>
      </Card>
    </li>
  );
});
