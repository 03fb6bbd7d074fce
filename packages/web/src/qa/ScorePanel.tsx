import { useEffect, useState } from 'react';
import { App, Button, Checkbox, Col, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaCalibrationSession, QaComment, QaEvaluation, QaForm, QaFormItem, QaQueueItem } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { CommentTime } from './AgentEvaluations';
import { CallFacts } from './CallFacts';
import { showScore } from './format';
import { RecordingPlayer } from '../recordings/RecordingPlayer';
import { clock } from '../live/format';

/** One item's answer as the editor holds it. */
export interface AnswerDraft {
  key: string;
  earned: number;
  na: boolean;
  failed: boolean;
}

export const fullMarks = (form: QaForm): AnswerDraft[] => form.sections.flatMap((s) => s.items.map((i) => ({ key: i.key, earned: i.points, na: false, failed: false })));

/** The answers as the API takes them: a fatal failure or N/A carries no points. */
export const answersBody = (answers: AnswerDraft[]) =>
  answers.map((a) => (a.na ? { key: a.key, na: true } : a.failed ? { key: a.key, failed: true } : { key: a.key, earned: a.earned }));

/** The items of a form with the inspector's answers: points, N/A where allowed, the fatal box on fatal items. */
export function AnswersEditor({ form, answers, onChange }: { form: QaForm; answers: AnswerDraft[]; onChange: (next: AnswerDraft[]) => void }) {
  const { t } = useTranslation();
  const set = (key: string, patch: Partial<AnswerDraft>) => onChange(answers.map((a) => (a.key === key ? { ...a, ...patch } : a)));
  const rows = form.sections.flatMap((s) => s.items.map((i) => ({ ...i, section: s.name })));
  return (
    <Table<QaFormItem & { section: string }>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('qa.form.section'), dataIndex: 'section', width: 100 },
        {
          title: t('qa.form.text'),
          render: (_, i) => (
            <span>
              {i.text} {i.fatal && <Tag color="red">{t('qa.fatal')}</Tag>}
            </span>
          ),
        },
        {
          title: t('qa.form.points'),
          width: 150,
          render: (_, i) => {
            const a = answers.find((x) => x.key === i.key)!;
            return (
              <Space>
                <InputNumber
                  aria-label={`${i.key}-earned`}
                  size="small"
                  min={0}
                  max={i.points}
                  step={i.type === 'points' ? 0.5 : 1}
                  value={a.earned}
                  disabled={a.na || a.failed}
                  onChange={(v) => set(i.key, { earned: i.type === 'yes_no' ? (Number(v) > 0 ? i.points : 0) : Number(v ?? 0) })}
                />
                <span>/ {i.points}</span>
              </Space>
            );
          },
        },
        {
          title: '',
          width: 180,
          render: (_, i) => {
            const a = answers.find((x) => x.key === i.key)!;
            return (
              <Space>
                {i.allowNA && (
                  <Checkbox checked={a.na} onChange={(e) => set(i.key, { na: e.target.checked, failed: false })}>
                    {t('qa.scoring.na')}
                  </Checkbox>
                )}
                {i.fatal && (
                  <Checkbox checked={a.failed} onChange={(e) => set(i.key, { failed: e.target.checked, na: false })}>
                    {t('qa.scoring.failedFatal')}
                  </Checkbox>
                )}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

/** A transcript with its rule hits and the answers they suggest, as `GET /api/v1/qa/transcripts/:callId` answers. */
interface TranscriptView {
  transcript: { segments: { startSeconds: number; speaker: 'agent' | 'customer'; text: string }[] };
  hits: { ruleId: string; phrase: string; atSeconds: number }[];
  suggested: { key: string; earned?: number; failed?: boolean; why: string }[];
}

/** The draft with the transcript's suggestions applied: a failed fatal item is the fatal failure, another failed item 0 points. */
function withSuggestions(form: QaForm, answers: AnswerDraft[], suggested: TranscriptView['suggested']): AnswerDraft[] {
  const items = new Map(form.sections.flatMap((s) => s.items.map((i) => [i.key, i] as const)));
  return answers.map((a) => {
    const s = suggested.find((x) => x.key === a.key);
    const item = items.get(a.key);
    if (!s || !item) return a;
    if (s.failed) return item.fatal ? { ...a, failed: true, na: false } : { ...a, earned: 0, na: false };
    return { ...a, earned: s.earned ?? a.earned, na: false };
  });
}

function TranscriptPanel({ view, onApply }: { view: TranscriptView; onApply: () => void }) {
  const { t } = useTranslation();
  const flagged = new Set(view.hits.map((h) => h.atSeconds));
  return (
    <div>
      <Typography.Text strong>{t('qa.transcript.title')}</Typography.Text>
      {view.transcript.segments.map((seg) => (
        <div key={`${seg.startSeconds}-${seg.speaker}`}>
          <Tag>{clock(seg.startSeconds)}</Tag>
          <Typography.Text type={flagged.has(seg.startSeconds) ? 'danger' : undefined}>{seg.text}</Typography.Text>
        </div>
      ))}
      {view.suggested.map((s) => (
        <Tag key={s.key} color="red">
          {s.key}: {s.why}
        </Tag>
      ))}
      {view.suggested.length > 0 && (
        <Button size="small" onClick={onApply}>
          {t('qa.transcript.apply')}
        </Button>
      )}
    </div>
  );
}

/**
 * Scoring a call while listening, with the call's details, why it was picked and its screen pop
 * beside the player: choose the sheet, answer its items, pin comments to the recording, submit. A
 * call of a calibration session (校准) is scored on the session's sheet version, as the invitee's
 * calibration sheet.
 */
export function ScorePanel({ callId, call, timeZone, onScored }: { callId: string; call?: QaQueueItem; timeZone?: string; onScored: (evaluation: QaEvaluation) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [forms, setForms] = useState<QaForm[]>([]);
  const [form, setForm] = useState<QaForm | null>(null);
  const [answers, setAnswers] = useState<AnswerDraft[]>([]);
  const [comments, setComments] = useState<QaComment[]>([]);
  const [text, setText] = useState('');
  const [position, setPosition] = useState(0);
  const [seekTo, setSeekTo] = useState<{ seconds: number } | undefined>(undefined);
  const [calibration, setCalibration] = useState(false);
  const [result, setResult] = useState<QaEvaluation | null>(null);
  // A second click while the sheet is on its way would score the call twice.
  const [posting, setPosting] = useState(false);
  const [transcript, setTranscript] = useState<TranscriptView | null>(null);
  useEffect(() => {
    // A call has a transcript only where a recogniser runs: none is no error.
    api<TranscriptView>('GET', `/api/v1/qa/transcripts/${encodeURIComponent(callId)}`).then(
      (view) => setTranscript(view?.transcript ? view : null),
      () => setTranscript(null),
    );
  }, [callId]);
  const session = call?.calibrationSessionId;
  useEffect(() => {
    const sheets = session
      ? api<QaCalibrationSession>('GET', `/api/v1/qa/calibration-sessions/${session}`).then(async (s) => [
          await api<QaForm>('GET', `/api/v1/qa/forms/${s.formId}?version=${s.formVersion}`),
        ])
      : api<QaForm[]>('GET', '/api/v1/qa/forms');
    void sheets.then((list) => {
      setForms(list);
      if (list[0]) {
        setForm(list[0]);
        setAnswers(fullMarks(list[0]));
      }
    });
  }, [session]);
  const choose = (id: string) => {
    const next = forms.find((f) => f.id === id)!;
    setForm(next);
    setAnswers(fullMarks(next));
  };
  const submit = async () => {
    if (!form || posting) return;
    setPosting(true);
    try {
      const evaluation = session
        ? await api<QaEvaluation>('POST', `/api/v1/qa/calibration-sessions/${session}/sheets`, { answers: answersBody(answers), comments })
        : await api<QaEvaluation>('POST', '/api/v1/qa/evaluations', {
            callId,
            formId: form.id,
            answers: answersBody(answers),
            comments,
            purpose: calibration ? 'calibration' : 'evaluation',
          });
      setResult(evaluation);
      message.success(t('qa.scoring.done', { score: showScore(evaluation.score) }));
      onScored(evaluation);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setPosting(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>
        {t('qa.scoring.title', { callId })} {session && <Tag color="purple">{t('qa.calibration.mark')}</Tag>}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={13}>
          <RecordingPlayer callId={callId} onTime={setPosition} seekTo={seekTo} markers={comments.map((c) => ({ seconds: c.atSeconds ?? 0, text: c.text }))} />
        </Col>
        <Col span={11}>
          <CallFacts callId={callId} reasons={call?.reasons} timeZone={timeZone ?? 'Asia/Shanghai'} />
        </Col>
      </Row>
      <Select
        aria-label={t('qa.scoring.choose')}
        placeholder={t('qa.scoring.choose')}
        value={form?.id}
        onChange={choose}
        options={forms.map((f) => ({ value: f.id, label: `${f.name} · ${t('qa.form.version', { version: f.version })}` }))}
        style={{ minWidth: 260 }}
      />
      {transcript && form && <TranscriptPanel view={transcript} onApply={() => setAnswers(withSuggestions(form, answers, transcript.suggested))} />}
      {form && <AnswersEditor form={form} answers={answers} onChange={setAnswers} />}
      <Space.Compact style={{ width: '100%' }}>
        <Input aria-label={t('qa.scoring.comment')} placeholder={t('qa.scoring.pinAt', { time: clock(position) })} value={text} onChange={(e) => setText(e.target.value)} />
        <Button
          disabled={!text.trim()}
          onClick={() => {
            setComments([...comments, { atSeconds: Math.floor(position), text: text.trim(), itemKey: null }]);
            setText('');
          }}
        >
          {t('qa.scoring.addComment')}
        </Button>
      </Space.Compact>
      {comments.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: comments are only appended while scoring.
        <div key={i}>
          <CommentTime seconds={c.atSeconds ?? 0} onJump={(seconds) => setSeekTo({ seconds })} />
          {c.text}
        </div>
      ))}
      {!session && (
        <Checkbox checked={calibration} onChange={(e) => setCalibration(e.target.checked)}>
          {t('qa.scoring.calibration')}
        </Checkbox>
      )}
      <Button type="primary" disabled={!form || result !== null || posting} loading={posting} onClick={() => void submit()}>
        {t('qa.scoring.submit')}
      </Button>
      {result && (
        <Typography.Text strong>
          {t('qa.scoring.done', { score: showScore(result.score) })} {result.fatal && <Tag color="red">{t('qa.fatal')}</Tag>}
        </Typography.Text>
      )}
    </Space>
  );
}
