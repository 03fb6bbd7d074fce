import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaEvaluation } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { showScore } from './format';
import { RecordingPlayer } from '../recordings/RecordingPlayer';
import { centerDateTime } from '../api/center';
import { clock } from '../live/format';

const statusColor = { pending: 'orange', disputed: 'purple', confirmed: 'green' } as const;

/** A comment's second in the recording: clicked, the player plays from there. */
export function CommentTime({ seconds, onJump }: { seconds: number; onJump: (seconds: number) => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="small"
      type="dashed"
      className="qa-comment-time"
      aria-label={t('recording.jump', { time: clock(seconds) })}
      onClick={() => onJump(seconds)}
      style={{ marginRight: 8 }}
    >
      {clock(seconds)}
    </Button>
  );
}

/** One evaluation as the agent reads it: score, failed items, comments at their time in the recording (a click plays from there, the waveform flags them), penalty. */
export function EvaluationCard({ evaluation: e, timeZone, actions }: { evaluation: QaEvaluation; timeZone: string; actions?: React.ReactNode }) {
  const { t } = useTranslation();
  const [seekTo, setSeekTo] = useState<{ seconds: number } | undefined>(undefined);
  const markers = e.comments.flatMap((c) => (c.atSeconds === null ? [] : [{ seconds: c.atSeconds, text: c.text }]));
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{centerDateTime(e.callStartedAt, timeZone)}</span>
          <span>
            {e.employeeNo} {e.agentName}
          </span>
          <Typography.Text strong>{showScore(e.score)}</Typography.Text>
          {e.originalScore !== null && (
            <Typography.Text type="secondary" delete>
              {t('qa.agent.originalScore', { score: showScore(e.originalScore) })}
            </Typography.Text>
          )}
          {e.fatal && <Tag color="red">{t('qa.fatal')}</Tag>}
          <Tag color={statusColor[e.status]}>{t(`qa.status.${e.status}`)}</Tag>
        </Space>
      }
      extra={actions}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <RecordingPlayer callId={e.callId} markers={markers} seekTo={seekTo} />
        {e.status === 'pending' && e.dueAt && (
          <span>
            {t('qa.columns.dueAt')}: {centerDateTime(e.dueAt, timeZone)}
          </span>
        )}
        {e.items
          .filter((i) => i.failed)
          .map((i) => (
            <div key={i.key}>
              <Tag color={i.fatal ? 'red' : 'orange'}>
                {i.earned} / {i.possible}
              </Tag>
              {i.text}
            </div>
          ))}
        {e.comments.length > 0 && <Typography.Text type="secondary">{t('qa.agent.comments')}</Typography.Text>}
        {e.comments.map((c, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an evaluation's comments never change order.
          <div key={n}>
            {c.atSeconds !== null && <CommentTime seconds={c.atSeconds} onJump={(seconds) => setSeekTo({ seconds })} />}
            {c.text}
          </div>
        ))}
        {e.disputeReason && (
          <span>
            {t('qa.agent.reason')}: {e.disputeReason}
          </span>
        )}
        {e.resolutionReason && (
          <span>
            {t('qa.resolve.reason')}: {e.resolutionReason}
          </span>
        )}
        {e.penalty && !e.penalty.slip && <Tag color="gold">{t('qa.agent.penalty', { step: e.penalty.zh })}</Tag>}
        {e.penalty?.slip && <ReminderSlip evaluation={e} timeZone={timeZone} />}
      </Space>
    </Card>
  );
}

/** 质检提醒单: the slip seed 004 has the agent sign after hearing the recording, for a repeated fatal error. */
function ReminderSlip({ evaluation: e, timeZone }: { evaluation: QaEvaluation; timeZone: string }) {
  const { t } = useTranslation();
  const signed =
    e.confirmedHow === 'acknowledged'
      ? t('qa.slip.signed', { at: centerDateTime(e.confirmedAt, timeZone) })
      : e.confirmedHow === 'deadline'
        ? t('qa.slip.lapsed')
        : t(`qa.status.${e.status}`);
  return (
    <Card size="small" type="inner" title={t('qa.agent.slip')} style={{ borderColor: '#ff4d4f' }}>
      <div>
        {t('qa.columns.agent')}: {e.employeeNo} {e.agentName}
      </div>
      <div>
        {t('qa.columns.startedAt')}: {centerDateTime(e.callStartedAt, timeZone)}
      </div>
      <div>
        {t('qa.slip.errors')}:{' '}
        {e.items
          .filter((i) => i.fatal)
          .map((i) => i.text)
          .join('、')}
      </div>
      <div>{t('qa.agent.penalty', { step: e.penalty?.zh })}</div>
      <div>
        {t('qa.slip.signature')}: {signed}
      </div>
    </Card>
  );
}

/**
 * 我的质检: whoever was scored hears the recording and the comments, then signs (签字) or disputes before
 * the deadline. An agent's list is the own already; anyone else who took calls (a team leader when the
 * queue is long) passes `agentId`, the own id, since they see others' evaluations too.
 */
export function AgentEvaluations({ timeZone, agentId }: { timeZone: string; agentId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [list, setList] = useState<QaEvaluation[] | null>(null);
  const [disputing, setDisputing] = useState<QaEvaluation | null>(null);
  const [reason, setReason] = useState('');
  const load = useCallback(() => void api<QaEvaluation[]>('GET', `/api/v1/qa/evaluations${agentId ? `?agentId=${encodeURIComponent(agentId)}` : ''}`).then(setList), [agentId]);
  useEffect(load, [load]);
  const act = async (path: string, body: unknown, done: string) => {
    try {
      await api('POST', path, body);
      message.success(done);
      load();
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
  };
  if (list === null) return null;
  if (list.length === 0) return <Empty description={t('qa.none')} />;
  return (
    <>
      <List
        dataSource={list}
        renderItem={(e) => (
          <List.Item>
            <EvaluationCard
              evaluation={e}
              timeZone={timeZone}
              actions={
                e.status === 'pending' && (
                  <Space>
                    <Button type="primary" onClick={() => void act(`/api/v1/qa/evaluations/${e.id}/acknowledge`, undefined, t('qa.agent.acknowledged'))}>
                      {t('qa.agent.acknowledge')}
                    </Button>
                    <Button onClick={() => setDisputing(e)}>{t('qa.agent.dispute')}</Button>
                  </Space>
                )
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={disputing !== null}
        title={t('qa.agent.dispute')}
        okButtonProps={{ disabled: !reason.trim() }}
        onCancel={() => setDisputing(null)}
        onOk={() => {
          const id = disputing!.id;
          setDisputing(null);
          setReason('');
          void act(`/api/v1/qa/evaluations/${id}/dispute`, { reason: reason.trim() }, t('qa.agent.disputed'));
        }}
      >
        <Input.TextArea aria-label={t('qa.agent.reason')} placeholder={t('qa.agent.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
