import { Alert, Button, Card, Dropdown, Progress, Space, Tag, Typography } from 'antd';
import { CheckCircleOutlined, DownOutlined, FieldTimeOutlined, LogoutOutlined, PauseCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FloorAgent, FloorReason } from '@banzu/contract';
import { clock } from '../live/format';
import { pickableReasons, useReasonName } from '../live/reasons';
import { statusColor } from '../live/status';

/** Seconds before the end of a wrap-up whose disposition is due when the reminder turns to a warning. */
export const DISPOSITION_WARNING_SECONDS = 10;

/** How much time one "more time" asks for. */
export const EXTEND_SECONDS = 30;

export interface StateBarProps {
  agent: FloorAgent;
  /** The server's clock now, ticking. */
  now: number;
  /** The center's reasons with their names; the menu offers those an agent may pick. */
  notReadyReasons: FloorReason[];
  onState(status: 'ready' | 'not_ready' | 'logged_out', reason?: string): void;
  onFinishWrapUp(): void;
  onExtendWrapUp(seconds: number): void;
}

/** The agent's own state: what it is, for how long, and the moves the state allows. */
export function StateBar({ agent, now, notReadyReasons, onState, onFinishWrapUp, onExtendWrapUp }: StateBarProps) {
  const { t } = useTranslation();
  const reasonLabel = useReasonName(notReadyReasons);
  const reasonMenu = (except: string | null) => ({
    items: pickableReasons(notReadyReasons)
      .filter((r) => r.code !== except)
      .map((r) => ({ key: r.code, label: reasonLabel(r.code) })),
    onClick: ({ key }: { key: string }) => onState('not_ready', key),
  });
  const { status } = agent;
  const loggedOut = status === 'logged_out';
  const wrapUpLeft = status === 'wrap_up' && agent.wrapUpEndsAt !== null ? Math.max(0, (agent.wrapUpEndsAt - now) / 1000) : null;
  const wrapUpTotal = agent.wrapUpEndsAt !== null ? Math.max(1, (agent.wrapUpEndsAt - agent.since) / 1000) : 1;
  // The center requires a disposition: the wrap-up goes on past its time until it is saved.
  const dispositionDue = status === 'wrap_up' && agent.dispositionDue === true;
  const overdueSeconds = dispositionDue && agent.wrapUpEndsAt !== null && now >= agent.wrapUpEndsAt ? (now - agent.wrapUpEndsAt) / 1000 : null;
  // The router made the agent not ready because a call rang out here: say so, and the way back.
  const missedCall = status === 'not_ready' && agent.notReadyReason === 'no_answer';

  return (
    <Card size="small" className="state-bar" data-status={status}>
      <div style={{ display: 'flex', alignItems: 'center', gap: 24, flexWrap: 'wrap' }}>
        <Space size="middle" align="center">
          <Typography.Text type="secondary">{t('desktop.state')}</Typography.Text>
          <Tag color={statusColor[status]} className="state-tag" data-testid="agent-status" style={{ fontSize: 16, padding: '4px 14px', marginInlineEnd: 0 }}>
            {t(`status.${status}`)}
            {status === 'not_ready' && agent.notReadyReason ? ` · ${reasonLabel(agent.notReadyReason)}` : ''}
          </Tag>
        </Space>
        {!loggedOut && (
          <Space size="small" align="center">
            <FieldTimeOutlined />
            <Typography.Text type="secondary">{t('desktop.timeInState')}</Typography.Text>
            <Typography.Text strong className="tabular" data-testid="time-in-state" style={{ fontSize: 18 }}>
              {clock((now - agent.since) / 1000)}
            </Typography.Text>
          </Space>
        )}
        {overdueSeconds !== null && (
          <Space size="small" align="center" style={{ minWidth: 260 }}>
            <Typography.Text type="secondary">{t('desktop.wrapUpOverdue')}</Typography.Text>
            <Typography.Text strong className="tabular" data-testid="wrap-up-overdue" style={{ fontSize: 18, color: '#cf1322' }}>
              {clock(overdueSeconds)}
            </Typography.Text>
          </Space>
        )}
        {wrapUpLeft !== null && overdueSeconds === null && (
          <Space size="small" align="center" style={{ minWidth: 260 }}>
            <Typography.Text type="secondary">{t('desktop.wrapUpLeft')}</Typography.Text>
            <Typography.Text strong className="tabular" data-testid="wrap-up-left" style={{ fontSize: 18, color: wrapUpLeft < 10 ? '#cf1322' : undefined }}>
              {clock(Math.ceil(wrapUpLeft))}
            </Typography.Text>
            <Progress percent={(wrapUpLeft / wrapUpTotal) * 100} showInfo={false} size="small" style={{ width: 100, margin: 0 }} strokeColor="#722ed1" />
          </Space>
        )}
        <div style={{ flex: 1 }} />
        <Space wrap>
          {loggedOut && (
            <>
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => onState('ready')}>
                {t('desktop.login')}
              </Button>
              <Dropdown menu={reasonMenu(null)} trigger={['click']}>
                <Button>
                  {t('desktop.loginNotReady')} <DownOutlined />
                </Button>
              </Dropdown>
            </>
          )}
          {status === 'wrap_up' && (
            <>
              <Button type="primary" onClick={onFinishWrapUp}>
                {t('desktop.finish')}
              </Button>
              <Button onClick={() => onExtendWrapUp(EXTEND_SECONDS)}>{t('desktop.moreTime', { n: EXTEND_SECONDS })}</Button>
            </>
          )}
          {status === 'not_ready' && (
            <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => onState('ready')}>
              {t('desktop.ready')}
            </Button>
          )}
          {!loggedOut && (
            <Dropdown menu={reasonMenu(agent.notReadyReason)} trigger={['click']} disabled={!(status === 'ready' || status === 'not_ready' || status === 'wrap_up')}>
              <Button icon={<PauseCircleOutlined />}>
                {t('desktop.notReady')} <DownOutlined />
              </Button>
            </Dropdown>
          )}
          {!loggedOut && (
            <Button icon={<LogoutOutlined />} disabled={!(status === 'ready' || status === 'not_ready' || status === 'wrap_up')} onClick={() => onState('logged_out')}>
              {t('desktop.logout')}
            </Button>
          )}
        </Space>
      </div>
      {dispositionDue && (
        <Alert
          type={overdueSeconds !== null ? 'error' : wrapUpLeft !== null && wrapUpLeft <= DISPOSITION_WARNING_SECONDS ? 'warning' : 'info'}
          showIcon
          role="alert"
          className="disposition-due"
          style={{ marginTop: 12 }}
          title={overdueSeconds !== null ? t('desktop.dispositionOverdue') : t('desktop.dispositionDue', { n: Math.ceil(wrapUpLeft ?? 0) })}
          description={t('desktop.dispositionDueHint')}
        />
      )}
      {missedCall && (
        <Alert type="warning" showIcon role="alert" className="missed-call" style={{ marginTop: 12 }} title={t('desktop.missedCall')} description={t('desktop.missedCallHint')} />
      )}
    </Card>
  );
}
