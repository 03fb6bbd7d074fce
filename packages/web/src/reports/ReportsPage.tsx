import { useEffect, useState } from 'react';
import { Card, Spin, Tabs } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../api/client';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthProvider';
import { MetricsReport } from './MetricsReport';
import { PeaksReport } from './PeaksReport';
import { RankingReport } from './RankingReport';
import { ScorecardReport } from './ScorecardReport';
import { TargetsReport } from './TargetsReport';

/** 报表: metrics by any dimension, scorecards, peaks, targets and ranking; the server applies each role's scope. */
export function ReportsPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const analyst = user?.role !== 'agent';
  const [center, setCenter] = useState<{ today: Dayjs; timeZone: string } | null>(null);
  useEffect(() => {
    // "Today" is the center's date, which is not the browser's when they sit in other time zones.
    void api<{ timeZone: string }>('GET', '/api/v1/center').then(({ timeZone }) =>
      setCenter({ timeZone, today: dayjs(new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())) }),
    );
  }, []);
  if (!center) return <Spin />;
  const { today } = center;
  return (
    <Card title={t('reports.title')}>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'metrics', label: t('reports.metrics'), children: <MetricsReport today={today} timeZone={center.timeZone} /> },
          { key: 'scorecard', label: t('reports.scorecard'), children: <ScorecardReport today={today} /> },
          ...(analyst
            ? [
                { key: 'peaks', label: t('reports.peaks'), children: <PeaksReport today={today} /> },
                { key: 'targets', label: t('reports.targets'), children: <TargetsReport today={today} /> },
                { key: 'ranking', label: t('reports.ranking'), children: <RankingReport today={today} /> },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
