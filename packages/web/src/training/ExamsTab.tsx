import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { fromLocal } from '@banzu/core';
import type { ExamDetail, ExamSummary, Team, TrainingCourse } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { ExamEditor } from './ExamEditor';
import { Results } from './Results';
import { useTexts } from './texts';
import { centerDateTime } from '../api/center';

/** A `datetime-local` value (the center's wall clock) as an instant. */
function instant(local: string, timeZone: string): string {
  const [date = '', time = '00:00'] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return new Date(fromLocal(y ?? 1970, mo ?? 1, d ?? 1, h ?? 0, mi ?? 0, timeZone)).toISOString();
}

function Publish({ exam, timeZone, onDone }: { exam: ExamSummary; timeZone: string; onDone: (published: boolean) => void }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const now = Date.now();
  const [opensAt, setOpensAt] = useState(centerDateTime(new Date(now).toISOString(), timeZone).replace(' ', 'T'));
  const [closesAt, setClosesAt] = useState(centerDateTime(new Date(now + 86_400_000).toISOString(), timeZone).replace(' ', 'T'));
  useEffect(() => void api<Team[]>('GET', '/api/v1/teams').then(setTeams), []);
  const publish = async () => {
    try {
      await api('POST', `/api/v1/training/exams/${exam.id}/publish`, { teamIds, opensAt: instant(opensAt, timeZone), closesAt: instant(closesAt, timeZone) });
      message.success(m.published);
      onDone(true);
    } catch (err) {
      message.error(refusalText(err));
    }
  };
  return (
    <Modal open title={`${m.publish} · ${exam.title}`} okText={m.publish} cancelText={m.cancel} onOk={() => void publish()} onCancel={() => onDone(false)}>
      <Form layout="vertical">
        <Form.Item label={m.publishTo}>
          <Select mode="multiple" aria-label={m.publishTo} value={teamIds} onChange={setTeamIds} options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        </Form.Item>
        <Form.Item label={m.opensAt} htmlFor="exam-opens">
          <Input id="exam-opens" type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
        </Form.Item>
        <Form.Item label={m.closesAt} htmlFor="exam-closes">
          <Input id="exam-closes" type="datetime-local" value={closesAt} onChange={(e) => setClosesAt(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The exams list: trainers write, publish and read results; team leaders read their team's results. */
export function ExamsTab({ timeZone, canRun }: { timeZone: string; canRun: boolean }) {
  const m = useTexts();
  const [exams, setExams] = useState<ExamSummary[] | null>(null);
  const [courses, setCourses] = useState<TrainingCourse[]>([]);
  const [editing, setEditing] = useState<ExamDetail | 'new' | null>(null);
  const [publishing, setPublishing] = useState<ExamSummary | null>(null);
  const [results, setResults] = useState<string | null>(null);
  const load = useCallback(() => void api<{ items: ExamSummary[] }>('GET', '/api/v1/training/exams').then((r) => setExams(r.items)), []);
  useEffect(() => {
    load();
    if (canRun) void api<{ items: TrainingCourse[] }>('GET', '/api/v1/training/courses').then((r) => setCourses(r.items));
  }, [load, canRun]);

  if (results) return <Results examId={results} timeZone={timeZone} onBack={() => setResults(null)} />;
  if (editing)
    return (
      <ExamEditor
        editing={editing === 'new' ? null : editing}
        courses={courses}
        onCancel={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          load();
        }}
      />
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {canRun && (
        <Button type="primary" onClick={() => setEditing('new')}>
          {m.newExam}
        </Button>
      )}
      <Table<ExamSummary>
        rowKey="id"
        loading={exams === null}
        dataSource={exams ?? []}
        pagination={false}
        columns={[
          { title: m.columns.title, dataIndex: 'title' },
          { title: m.columns.status, render: (_, e) => <Tag color={e.status === 'published' ? 'blue' : undefined}>{m.status[e.status]}</Tag> },
          { title: m.columns.window, render: (_, e) => (e.opensAt ? `${centerDateTime(e.opensAt, timeZone)} – ${centerDateTime(e.closesAt, timeZone)}` : '') },
          { title: m.columns.questions, dataIndex: 'questionCount' },
          { title: m.columns.total, dataIndex: 'total' },
          { title: m.columns.pass, render: (_, e) => `${e.passPercent}%` },
          { title: m.columns.takers, render: (_, e) => `${e.takers} / ${e.submitted}` },
          {
            title: '',
            render: (_, e) => (
              <Space>
                {canRun && e.status === 'draft' && (
                  <Button size="small" onClick={() => void api<ExamDetail>('GET', `/api/v1/training/exams/${e.id}`).then(setEditing)}>
                    {m.edit}
                  </Button>
                )}
                {canRun && e.status === 'draft' && (
                  <Button size="small" type="primary" onClick={() => setPublishing(e)}>
                    {m.publish}
                  </Button>
                )}
                {e.status === 'published' && (
                  <Button size="small" onClick={() => setResults(e.id)}>
                    {m.results}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {publishing && (
        <Publish
          exam={publishing}
          timeZone={timeZone}
          onDone={(published) => {
            setPublishing(null);
            if (published) load();
          }}
        />
      )}
    </Space>
  );
}
