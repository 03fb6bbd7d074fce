import { useEffect, useState } from 'react';
import { Button, Table, Tag } from 'antd';
import type { MyExam } from '@banzu/contract';
import { api } from '../api/client';
import { TakeExam } from './TakeExam';
import { useTexts } from './texts';
import { centerDateTime } from '../api/center';

/** 我的考试: the exams the agent takes, each opened to take it or to see the mark. */
export function MyExams({ timeZone }: { timeZone: string }) {
  const m = useTexts();
  const [exams, setExams] = useState<MyExam[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    if (open === null) void api<{ items: MyExam[] }>('GET', '/api/v1/training/my-exams').then((r) => setExams(r.items));
  }, [open]);
  if (open) return <TakeExam examId={open} onBack={() => setOpen(null)} />;
  return (
    <Table<MyExam>
      rowKey="id"
      loading={exams === null}
      dataSource={exams ?? []}
      pagination={false}
      columns={[
        { title: m.columns.title, dataIndex: 'title' },
        { title: m.columns.window, render: (_, e) => `${centerDateTime(e.opensAt, timeZone)} – ${centerDateTime(e.closesAt, timeZone)}` },
        { title: m.columns.status, render: (_, e) => <Tag color={e.window === 'open' ? 'blue' : undefined}>{m.window[e.window]}</Tag> },
        { title: m.columns.total, dataIndex: 'total' },
        { title: m.columns.pass, render: (_, e) => `${e.passPercent}%` },
        {
          title: m.columns.score,
          render: (_, e) => (e.best ? <Tag color={e.best.passed ? 'green' : 'red'}>{`${e.best.score}（${e.best.percent}%）`}</Tag> : m.notTaken),
        },
        {
          title: '',
          render: (_, e) =>
            e.window === 'open' && e.attemptsUsed < e.maxAttempts ? (
              <Button type="primary" size="small" onClick={() => setOpen(e.id)}>
                {m.take}
              </Button>
            ) : e.window !== 'upcoming' ? (
              <Button size="small" onClick={() => setOpen(e.id)}>
                {m.view}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}
