import { useEffect, useState } from 'react';
import { Input, Select, Space, Table } from 'antd';
import type { MonthlyExamScoreRow, MonthlyExamScores, Team } from '@banzu/contract';
import { api } from '../api/client';
import { PassRateTables, takerColumns } from './Results';
import { useTexts } from './texts';
import { initialLanguage } from '../i18n/index';
import { ExportButton } from '../download/index';

/** 每月考试成绩: each agent's month in the caller's scope, pass rates per cohort, and the Excel export for those who may take it. */
export function MonthScores({ month: initial, canExport, allTeams }: { month: string; canExport: boolean; allTeams: boolean }) {
  const m = useTexts();
  const [month, setMonth] = useState(initial);
  const [teams, setTeams] = useState<Team[]>([]);
  const [team, setTeam] = useState<string | null>(null);
  const [scores, setScores] = useState<MonthlyExamScores | null>(null);
  const query = `month=${month}${team ? `&team=${encodeURIComponent(team)}` : ''}`;
  useEffect(() => {
    if (allTeams) void api<Team[]>('GET', '/api/v1/teams').then(setTeams);
  }, [allTeams]);
  useEffect(() => {
    if (/^\d{4}-\d{2}$/.test(month)) void api<MonthlyExamScores>('GET', `/api/v1/training/scores?${query}`).then(setScores);
  }, [month, query]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input type="month" aria-label={m.month} value={month} onChange={(e) => setMonth(e.target.value)} style={{ width: 180 }} />
        {allTeams && (
          <Select<string | null>
            aria-label={m.columns.team}
            allowClear
            placeholder={m.columns.team}
            style={{ width: 200 }}
            value={team}
            onChange={(v) => setTeam(v ?? null)}
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
          />
        )}
        {canExport && <ExportButton href={`/api/v1/training/scores/export.xlsx?${query}&lang=${initialLanguage()}`}>{m.export}</ExportButton>}
      </Space>
      <Table<MonthlyExamScoreRow>
        rowKey="agentId"
        size="small"
        loading={scores === null}
        dataSource={scores?.items ?? []}
        pagination={false}
        columns={[
          ...takerColumns(m),
          { title: m.columns.exams, dataIndex: 'exams' },
          { title: m.columns.passedCount, dataIndex: 'passed' },
          { title: m.columns.mean, dataIndex: 'score' },
        ]}
      />
      {scores && <PassRateTables rates={scores.passRates} />}
    </Space>
  );
}
