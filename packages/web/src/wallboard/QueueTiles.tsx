import { memo } from 'react';
import { Card, Col, Progress, Row, Space, Statistic, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FloorQueue, FloorThresholds, ReportServiceLevel } from '@banzu/contract';
import { formatDuration } from '@banzu/core';
import { clock, count, percent } from '../live/format';

/** The colour of a service level against its target: red below, green at or above, grey without data. */
function slColor(value: number | null | undefined, target: number): string {
  if (value === null || value === undefined) return '#8c8c8c';
  return value >= target ? '#389e0d' : '#cf1322';
}

/** A tile per queue: waiting, longest wait, service level today and last 30 minutes, abandonment, ASA, staffing. */
export function QueueTiles({
  queues,
  now,
  thresholds,
  serviceLevel,
}: {
  queues: FloorQueue[];
  now: number;
  thresholds: FloorThresholds;
  /** The center's service-level variant the tiles' figures use: a wallboard names it as the reports do. */
  serviceLevel?: ReportServiceLevel;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      {/* Beside the own team's grid a leader would read them as the team's: they count every caller of the queue. */}
      <Typography.Text type="secondary" className="center-queues" style={{ fontSize: 12 }}>
        {t('wallboard.centerQueues')}
      </Typography.Text>
      <Row gutter={[12, 12]}>
        {queues.map((q) => (
          // Only a queue with a caller waiting shows a ticking time; the others skip the clock.
          <QueueTile key={q.queueId} q={q} now={q.longestWaitSince === null ? 0 : now} thresholds={thresholds} />
        ))}
      </Row>
      {serviceLevel && (
        <Typography.Text type="secondary" className="service-level-variant" style={{ fontSize: 12 }}>
          {i18n.language === 'en' ? serviceLevel.en : serviceLevel.zh}
        </Typography.Text>
      )}
    </Space>
  );
}

const QueueTile = memo(function QueueTile({ q, now, thresholds }: { q: FloorQueue; now: number; thresholds: FloorThresholds }) {
  const { t, i18n } = useTranslation();
  const longest = q.longestWaitSince === null ? null : (now - q.longestWaitSince) / 1000;
  const longWait = longest !== null && longest > thresholds.waitSeconds;
  const slToday = q.today.serviceLevel;
  const slLast30 = q.last30.serviceLevel;
  const below = slToday !== null && slToday !== undefined && slToday < q.slTarget;
  return (
    <Col xs={24} sm={12} xl={6}>
      <Card
        size="small"
        className={`queue-tile${below ? ' queue-tile--below' : ''}`}
        data-queue={q.name}
        data-below-target={below ? 'true' : 'false'}
        title={q.name}
        extra={
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('wallboard.target', { value: `${percent(q.slTarget)} / ${q.slThresholdSeconds}s` })}
          </Typography.Text>
        }
      >
        <Row gutter={8}>
          <Col span={8}>
            <Statistic title={t('wallboard.waiting')} value={q.waiting} styles={{ content: { color: q.waiting > 0 ? '#d46b08' : undefined, fontSize: 26 } }} />
          </Col>
          <Col span={8}>
            <Statistic
              title={t('wallboard.longestWait')}
              value={longest === null ? '—' : clock(longest)}
              className="longest-wait"
              data-long={longWait ? 'true' : 'false'}
              styles={{ content: { color: longWait ? '#cf1322' : undefined, fontSize: 26 } }}
            />
          </Col>
          <Col span={8}>
            <Tooltip title={t('wallboard.slToday')}>
              <Progress
                type="dashboard"
                size={72}
                percent={slToday === null || slToday === undefined ? 0 : slToday * 100}
                strokeColor={slColor(slToday, q.slTarget)}
                format={() => (
                  <span className="sl-today" style={{ fontSize: 14, color: slColor(slToday, q.slTarget) }}>
                    {percent(slToday)}
                  </span>
                )}
              />
            </Tooltip>
          </Col>
        </Row>
        <div className="queue-figures">
          <span>
            {t('wallboard.slToday')}{' '}
            <b className="sl-today-text" style={{ color: slColor(slToday, q.slTarget) }}>
              {percent(slToday)}
            </b>
          </span>
          <span>
            {t('wallboard.slLast30')} <b style={{ color: slColor(slLast30, q.slTarget) }}>{percent(slLast30)}</b>
          </span>
          <span>
            {t('wallboard.abandonment')} <b>{percent(q.today.abandonmentRate)}</b>
          </span>
          <span>
            {t('wallboard.asa')} <b>{formatDuration(q.today.averageSpeedOfAnswer, i18n.language)}</b>
          </span>
          <span>
            {t('wallboard.offered')} <b>{count(q.today.totalCalls)}</b>
          </span>
        </div>
        <Space size="middle" className="queue-staff">
          <span>
            <i className="dot dot--ready" />
            {t('wallboard.ready')} <b>{q.agentsReady}</b>
          </span>
          <span>
            <i className="dot dot--talking" />
            {t('wallboard.talking')} <b>{q.agentsTalking}</b>
          </span>
          <span>
            <i className="dot dot--not-ready" />
            {t('wallboard.notReady')} <b>{q.agentsNotReady}</b>
          </span>
        </Space>
      </Card>
    </Col>
  );
});
