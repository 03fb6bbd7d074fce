import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Badge, Button, Card, DatePicker, Drawer, Empty, Input, Modal, Radio, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { decidedByFatal, scoreEvaluation } from '@banzu/core';
import type { QaDisputesWaiting, QaEvaluation, QaForm, QaQueueItem, Role } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { AgentEvaluations, EvaluationCard } from './AgentEvaluations';
import { CalibrationTab } from './CalibrationTab';
import { CoachingTab } from './CoachingTab';
import { FormsTab } from './FormsTab';
import { LibraryTab } from './LibraryTab';
import { LogTab } from './LogTab';
import { PenaltyTab } from './PenaltyTab';
import { PickCallTab } from './PickCallTab';
import { QaStars } from './QaStars';
import { ReportTab } from './ReportTab';
import { SettingsTab } from './SettingsTab';
import { AnswersEditor, answersBody, fullMarks, ScorePanel, type AnswerDraft } from './ScorePanel';
import { showScore } from './format';
import { centerDateTime } from '../api/center';
import { clock } from '../live/format';

const inspectors: ReadonlySet<Role> = new Set(['qa', 'supervisor', 'manager', 'admin']);
const leaders: ReadonlySet<Role> = new Set(['team_leader', 'supervisor', 'manager', 'admin']);
/** Who follows the penalty ladder through: team leaders, QA and the floor's leads. */
const penaltyKeepers: ReadonlySet<Role> = new Set(['team_leader', 'qa', 'supervisor', 'manager', 'admin']);

/** A dispute being settled: the evaluation, the sheet version it was scored on, the answers as the lead corrects them. */
interface Resolving {
  e: QaEvaluation;
  form: QaForm;
  answers: AnswerDraft[];
  /** Items a fatal failure left unanswered when the call was scored (not in `e.items`). */
  unheard: string[];
}

/** Every item of the sheet: as scored, and those a fatal failure left unanswered at full marks, as a fresh sheet starts. */
function resolving(e: QaEvaluation, form: QaForm): Resolving {
  const heard = new Map(e.items.map((i) => [i.key, i]));
  const answers = fullMarks(form).map((a) => {
    const i = heard.get(a.key);
    // A fatal failure earned nothing; cleared, the item has its points back, as on a fresh sheet.
    return i ? { key: i.key, earned: i.fatal ? a.earned : i.earned, na: i.na, failed: i.fatal } : a;
  });
  return { e, form, answers, unheard: answers.filter((a) => !heard.has(a.key)).map((a) => a.key) };
}

/** The corrected answers: while a fatal failure still decides the sheet, the items it left unanswered stay unscored (docs/qa.md, Score). */
function correctedAnswers(r: Resolving) {
  const body = answersBody(r.answers);
  return decidedByFatal(r.form, body) ? body.filter((a) => !r.unheard.includes(a.key)) : body;
}

/**
 * 质检: the inspector's queue and scoring, sheets, evaluations and disputes, report, library and stars;
 * the own evaluations to sign or dispute for an agent, and for anyone else who took calls and was scored.
 */
