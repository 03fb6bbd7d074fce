import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricInfo } from '@banzu/contract';
import { formatDuration } from '@banzu/core';
import { api } from '../api/client';

/** The metric dictionary from the server, and how to show a value of each metric. */
export function useMetrics() {
  const { i18n, t } = useTranslation();
  const [metrics, setMetrics] = useState<MetricInfo[]>([]);
  useEffect(() => {
    void api<MetricInfo[]>('GET', '/api/v1/metrics').then(setMetrics);
  }, []);
  const byId = new Map(metrics.map((m) => [m.id, m]));
  const name = (id: string): string => {
    const m = byId.get(id);
    return m ? (i18n.language === 'en' ? m.en : m.zh) : id;
  };
  const format = (id: string, value: number | null | undefined) => {
    // An indicator whose input Banzu does not have yet says so, not "no data" as if nothing happened.
    if (byId.get(id)?.dataSource.available === false) return t('reports.noDataSource');
    if (value === null || value === undefined) return t('reports.noData');
    switch (byId.get(id)?.unit) {
      case 'ratio':
        return `${(value * 100).toFixed(1)}%`;
      case 'count':
        return String(Math.round(value));
      case 'seconds':
        return formatDuration(value, i18n.language);
      default:
        return value.toFixed(2);
    }
  };
  return { metrics, name, format };
}
