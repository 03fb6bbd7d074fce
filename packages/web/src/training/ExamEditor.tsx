import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { ExamQuestion, ExamQuestionKind } from '@banzu/core';
import type { ExamDetail, TrainingCourse } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { useTexts } from './texts';

const kinds: ExamQuestionKind[] = ['single', 'multiple', 'true_false', 'fill'];

/** A question of a new kind, keeping the text and points already written. */
function asKind(q: ExamQuestion, kind: ExamQuestionKind): ExamQuestion {
  const base = { key: q.key, text: q.text, points: q.points };
  const options = 'options' in q ? q.options : ['', ''];
  if (kind === 'single') return { ...base, kind, options, answer: 0 };
  if (kind === 'multiple') return { ...base, kind, options, answers: [] };
  if (kind === 'true_false') return { ...base, kind, answer: true };
  return { ...base, kind, accepted: [] };
}

function QuestionEditor({ q, n, onChange, onRemove }: { q: ExamQuestion; n: number; onChange: (q: ExamQuestion) => void; onRemove: () => void }) {
  const m = useTexts();
  const id = `q${n}`;
  return (
    <Card
      size="small"
      title={`${n}.`}
      extra={
        <Space>
          <Select<ExamQuestionKind>
            aria-label={`${id}-kind`}
            value={q.kind}
            style={{ width: 110 }}
            options={kinds.map((k) => ({ value: k, label: m.kinds[k] }))}
            onChange={(k) => onChange(asKind(q, k))}
          />
          <span>{m.points}</span>
          <InputNumber aria-label={`${id}-points`} min={0.5} max={1000} step={1} value={q.points} onChange={(v) => onChange({ ...q, points: v ?? 0 })} />
          <Button danger size="small" onClick={onRemove}>
            {m.remove}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input.TextArea aria-label={`${id}-text`} placeholder={m.questionText} autoSize value={q.text} onChange={(e) => onChange({ ...q, text: e.target.value })} />
        {(q.kind === 'single' || q.kind === 'multiple') && (
          <>
            {q.options.map((o, i) => {
              const right = q.kind === 'single' ? q.answer === i : q.answers.includes(i);
              const mark = () => {
                if (q.kind === 'single') onChange({ ...q, answer: i });
                else onChange({ ...q, answers: right ? q.answers.filter((a) => a !== i) : [...q.answers, i].sort((a, b) => a - b) });
              };
              return (
                <Space key={`${q.key}-${String(i)}`}>
                  <Checkbox aria-label={`${id}-correct${i + 1}`} checked={right} onChange={mark} title={m.markCorrect} />
                  <Input
                    aria-label={`${id}-option${i + 1}`}
                    placeholder={`${m.option} ${String.fromCharCode(65 + i)}`}
                    value={o}
                    onChange={(e) => onChange({ ...q, options: q.options.map((x, j) => (j === i ? e.target.value : x)) })}
                    style={{ width: 360 }}
                  />
                </Space>
              );
            })}
            {q.options.length < 10 && (
              <Button size="small" onClick={() => onChange({ ...q, options: [...q.options, ''] })}>
                {m.addOption}
              </Button>
            )}
          </>
        )}
        {q.kind === 'true_false' && (
          <Radio.Group aria-label={`${id}-truth`} value={q.answer} onChange={(e) => onChange({ ...q, answer: e.target.value as boolean })}>
            <Radio value={true}>{m.trueText}</Radio>
            <Radio value={false}>{m.falseText}</Radio>
          </Radio.Group>
        )}
        {q.kind === 'fill' && (
          <Input aria-label={`${id}-accepted`} placeholder={m.accepted} value={q.accepted.join('|')} onChange={(e) => onChange({ ...q, accepted: e.target.value.split('|') })} />
        )}
      </Space>
    </Card>
  );
}

/** The trainer's exam editor: the four kinds of question with their right answers, the pass mark and attempts; saves a draft. */
export function ExamEditor({
  editing,
  courses,
  onSaved,
  onCancel,
}: {
  editing: ExamDetail | null;
  courses: TrainingCourse[];
  onSaved: (exam: ExamDetail) => void;
  onCancel: () => void;
}) {
  const m = useTexts();
  const { message } = App.useApp();
  const [title, setTitle] = useState(editing?.title ?? '');
  const [courseId, setCourseId] = useState<string | null>(editing?.courseId ?? null);
  const [passPercent, setPassPercent] = useState(editing?.passPercent ?? 60);
  const [maxAttempts, setMaxAttempts] = useState(editing?.maxAttempts ?? 1);
  const [questions, setQuestions] = useState<ExamQuestion[]>(editing?.questions ?? [{ key: 'q1', kind: 'single', text: '', points: 2, options: ['', ''], answer: 0 }]);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    // Keys follow the order on the paper; blank fill-in answers are not answers.
    const numbered = questions.map((q, i) => ({ ...q, key: `q${i + 1}`, ...(q.kind === 'fill' ? { accepted: q.accepted.map((a) => a.trim()).filter((a) => a !== '') } : {}) }));
    const body = { title, courseId, passPercent, maxAttempts, questions: numbered };
    try {
      const saved = editing ? await api<ExamDetail>('PUT', `/api/v1/training/exams/${editing.id}`, body) : await api<ExamDetail>('POST', '/api/v1/training/exams', body);
      message.success(m.saved);
      onSaved(saved);
    } catch (err) {
      message.error(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Form layout="inline">
        <Form.Item label={m.examTitle} htmlFor="exam-title">
          <Input id="exam-title" value={title} onChange={(e) => setTitle(e.target.value)} style={{ width: 260 }} />
        </Form.Item>
        <Form.Item label={m.passPercent} htmlFor="exam-pass">
          <InputNumber id="exam-pass" min={0} max={100} value={passPercent} onChange={(v) => setPassPercent(v ?? 0)} />
        </Form.Item>
        <Form.Item label={m.maxAttempts} htmlFor="exam-attempts">
          <InputNumber id="exam-attempts" min={1} max={5} value={maxAttempts} onChange={(v) => setMaxAttempts(v ?? 1)} />
        </Form.Item>
        <Form.Item label={m.course}>
          <Select<string | null>
            aria-label={m.course}
            allowClear
            style={{ width: 200 }}
            value={courseId}
            onChange={(v) => setCourseId(v ?? null)}
            options={courses.map((c) => ({ value: c.id, label: c.title }))}
          />
        </Form.Item>
      </Form>
      {questions.map((q, i) => (
        <QuestionEditor
          key={`${String(i)}-${q.kind}`}
          q={q}
          n={i + 1}
          onChange={(next) => setQuestions((qs) => qs.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
        />
      ))}
      <Space>
        <Button onClick={() => setQuestions((qs) => [...qs, { key: `q${qs.length + 1}`, kind: 'single', text: '', points: 2, options: ['', ''], answer: 0 }])}>
          {m.addQuestion}
        </Button>
        <Button type="primary" loading={busy} onClick={() => void save()}>
          {m.save}
        </Button>
        <Button onClick={onCancel}>{m.cancel}</Button>
      </Space>
    </Space>
  );
}
