import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Collapse, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { InterviewQuestion, InterviewRoundDetail, InterviewRoundSummary, Profile, ScoringBand, StoredRubric } from '@banzu/contract';
import { interviewOrganizers } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { fill, useStaffTexts } from './messages';
import { initialLanguage } from '../i18n/index';
import { ExportButton } from '../download/index';

const bandText = (b: ScoringBand) => `${b.min === b.max ? b.min : `${b.min}-${b.max}`} ${b.description}`;

/** A question with its key points, scoring bands and reference answer, as the paper rules print it. */
function QuestionRules({ questions }: { questions: InterviewQuestion[] }) {
  const m = useStaffTexts().interviews;
  return (
    <Collapse
      size="small"
      items={questions.map((q) => ({
        key: q.code,
        label: (
          <span>
            <Tag color={q.kind === 'required' ? 'red' : 'blue'}>{q.kind === 'required' ? m.required : m.random}</Tag>
            {q.code} {q.title}（{fill(m.maxPoints, { n: q.maxPoints })}）
          </span>
        ),
        children: (
          <>
            {q.keyPoints && (
              <p>
                <strong>{m.keyPoints}：</strong>
                {q.keyPoints}
              </p>
            )}
            <strong>{m.bands}：</strong>
            <ul>
              {q.bands.map((b) => (
                <li key={`${b.min}-${b.max}-${b.description}`}>{bandText(b)}</li>
              ))}
            </ul>
            {q.referenceAnswer && (
              <p>
                <strong>{m.reference}：</strong>
                {q.referenceAnswer}
              </p>
            )}
          </>
        ),
      }))}
    />
  );
}

type Draft = Record<string, number | null>;
/** A question being edited: its bands as text, and a key of its own while its code changes. */
type EditedQuestion = InterviewQuestion & { bandsText: string; uid: number };
let nextUid = 0;
const cellKey = (agentId: string, code: string) => `${agentId}|${code}`;

