import { useEffect, useState } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import type { CohortPassRate } from '@banzu/core';
import type { ExamResultRow, ExamResults, PassRates } from '@banzu/contract';
import { api } from '../api/client';
import { useTexts } from './texts';
import { centerDateTime } from '../api/center';

/** Who took the exams, as the results and the month's scores both begin: 工号, name, team, hire month. */
export function takerColumns(m: ReturnType<typeof useTexts>) {
  return [
    { title: m.columns.employeeNo, dataIndex: 'employeeNo' },
    { title: m.columns.agent, dataIndex: 'agentName' },
    { title: m.columns.team, dataIndex: 'teamName' },
    { title: m.columns.hireMonth, dataIndex: 'hireMonth' },
  ];
}

/** Pass rates per team and per hire month, side by side. */
export function PassRateTables({ rates }: { rates: PassRates }) {
  const m = useTexts();
  const columns = [
    { title: m.columns.cohort, dataIndex: 'cohort' },
    { title: m.columns.takersCount, dataIndex: 'takers' },
    { title: m.columns.passedCount, dataIndex: 'passed' },
    { title: m.columns.passRate, render: (_: unknown, c: CohortPassRate) => `${Math.round(c.passRate * 1000) / 10}%` },
    { title: m.columns.mean, dataIndex: 'meanPercent' },
  ];
  return (
    <Space align="start" wrap>
      <div>
        <Typography.Title level={5}>{m.byTeam}</Typography.Title>
        <Table<CohortPassRate> rowKey="cohort" size="small" pagination={false} dataSource={rates.byTeam} columns={columns} />
      </div>
      <div>
        <Typography.Title level={5}>{m.byHireMonth}</Typography.Title>
        <Table<CohortPassRate> rowKey="cohort" size="small" pagination={false} dataSource={rates.byHireMonth} columns={columns} />
      </div>
    </Space>
  );
}

/** One exam's takers with their best sheet, and the pass rate per cohort. */
export function Results({ examId, timeZone, onBack }: { examId: string; timeZone: string; onBack: () => void }) {
  const m = useTexts();
  const [results, setResults] = useState<ExamResults | null>(null);
  useEffect(() => void api<ExamResults>('GET', `/api/v1/training/exams/${examId}/results`).then(setResults), [examId]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button onClick={onBack}>{m.back}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {results?.exam.title}
        </Typography.Title>
      </Space>
      <Table<ExamResultRow>
        rowKey="agentId"
        size="small"
        loading={results === null}
        dataSource={results?.rows ?? []}
        pagination={false}
        columns={[
          ...takerColumns(m),
          { title: m.columns.attemptsCount, dataIndex: 'attempts' },
          {
            title: m.columns.score,
            render: (_, r) =>
              r.percent === null ? <Tag>{m.notTaken}</Tag> : <Tag color={r.passed ? 'green' : 'red'}>{`${r.score}（${r.percent}%）${r.passed ? m.passed : m.failed}`}</Tag>,
          },
          { title: m.columns.submittedAt, render: (_, r) => centerDateTime(r.submittedAt, timeZone) },
        ]}
      />
      {results && <PassRateTables rates={results.passRates} />}
    </Space>
  );
}