export function QaPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [timeZone, setTimeZone] = useState<string | null>(null);
  useEffect(() => void api<{ timeZone: string }>('GET', '/api/v1/center').then((c) => setTimeZone(c.timeZone)), []);
  // Who settles disputes (QA and the floor's leads) sees how many wait, on the tab that holds them.
  const decides = user !== null && inspectors.has(user.role);
  const [waiting, setWaiting] = useState<QaDisputesWaiting | null>(null);
  const loadWaiting = useCallback(() => {
    if (decides) api<QaDisputesWaiting>('GET', '/api/v1/qa/disputes/waiting').then(setWaiting, () => setWaiting(null));
  }, [decides]);
  useEffect(loadWaiting, [loadWaiting]);
  // A team leader takes calls when the queue is long and is scored for them like an agent: whoever
  // is not an agent gets 我的质检 once scored (the server lets whoever was scored sign or dispute).
  const userId = user?.id;
  const [scored, setScored] = useState(false);
  useEffect(() => {
    if (!userId || user?.role === 'agent') return;
    api<QaEvaluation[]>('GET', `/api/v1/qa/evaluations?agentId=${encodeURIComponent(userId)}&limit=1`).then(
      (own) => setScored(own.length > 0),
      () => setScored(false),
    );
  }, [userId, user?.role]);
  if (!user || !timeZone) return <Spin />;
  const role = user.role;
  const tabs =
    role === 'agent'
      ? [
          { key: 'mine', label: t('qa.tabs.mine'), children: <AgentEvaluations timeZone={timeZone} /> },
          { key: 'coaching', label: t('qa.tabs.coaching'), children: <CoachingTab /> },
          { key: 'stars', label: t('qa.tabs.stars'), children: <QaStars /> },
        ]
      : [
          ...(inspectors.has(role) ? [{ key: 'queue', label: t('qa.tabs.queue'), children: <QueueTab timeZone={timeZone} /> }] : []),
          ...(role !== 'trainer' ? [{ key: 'pick', label: t('qa.tabs.pick'), children: <PickCallTab timeZone={timeZone} /> }] : []),
          ...(inspectors.has(role) ? [{ key: 'forms', label: t('qa.tabs.forms'), children: <FormsTab /> }] : []),
          ...(role !== 'trainer'
            ? [
                {
                  key: 'evaluations',
                  label: <EvaluationsLabel waiting={waiting} timeZone={timeZone} />,
                  children: <EvaluationsTab timeZone={timeZone} role={role} userId={user.id} onDecided={loadWaiting} />,
                },
              ]
            : []),
          ...(scored ? [{ key: 'mine', label: t('qa.tabs.mine'), children: <AgentEvaluations timeZone={timeZone} agentId={user.id} /> }] : []),
          ...(leaders.has(role) ? [{ key: 'coaching', label: t('qa.tabs.coaching'), children: <CoachingTab coach /> }] : []),
          ...(inspectors.has(role) ? [{ key: 'log', label: t('qa.tabs.log'), children: <LogTab timeZone={timeZone} lead={role !== 'qa'} /> }] : []),
          ...(inspectors.has(role) ? [{ key: 'calibration', label: t('qa.tabs.calibration'), children: <CalibrationTab timeZone={timeZone} /> }] : []),
          ...(penaltyKeepers.has(role) ? [{ key: 'penalties', label: t('qa.tabs.penalties'), children: <PenaltyTab timeZone={timeZone} /> }] : []),
          { key: 'report', label: t('qa.tabs.report'), children: <ReportTab timeZone={timeZone} /> },
          { key: 'library', label: t('qa.tabs.library'), children: <LibraryTab timeZone={timeZone} /> },
          { key: 'stars', label: t('qa.tabs.stars'), children: <QaStars /> },
          ...(inspectors.has(role) ? [{ key: 'settings', label: t('qa.tabs.settings'), children: <SettingsTab /> }] : []),
        ];
  return (
    <Card title={t('qa.title')}>
      {/* Disputes come in while the page is open: the count is asked again on each change of tab. */}
      <Tabs destroyOnHidden items={tabs} onChange={loadWaiting} />
    </Card>
  );
}

/** 评分记录 with the count of disputes waiting for a decision the user may make, and since when the oldest waits. */
function EvaluationsLabel({ waiting, timeZone }: { waiting: QaDisputesWaiting | null; timeZone: string }) {
  const { t } = useTranslation();
  const n = waiting?.waiting ?? 0;
  return (
    <Badge count={n} size="small" offset={[8, -2]} title={t('qa.disputesWaiting', { n, since: centerDateTime(waiting?.oldestDisputedAt, timeZone) })}>
      {t('qa.tabs.evaluations')}
    </Badge>
  );
}

const useFailure = () => {
  const { message } = App.useApp();
  return (err: unknown) => message.error(err instanceof ApiError ? err.message : String(err));
};