function RoundView({ id, onBack }: { id: string; onBack: () => void }) {
  const m = useStaffTexts().interviews;
  const { message } = App.useApp();
  const [round, setRound] = useState<InterviewRoundDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({});
  const [busy, setBusy] = useState(false);
  const show = useCallback((r: InterviewRoundDetail) => {
    setRound(r);
    setDraft(Object.fromEntries((r.mySheet?.scores ?? []).map((s) => [cellKey(s.agentId, s.questionCode), s.points])));
  }, []);
  useEffect(() => {
    api<InterviewRoundDetail>('GET', `/api/v1/interviews/rounds/${id}`)
      .then(show)
      .catch((err: Error) => setProblem(err.message));
  }, [id, show]);
  if (problem) return <Alert type="error" showIcon message={problem} action={<Button onClick={onBack}>{m.back}</Button>} />;
  if (!round) return null;
  const act = async (work: () => Promise<InterviewRoundDetail>) => {
    setBusy(true);
    try {
      show(await work());
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const scores = Object.entries(draft)
    .filter(([, points]) => points !== null)
    .map(([key, points]) => {
      const [agentId, questionCode] = key.split('|') as [string, string];
      return { agentId, questionCode, points: points as number };
    });
  const save = () => api<InterviewRoundDetail>('PUT', `/api/v1/interviews/rounds/${id}/scores`, { scores });
  const submitted = round.mySheet?.submitted === true;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button onClick={onBack}>{m.back}</Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {round.title} · {round.heldOn} · {round.rubricName}
        </Typography.Title>
      </Space>
      <div>
        {m.interviewers}：
        {round.interviewers.map((i) => (
          <Tag key={i.userId} color={i.submitted ? 'green' : undefined}>
            {i.name}
          </Tag>
        ))}
      </div>
      <QuestionRules questions={round.questions} />
      {round.mySheet && (
        <Card size="small" title={m.sheet}>
          <Typography.Paragraph type="secondary">{submitted ? m.submittedNote : m.sheetHint}</Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="agentId"
            dataSource={round.candidates}
            columns={[
              { title: m.candidates, key: 'name', render: (_, c) => `${c.employeeNo} ${c.name}` },
              ...round.questions.map((q) => ({
                title: `${q.code}（${q.maxPoints}）`,
                key: q.code,
                render: (_: unknown, c: InterviewRoundDetail['candidates'][number]) => (
                  <InputNumber
                    aria-label={`${c.name} ${q.code}`}
                    min={0}
                    max={q.maxPoints}
                    disabled={submitted}
                    value={draft[cellKey(c.agentId, q.code)] ?? null}
                    onChange={(value) => setDraft((d) => ({ ...d, [cellKey(c.agentId, q.code)]: value }))}
                  />
                ),
              })),
            ]}
          />
          {!submitted && (
            <Space style={{ marginTop: 12 }}>
              <Button loading={busy} onClick={() => void act(save)}>
                {m.save}
              </Button>
              <Popconfirm
                title={m.submitConfirm}
                onConfirm={() =>
                  void act(async () => {
                    await save();
                    return api('POST', `/api/v1/interviews/rounds/${id}/submit`);
                  })
                }
              >
                <Button type="primary" loading={busy}>
                  {m.submit}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Card>
      )}
      <Card
        size="small"
        title={m.ranking}
        extra={
          round.ranking && (
            <ExportButton href={`/api/v1/interviews/rounds/${id}/ranking.xlsx?lang=${initialLanguage()}`} target="_blank">
              {m.export}
            </ExportButton>
          )
        }
      >
        {round.ranking ? (
          <>
            <Table
              size="small"
              pagination={false}
              rowKey="agentId"
              dataSource={round.ranking}
              columns={[
                { title: m.rank, dataIndex: 'rank', render: (rank: number | null) => rank ?? '—' },
                { title: m.candidates, key: 'name', render: (_, r) => `${r.employeeNo} ${r.name}` },
                ...round.questions.map((q) => ({
                  title: q.code,
                  key: q.code,
                  render: (_: unknown, r: { byQuestion: Record<string, number | null> }) => r.byQuestion[q.code]?.toFixed(1) ?? '—',
                })),
                { title: m.total, dataIndex: 'total', render: (total: number | null) => (total === null ? '—' : <strong>{total.toFixed(1)}</strong>) },
                { title: m.interviewerCount, dataIndex: 'interviewers' },
              ]}
            />
            <Typography.Text type="secondary">{m.mean}</Typography.Text>
          </>
        ) : (
          <Typography.Text type="secondary">{m.rankingHidden}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

function NewRound({ rubrics, onOpened }: { rubrics: StoredRubric[]; onOpened: (id: string) => void }) {
  const m = useStaffTexts().interviews;
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [people, setPeople] = useState<Profile[]>([]);
  const rubricId = Form.useWatch('rubricId', form) as string | undefined;
  const rubric = rubrics.find((r) => r.id === rubricId);
  useEffect(() => {
    void api<Profile[]>('GET', '/api/v1/users').then(setPeople);
  }, []);
  const open = async () => {
    try {
      const { questionCodes, ...values } = form.getFieldsValue() as { questionCodes?: string[] };
      // No questions chosen: the round asks all of the rubric's.
      const round = await api<InterviewRoundDetail>('POST', '/api/v1/interviews/rounds', questionCodes?.length ? { ...values, questionCodes } : values);
      onOpened(round.id);
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  const label = (p: Profile) => `${p.employeeNo ?? p.username} ${p.displayName}`;
  return (
    <Card size="small" title={m.newRound}>
      <Form form={form} layout="vertical" initialValues={{ rubricId: rubrics[0]?.id }} onFinish={() => void open()}>
        <Form.Item label={m.roundTitle} name="title" rules={[{ required: true, message: fill(m.missing, { what: m.roundTitle }) }]}>
          <Input aria-label={m.roundTitle} />
        </Form.Item>
        <Form.Item label={m.rubric} name="rubricId">
          <Select aria-label={m.rubric} options={rubrics.map((r) => ({ value: r.id, label: r.name }))} />
        </Form.Item>
        <Form.Item label={m.questions} name="questionCodes">
          <Select aria-label={m.questions} mode="multiple" options={(rubric?.questions ?? []).map((q) => ({ value: q.code, label: `${q.code} ${q.title}` }))} />
        </Form.Item>
        <Form.Item label={m.heldOn} name="heldOn" rules={[{ required: true, message: fill(m.missing, { what: m.heldOn }) }]}>
          <Input type="date" aria-label={m.heldOn} />
        </Form.Item>
        <Form.Item label={m.candidates} name="candidates" rules={[{ required: true, message: fill(m.missing, { what: m.candidates }) }]}>
          <Select
            aria-label={m.candidates}
            mode="multiple"
            optionFilterProp="label"
            options={people.filter((p) => p.role === 'agent').map((p) => ({ value: p.id, label: label(p) }))}
          />
        </Form.Item>
        <Form.Item label={m.interviewers} name="interviewers" rules={[{ required: true, message: fill(m.missing, { what: m.interviewers }) }]}>
          <Select
            aria-label={m.interviewers}
            mode="multiple"
            optionFilterProp="label"
            options={people.filter((p) => p.role !== 'agent').map((p) => ({ value: p.id, label: label(p) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {m.newRound}
        </Button>
      </Form>
    </Card>
  );
}

/** Bands as the editor writes them: one per line, "16-20 说明" or "5 说明". */
function parseBands(text: string): ScoringBand[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const match = /^(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*(.*)$/.exec(line);
      const min = Number(match?.[1] ?? Number.NaN);
      return { min, max: match?.[2] === undefined ? min : Number(match[2]), description: match?.[3] ?? line };
    });
}

function RubricEditor({ rubrics, onSaved }: { rubrics: StoredRubric[]; onSaved: () => void }) {
  const m = useStaffTexts().interviews;
  const { message } = App.useApp();
  const [selected, setSelected] = useState(rubrics[0]?.id);
  const current = rubrics.find((r) => r.id === selected);
  const [name, setName] = useState('');
  const [questions, setQuestions] = useState<EditedQuestion[]>([]);
  useEffect(() => {
    if (!current) return;
    setName(current.name);
    setQuestions(current.questions.map((q) => ({ ...q, bandsText: q.bands.map(bandText).join('\n'), uid: nextUid++ })));
  }, [current]);
  const change = (i: number, patch: Partial<EditedQuestion>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const save = async (asNew: boolean) => {
    const body = { name, questions: questions.map(({ bandsText, uid: _, ...q }) => ({ ...q, bands: parseBands(bandsText) })) };
    try {
      const saved = await api<StoredRubric>(asNew ? 'POST' : 'PUT', asNew ? '/api/v1/interviews/rubrics' : `/api/v1/interviews/rubrics/${selected}`, body);
      setSelected(saved.id);
      onSaved();
      void message.success(m.saveRubric);
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        aria-label={m.rubric}
        style={{ minWidth: 320 }}
        value={selected}
        onChange={setSelected}
        options={rubrics.map((r) => ({ value: r.id, label: r.builtin ? `${r.name}（${m.builtin}）` : r.name }))}
      />
      {current?.builtin && <Alert type="info" showIcon message={m.builtinHelp} />}
      <Input aria-label={m.name} value={name} onChange={(e) => setName(e.target.value)} />
      {questions.map((q, i) => (
        <Card
          key={q.uid}
          size="small"
          title={`${q.code} ${q.title}`}
          extra={
            <Button size="small" danger onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
              {m.remove}
            </Button>
          }
        >
          <Space wrap>
            <Input aria-label={`${m.code} ${i + 1}`} addonBefore={m.code} value={q.code} onChange={(e) => change(i, { code: e.target.value })} style={{ width: 160 }} />
            <Select
              aria-label={`${m.kind} ${i + 1}`}
              value={q.kind}
              onChange={(kind) => change(i, { kind })}
              options={[
                { value: 'required', label: m.required },
                { value: 'random', label: m.random },
              ]}
            />
            <InputNumber
              aria-label={`${m.maxPoints} ${i + 1}`}
              addonBefore={fill(m.maxPoints, { n: '' })}
              min={1}
              value={q.maxPoints}
              onChange={(v) => change(i, { maxPoints: v ?? 0 })}
            />
          </Space>
          <Input.TextArea
            aria-label={`${m.questionTitle} ${i + 1}`}
            placeholder={m.questionTitle}
            value={q.title}
            onChange={(e) => change(i, { title: e.target.value })}
            rows={2}
            style={{ marginTop: 8 }}
          />
          <Input.TextArea
            aria-label={`${m.keyPoints} ${i + 1}`}
            placeholder={m.keyPoints}
            value={q.keyPoints}
            onChange={(e) => change(i, { keyPoints: e.target.value })}
            rows={2}
            style={{ marginTop: 8 }}
          />
          <Input.TextArea
            aria-label={`${m.bands} ${i + 1}`}
            placeholder={m.bandsHelp}
            value={q.bandsText}
            onChange={(e) => change(i, { bandsText: e.target.value })}
            rows={4}
            style={{ marginTop: 8 }}
          />
          <Input.TextArea
            aria-label={`${m.reference} ${i + 1}`}
            placeholder={m.reference}
            value={q.referenceAnswer}
            onChange={(e) => change(i, { referenceAnswer: e.target.value })}
            rows={2}
            style={{ marginTop: 8 }}
          />
        </Card>
      ))}
      <Space>
        <Button
          onClick={() =>
            setQuestions((qs) => [
              ...qs,
              { code: `Q${qs.length + 1}`, title: '', kind: 'random', maxPoints: 10, keyPoints: '', bands: [], referenceAnswer: '', bandsText: '', uid: nextUid++ },
            ])
          }
        >
          {m.addQuestion}
        </Button>
        {current && !current.builtin && (
          <Button type="primary" onClick={() => void save(false)}>
            {m.saveRubric}
          </Button>
        )}
        <Button onClick={() => void save(true)}>{m.saveAsNew}</Button>
      </Space>
    </Space>
  );
}

/** 晋升面试: rounds with several interviewers, each one's score sheet on seed 000's rubric, the ranking and its Excel. */
export function InterviewsPage() {
  const texts = useStaffTexts();
  const m = texts.interviews;
  const { user } = useAuth();
  const organizer = user !== null && interviewOrganizers.includes(user.role);
  const [rounds, setRounds] = useState<InterviewRoundSummary[]>([]);
  const [rubrics, setRubrics] = useState<StoredRubric[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const load = useCallback(() => {
    void api<InterviewRoundSummary[]>('GET', '/api/v1/interviews/rounds').then(setRounds);
    if (organizer) void api<StoredRubric[]>('GET', '/api/v1/interviews/rubrics').then(setRubrics);
  }, [organizer]);
  useEffect(load, [load]);
  if (open)
    return (
      <RoundView
        id={open}
        onBack={() => {
          setOpen(null);
          load();
        }}
      />
    );
  const list = (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Table
        size="small"
        rowKey="id"
        dataSource={rounds}
        pagination={false}
        locale={{ emptyText: m.noRounds }}
        columns={[
          {
            title: m.roundTitle,
            dataIndex: 'title',
            render: (title: string, r) => (
              <Button type="link" onClick={() => setOpen(r.id)}>
                {title}
              </Button>
            ),
          },
          { title: m.heldOn, dataIndex: 'heldOn' },
          { title: m.rubric, dataIndex: 'rubricName' },
          { title: m.candidates, dataIndex: 'candidates' },
          { title: m.interviewers, key: 'submitted', render: (_, r) => fill(m.submitted, { n: r.submitted, total: r.interviewers }) },
          { title: '', dataIndex: 'status', render: (status: 'open' | 'closed') => <Tag>{m[status]}</Tag> },
        ]}
      />
      {organizer && rubrics.length > 0 && <NewRound rubrics={rubrics} onOpened={setOpen} />}
    </Space>
  );
  return (
    <div>
      <Typography.Title level={4}>{m.title}</Typography.Title>
      {organizer ? (
        <Tabs
          items={[
            { key: 'rounds', label: m.rounds, children: list },
            { key: 'rubrics', label: m.rubrics, children: rubrics.length > 0 && <RubricEditor rubrics={rubrics} onSaved={load} /> },
          ]}
        />
      ) : (
        list
      )}
    </div>
  );
}
