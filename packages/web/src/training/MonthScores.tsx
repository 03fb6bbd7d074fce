import { useEffect, useState } from 'react';
import { Button, Input, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { MonthlyExamScoreRow, MonthlyExamScores } from '@banzu/contract';
import { api } from '../api/client';
import { PassRateTables } from './Results';
import { useTexts } from './texts';

/** 每月考试成绩: each agent's month in the caller's scope, pass rates per cohort, and the Excel export for those who may take it. */
export function MonthScores({ month: initial, canExport }: { month: string; canExport: boolean }) {
  const m = useTexts();
  const [month, setMonth] = useState(initial);
  const [scores, setScores] = useState<MonthlyExamScores | null>(null);
  useEffect(() => {
    if (/^\d{4}-\d{2}$/.test(month)) void api<MonthlyExamScores>('GET', `/api/v1/training/scores?month=${month}`).then(setScores);
  }, [month]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input type="month" aria-label={m.month} value={month} onChange={(e) => setMonth(e.target.value)} style={{ width: 180 }} />
        {canExport && (
          <Button icon={<DownloadOutlined />} href={`/api/v1/training/scores/export.xlsx?month=${month}`}>
            {m.export}
          </Button>
        )}
      </Space>
      <Table<MonthlyExamScoreRow>
        rowKey="agentId"
        size="small"
        loading={scores === null}
        dataSource={scores?.items ?? []}
        pagination={false}
        columns={[
          { title: m.columns.employeeNo, dataIndex: 'employeeNo' },
          { title: m.columns.agent, dataIndex: 'agentName' },
          { title: m.columns.team, dataIndex: 'teamName' },
          { title: m.columns.hireMonth, dataIndex: 'hireMonth' },
          { title: m.columns.exams, dataIndex: 'exams' },
          { title: m.columns.passedCount, dataIndex: 'passed' },
          { title: m.columns.mean, dataIndex: 'score' },
        ]}
      />
      {scores && <PassRateTables rates={scores.passRates} />}
    </Space>
  );
}
