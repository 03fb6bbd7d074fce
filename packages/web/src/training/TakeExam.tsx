import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, Radio, Space, Spin, Tag, Typography } from 'antd';
import type { ExamAnswer, ExamQuestion, PaperQuestion } from '@banzu/core';
import type { ExamPaper, ExamSubmission } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { fill } from './messages';
import { useTexts } from './texts';

/** The right answer of a question as a person reads it. */
function rightAnswer(q: ExamQuestion, yes: string, no: string): string {
  switch (q.kind) {
    case 'single':
      return q.options[q.answer] ?? '';
    case 'multiple':
      return q.answers.map((a) => q.options[a]).join('、');
    case 'true_false':
      return q.answer ? yes : no;
    case 'fill':
      return q.accepted.filter((a) => a.trim() !== '').join(' / ');
  }
}

function QuestionInput({ q, value, onChange, disabled }: { q: PaperQuestion; value: ExamAnswer | undefined; onChange: (v: ExamAnswer) => void; disabled: boolean }) {
  const m = useTexts();
  const label = `${q.key}-answer`;
  switch (q.kind) {
    case 'single':
      return (
        <Radio.Group aria-label={label} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value as number)}>
          <Space orientation="vertical">
            {q.options.map((o, i) => (
              <Radio key={o + String(i)} value={i}>
                {`${String.fromCharCode(65 + i)}. ${o}`}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      );
    case 'multiple':
      return (
        <Checkbox.Group aria-label={label} disabled={disabled} value={Array.isArray(value) ? value : []} onChange={(v) => onChange([...(v as number[])].sort((a, b) => a - b))}>
          <Space orientation="vertical">
            {q.options.map((o, i) => (
              <Checkbox key={o + String(i)} value={i}>
                {`${String.fromCharCode(65 + i)}. ${o}`}
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      );
    case 'true_false':
      return (
        <Radio.Group aria-label={label} disabled={disabled} value={value} onChange={(e) => onChange(e.target.value as boolean)}>
          <Radio value={true}>{m.trueText}</Radio>
          <Radio value={false}>{m.falseText}</Radio>
        </Radio.Group>
      );
    case 'fill':
      return <Input aria-label={label} disabled={disabled} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} style={{ maxWidth: 360 }} />;
  }
}

/**
 * The agent takes an exam: the paper without answers, hand in once, then the mark per question;
 * the right answers appear once the exam has closed.
 */
export function TakeExam({ examId, onBack }: { examId: string; onBack: () => void }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [paper, setPaper] = useState<ExamPaper | null>(null);
  const [answers, setAnswers] = useState<Record<string, ExamAnswer>>({});
  const [result, setResult] = useState<ExamSubmission | null>(null);
  const [warned, setWarned] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<ExamPaper>('GET', `/api/v1/training/my-exams/${examId}`)
      .then((p) => {
        setPaper(p);
        setResult(p.submissions.at(-1) ?? null);
      })
      .catch((err: unknown) => setError(refusalText(err)));
  }, [examId]);

  if (error) return <Alert type="error" showIcon title={error} action={<Button onClick={onBack}>{m.back}</Button>} />;
  if (!paper) return <Spin />;
  const { exam } = paper;
  const attemptsLeft = exam.window === 'open' && exam.attemptsUsed < exam.maxAttempts;
  const unanswered = paper.questions.filter((q) => {
    const a = answers[q.key];
    return a === undefined || (Array.isArray(a) && a.length === 0) || (typeof a === 'string' && a.trim() === '');
  }).length;

  const submit = async () => {
    if (unanswered > 0 && !warned) {
      setWarned(true);
      return;
    }
    setBusy(true);
    try {
      const saved = await api<ExamSubmission>('POST', `/api/v1/training/my-exams/${examId}/submissions`, { answers });
      setResult(saved);
      setPaper({ ...paper, exam: { ...exam, attemptsUsed: exam.attemptsUsed + 1 }, submissions: [...paper.submissions, saved] });
      message.success(fill(m.submitted, { score: saved.score, total: saved.total, percent: saved.percent }));
    } catch (err) {
      message.error(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  const marks = new Map(result?.marks.map((mk) => [mk.key, mk]) ?? []);
  const key = new Map(paper.key?.map((q) => [q.key, q]) ?? []);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Button onClick={onBack}>{m.back}</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {exam.title}
        </Typography.Title>
        <Tag>{m.window[exam.window]}</Tag>
        <Typography.Text type="secondary">{fill(m.attempts, { used: exam.attemptsUsed, max: exam.maxAttempts })}</Typography.Text>
      </Space>
      {result && (
        <Alert
          type={result.passed ? 'success' : 'warning'}
          showIcon
          title={`${m.yourMark}：${result.score} / ${result.total}（${result.percent}%）${result.passed ? m.passed : m.failed}`}
          description={paper.key ? undefined : m.answersAfterClose}
        />
      )}
      {paper.questions.map((q, i) => {
        const mark = marks.get(q.key);
        const right = key.get(q.key);
        const shown = attemptsLeft ? answers[q.key] : (result?.answers[q.key] as ExamAnswer | undefined);
        return (
          <Card
            key={q.key}
            size="small"
            title={`${i + 1}. ${q.text}`}
            extra={
              <Space>
                <Tag>{m.kinds[q.kind]}</Tag>
                <span>{q.points}</span>
                {mark && <Tag color={mark.correct ? 'green' : 'red'}>{mark.correct ? m.correct : m.wrong}</Tag>}
              </Space>
            }
          >
            <QuestionInput q={q} value={shown} disabled={!attemptsLeft || busy} onChange={(v) => setAnswers((a) => ({ ...a, [q.key]: v }))} />
            {right && <Typography.Paragraph type="secondary">{fill(m.rightAnswer, { answer: rightAnswer(right, m.trueText, m.falseText) })}</Typography.Paragraph>}
          </Card>
        );
      })}
      {warned && unanswered > 0 && <Alert type="warning" showIcon title={fill(m.mustAnswerAll, { n: unanswered })} />}
      {attemptsLeft && (
        <Button type="primary" loading={busy} onClick={() => void submit()}>
          {m.submit}
        </Button>
      )}
    </Space>
  );
}
