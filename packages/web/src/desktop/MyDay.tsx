import { useEffect, useState } from 'react';
import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MyDay as Day } from '@banzu/contract';
import { api } from '../api/client';
import { formatDuration } from '@banzu/core';
import { count, percent } from '../live/format';

/** Today's date on the center's clock, as the reports want it. */
export function centerDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const figures = [
  // A team's average of a count is rarely whole: one decimal, so 0.4 calls does not read as none.
  { id: 'answered', label: 'desktop.handled', show: count, showAverage: (v: number | null) => (v === null ? '—' : v.toFixed(1)), teamAverage: true },
  { id: 'averageHandleTime', label: 'desktop.aht', show: formatDuration, teamAverage: false },
  { id: 'notReadyTime', label: 'desktop.notReadyTime', show: formatDuration, teamAverage: true },
  { id: 'talkUtilization', label: 'desktop.talkUtilization', show: percent, teamAverage: false },
] as const;

/**
 * The agent's figures today from the report API (the same metric code as every report). Reloaded
 * when `refreshKey` changes, i.e. when one of the agent's calls ends; never polled.
 */
export function MyDay({ agentId, date, refreshKey }: { agentId: string; date: string; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState<Day | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new agent or a call that ended (refreshKey) reloads the figures on purpose
  useEffect(() => {
    let current = true;
    api<Day>('GET', `/api/v1/desktop/my-day?date=${date}`).then(
      (d) => current && setDay(d),
      () => current && setDay(null),
    );
    return () => {
      current = false;
    };
  }, [agentId, date, refreshKey]);
  const mine = day?.mine ?? {};
  // Only a team of more than this agent says anything beyond the agent's own figures.
  const team = day?.team && day.team.agents > 1 ? day.team : null;
  return (
    <Card
      size="small"
      className="my-day"
      title={
        <Space>
          <BarChartOutlined />
          {t('desktop.myDay')}
        </Space>
      }
    >
      <Row gutter={[16, 16]}>
        {figures.map((f) => {
          const total = team?.metrics[f.id] ?? null;
          // Counts and times add up over agents: the total divided by the agents is the average.
          const average = team && total !== null ? (f.teamAverage ? total / team.agents : total) : null;
          return (
            <Col span={12} key={f.id}>
              <Statistic title={t(f.label)} value={f.show(mine[f.id] ?? null, i18n.language)} styles={{ content: { fontSize: 22 } }} />
              {average !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('desktop.teamAverage', { value: 'showAverage' in f ? f.showAverage(average) : f.show(average, i18n.language) })}
                </Typography.Text>
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