/** 待检队列: sampled calls with why each was picked; scoring opens beside the recording. */
function QueueTab({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const failed = useFailure();
  const [queue, setQueue] = useState<QaQueueItem[] | null>(null);
  const [scoring, setScoring] = useState<QaQueueItem | null>(null);
  const load = useCallback(() => void api<QaQueueItem[]>('GET', '/api/v1/qa/queue').then(setQueue), []);
  useEffect(load, [load]);
  const sample = async () => {
    try {
      const { added } = await api<{ added: number }>('POST', '/api/v1/qa/queue/sample', {});
      message.success(t('qa.sampled', { n: added }));
      load();
    } catch (err) {
      failed(err);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Button onClick={() => void sample()}>{t('qa.sample')}</Button>
      <Table<QaQueueItem>
        size="small"
        rowKey={(q) => (q.calibrationSessionId ? `${q.callId}/${q.calibrationSessionId}` : q.callId)}
        loading={queue === null}
        dataSource={queue ?? []}
        columns={[
          { title: t('qa.columns.startedAt'), render: (_, q) => centerDateTime(q.callStartedAt, timeZone) },
          { title: t('qa.columns.agent'), render: (_, q) => `${q.employeeNo ?? ''} ${q.agentName}` },
          { title: t('qa.columns.from'), dataIndex: 'from' },
          { title: t('qa.columns.talk'), render: (_, q) => clock(q.talkSeconds) },
          {
            title: t('qa.columns.reasons'),
            render: (_, q) => (q.calibrationSessionId ? <Tag color="purple">{t('qa.calibration.mark')}</Tag> : q.reasons.map((r) => <Tag key={r}>{t(`qa.reasons.${r}`)}</Tag>)),
          },
          {
            title: '',
            render: (_, q) => (
              <Button size="small" type="primary" onClick={() => setScoring(q)}>
                {t('qa.score')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer open={scoring !== null} width={1100} onClose={() => setScoring(null)} destroyOnHidden>
        {scoring && <ScorePanel callId={scoring.callId} call={scoring} timeZone={timeZone} onScored={load} />}
      </Drawer>
    </Space>
  );
}

/** 评分记录: evaluations in scope; disputes to settle, coaching and the library from any evaluation. */
function EvaluationsTab({ timeZone, role, userId, onDecided }: { timeZone: string; role: Role; userId: string; onDecided: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const failed = useFailure();
  const [list, setList] = useState<QaEvaluation[] | null>(null);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [settling, setSettling] = useState<Resolving | null>(null);
  const [outcome, setOutcome] = useState<'upheld' | 'changed'>('upheld');
  const [reason, setReason] = useState('');
  const [coaching, setCoaching] = useState<QaEvaluation | null>(null);
  const [coach, setCoach] = useState({ focus: '', actions: '', followUpOn: dayjs().add(7, 'day') as Dayjs });
  const [filing, setFiling] = useState<QaEvaluation | null>(null);
  const [entry, setEntry] = useState({ kind: 'good' as 'good' | 'bad', category: '', note: '' });
  const load = useCallback(() => void api<QaEvaluation[]>('GET', `/api/v1/qa/evaluations${status ? `?status=${status}` : ''}`).then(setList), [status]);
  useEffect(load, [load]);
  const post = async (path: string, body: unknown, done: string) => {
    try {
      await api('POST', path, body);
      message.success(done);
      load();
      return true;
    } catch (err) {
      failed(err);
      return false;
    }
  };
  const openResolve = async (e: QaEvaluation) => {
    try {
      // The version the call was scored on: the server checks the corrected answers against it.
      const form = await api<QaForm>('GET', `/api/v1/qa/forms/${e.formId}?version=${e.formVersion}`);
      setOutcome('upheld');
      setReason('');
      setSettling(resolving(e, form));
    } catch (err) {
      failed(err);
    }
  };
  const settle = async (r: Resolving) => {
    const body = { outcome, reason: reason.trim(), ...(outcome === 'changed' ? { answers: correctedAnswers(r) } : {}) };
    try {
      const settled = await api<QaEvaluation>('POST', `/api/v1/qa/evaluations/${r.e.id}/resolve`, body);
      message.success(
        settled.originalScore !== null ? t('qa.resolve.changedTo', { score: showScore(settled.score), original: showScore(settled.originalScore) }) : t('qa.resolve.done'),
      );
      setSettling(null);
      load();
    } catch (err) {
      failed(err);
    }
    // Refused too (another lead decided it meanwhile), the count is asked again.
    onDecided();
  };
  const itemText = (form: QaForm, key: string) => form.sections.flatMap((s) => s.items).find((i) => i.key === key)?.text ?? key;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        placeholder={t('qa.columns.status')}
        value={status}
        onChange={setStatus}
        options={(['pending', 'disputed', 'confirmed'] as const).map((s) => ({ value: s, label: t(`qa.status.${s}`) }))}
        style={{ width: 160 }}
      />
      {list?.length === 0 && <Empty description={t('qa.none')} />}
      {list?.map((e) => (
        <EvaluationCard
          key={e.id}
          evaluation={e}
          timeZone={timeZone}
          actions={
            <Space>
              {e.status === 'disputed' && inspectors.has(role) && e.inspectorId !== userId && (
                <Button size="small" type="primary" onClick={() => void openResolve(e)}>
                  {t('qa.resolve.title')}
                </Button>
              )}
              {leaders.has(role) && (
                <Button size="small" onClick={() => setCoaching(e)}>
                  {t('qa.coaching.open')}
                </Button>
              )}
              <Button size="small" onClick={() => setFiling(e)}>
                {t('qa.library.add')}
              </Button>
            </Space>
          }
        />
      ))}
      <Modal
        open={settling !== null}
        width={760}
        title={t('qa.resolve.title')}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setSettling(null)}
        onOk={() => settle(settling!)}
      >
        {settling && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <span>
              {t('qa.agent.reason')}: {settling.e.disputeReason}
            </span>
            <Radio.Group
              value={outcome}
              onChange={(ev) => setOutcome(ev.target.value)}
              options={[
                { value: 'upheld', label: t('qa.resolve.upheld') },
                { value: 'changed', label: t('qa.resolve.changed') },
              ]}
            />
            {outcome === 'changed' && <Correction r={settling} itemText={(key) => itemText(settling.form, key)} onChange={(answers) => setSettling({ ...settling, answers })} />}
            <Input.TextArea aria-label={t('qa.resolve.reason')} placeholder={t('qa.resolve.reason')} value={reason} onChange={(ev) => setReason(ev.target.value)} />
          </Space>
        )}
      </Modal>
      <Modal
        open={coaching !== null}
        title={t('qa.coaching.open')}
        okButtonProps={{ disabled: !coach.focus.trim() }}
        onCancel={() => setCoaching(null)}
        onOk={async () => {
          const e = coaching!;
          const body = {
            evaluationId: e.id,
            focus: coach.focus.trim(),
            actions: coach.actions.trim(),
            itemKeys: e.items.filter((i) => i.failed).map((i) => i.key),
            followUpOn: coach.followUpOn.format('YYYY-MM-DD'),
          };
          if (await post('/api/v1/qa/coaching', body, t('qa.coaching.saved'))) setCoaching(null);
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Input aria-label={t('qa.coaching.focus')} placeholder={t('qa.coaching.focus')} value={coach.focus} onChange={(ev) => setCoach({ ...coach, focus: ev.target.value })} />
          <Input.TextArea
            aria-label={t('qa.coaching.actions')}
            placeholder={t('qa.coaching.actions')}
            value={coach.actions}
            onChange={(ev) => setCoach({ ...coach, actions: ev.target.value })}
          />
          <DatePicker aria-label={t('qa.coaching.followUpOn')} value={coach.followUpOn} onChange={(d) => d && setCoach({ ...coach, followUpOn: d })} />
        </Space>
      </Modal>
      <Modal
        open={filing !== null}
        title={t('qa.library.add')}
        okButtonProps={{ disabled: !entry.category.trim() }}
        onCancel={() => setFiling(null)}
        onOk={async () => {
          const body = { callId: filing!.callId, evaluationId: filing!.id, ...entry };
          if (await post('/api/v1/qa/library', body, t('qa.library.added'))) setFiling(null);
        }}
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={entry.kind}
            onChange={(ev) => setEntry({ ...entry, kind: ev.target.value })}
            options={[
              { value: 'good', label: t('qa.library.good') },
              { value: 'bad', label: t('qa.library.bad') },
            ]}
          />
          <Input
            aria-label={t('qa.columns.category')}
            placeholder={t('qa.columns.category')}
            value={entry.category}
            onChange={(ev) => setEntry({ ...entry, category: ev.target.value })}
          />
          <Input.TextArea
            aria-label={t('qa.columns.note')}
            placeholder={t('qa.columns.note')}
            value={entry.note}
            onChange={(ev) => setEntry({ ...entry, note: ev.target.value })}
          />
        </Space>
      </Modal>
    </Space>
  );
}

/** The lead's corrected answers on every item of the sheet, the items the inspector never reached named, and the score they make. */
function Correction({ r, itemText, onChange }: { r: Resolving; itemText: (key: string) => string; onChange: (answers: AnswerDraft[]) => void }) {
  const { t } = useTranslation();
  const answers = correctedAnswers(r);
  const result = scoreEvaluation(r.form, answers);
  const decided = decidedByFatal(r.form, answers);
  const unheard = r.unheard.map(itemText).join('、');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {r.unheard.length > 0 && (
        <Alert type={decided ? 'info' : 'warning'} showIcon title={t(decided ? 'qa.resolve.unheardKept' : 'qa.resolve.unheardCounted', { n: r.unheard.length, items: unheard })} />
      )}
      <AnswersEditor form={r.form} answers={r.answers} onChange={onChange} />
      <Typography.Text strong>
        {t('qa.resolve.newScore', { score: showScore(result.score), original: showScore(r.e.score) })} {result.fatal && <Tag color="red">{t('qa.fatal')}</Tag>}
      </Typography.Text>
    </Space>
  );
}
