import { useEffect, useState } from 'react';
import { Button, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Profile, Scorecard } from '@banzu/contract';
import type { ScorecardLine } from '@banzu/core';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { useMetrics } from './useMetricFormat';

/** 成绩单: one agent's figures against the team, the center and the target. An agent sees only the own card. */
export function ScorecardReport({ today }: { today: Dayjs }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { name, format } = useMetrics();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const [agents, setAgents] = useState<Profile[]>([]);
  const [agentId, setAgentId] = useState<string | undefined>(user?.role === 'agent' ? user.id : undefined);
  const [card, setCard] = useState<Scorecard | null>(null);
  useEffect(() => {
    if (user?.role === 'agent') return;
    void api<Profile[]>('GET', '/api/v1/users?role=agent').then((list) => {
      setAgents(list);
      setAgentId((current) => current ?? list[0]?.id);
    });
  }, [user?.role]);
  const query = agentId ? new URLSearchParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), agentId }).toString() : null;
  useEffect(() => {
    if (!query) return;
    void api<Scorecard>('GET', `/api/v1/reports/scorecard?${query}`).then(
      (answer) => setCard(answer),
      () => setCard(null),
    );
  }, [query]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
        {user?.role !== 'agent' && (
          <Select
            value={agentId}
            onChange={setAgentId}
            style={{ width: 200 }}
            showSearch
            optionFilterProp="label"
            placeholder={t('reports.agent')}
            options={agents.map((a) => ({ value: a.id, label: `${a.employeeNo} ${a.displayName}` }))}
          />
        )}
        <Button href={query ? `/api/v1/reports/scorecard?${query}&format=xlsx&lang=${i18n.language}` : undefined} disabled={!query}>
          {t('reports.export')}
        </Button>
      </Space>
      <Table<ScorecardLine>
        rowKey="metricId"
        size="small"
        dataSource={card?.lines ?? []}
        pagination={false}
        columns={[
          { title: t('reports.metric'), render: (_, l) => name(l.metricId) },
          { title: t('reports.agentValue'), render: (_, l) => format(l.metricId, l.value) },
          { title: t('reports.teamValue'), render: (_, l) => format(l.metricId, l.team) },
          { title: t('reports.centerValue'), render: (_, l) => format(l.metricId, l.center) },
          { title: t('reports.target'), render: (_, l) => (l.target === null ? '—' : format(l.metricId, l.target)) },
          {
            title: t('reports.met'),
            render: (_, l) => (l.met === null ? null : <Tag color={l.met ? 'green' : 'red'}>{t(l.met ? 'reports.met' : 'reports.missed')}</Tag>),
          },
          {
            title: t('reports.rankInTeam'),
            render: (_, l) =>
              l.rank === null ? null : (
                <Space>
                  {`${l.rank} / ${l.rankedOf}`}
                  {(l.band === 'top' || l.band === 'bottom') && <Tag color={l.band === 'top' ? 'gold' : 'volcano'}>{t(`reports.bands.${l.band}`)}</Tag>}
                </Space>
              ),
          },
        ]}
      />
      {card && <Typography.Text type="secondary">{i18n.language === 'en' ? card.serviceLevel.en : card.serviceLevel.zh}</Typography.Text>}
    </Space>
  );
}
