import { useEffect, useState } from 'react';
import { Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { BarChartOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { clock, count, percent } from '../live/format';

interface Report {
  rows: { key: string; metrics: Record<string, number | null> }[];
  total: { key: string; metrics: Record<string, number | null> };
}

/** Today's date on the center's clock, as the reports want it. */
export function centerDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const figures = [
  { id: 'answered', label: 'desktop.handled', show: count, teamAverage: true },
  { id: 'averageHandleTime', label: 'desktop.aht', show: (v: number | null) => (v === null ? '—' : clock(v)), teamAverage: false },
  { id: 'notReadyTime', label: 'desktop.notReadyTime', show: (v: number | null) => (v === null ? '—' : clock(v)), teamAverage: true },
  { id: 'talkUtilization', label: 'desktop.talkUtilization', show: percent, teamAverage: false },
] as const;

/**
 * The agent's figures today from the report API (the same metric code as every report). Reloaded
 * when `refreshKey` changes, i.e. when one of the agent's calls ends; never polled.
 */
export function MyDay({ agentId, date, refreshKey }: { agentId: string; date: string; refreshKey: number }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  useEffect(() => {
    let current = true;
    api<Report>('GET', `/api/v1/reports/metrics?from=${date}&to=${date}&by=agent`).then(
      (r) => current && setReport(r),
      () => current && setReport(null),
    );
    return () => {
      current = false;
    };
  }, [date, refreshKey]);
  const mine = report?.rows.find((r) => r.key === agentId)?.metrics ?? {};
  // Only when the answer covers more agents than this one does it say anything about the team.
  const team = report && report.rows.length > 1 ? { metrics: report.total.metrics, agents: report.rows.length } : null;
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
              <Statistic title={t(f.label)} value={f.show(mine[f.id] ?? null)} styles={{ content: { fontSize: 22 } }} />
              {average !== null && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('desktop.teamAverage', { value: f.show(average) })}
                </Typography.Text>
              )}
            </Col>
          );
        })}
      </Row>
    </Card>
  );
}
