import { useCallback, useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Progress, Select, Space, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import { api, ApiError } from '../api/client';

interface Disposition {
  code: string;
  zh: string;
  en: string;
  effect: 'final' | 'callback' | 'next_number' | 'retry';
  /** Somebody picked up: not a result for a dial nobody took. */
  connect: boolean;
}

/** The dial whose result is due, as far as the server's log shows. */
export interface PendingDial {
  callId: string;
  /** The customer picked up. */
  connected: boolean;
  /** The call is over: a dial not connected by then never was. */
  ended: boolean;
  /** Why the customer was not reached, when the switch said. */
  lineResult: 'busy' | 'no_answer' | 'failed' | null;
  /** The result that says what the switch heard, for a dial nobody picked up. */
  proposed: string | null;
}

/** The agent's quota progress today, as `/api/v1/campaigns/my/progress` answers it. */
export interface QuotaDay {
  date: string;
  /** Running campaigns the agent works. */
  campaigns: number;
  /** A dial's result is due: the panel opens its customer at once. */
  resultDue?: boolean;
  quota: { target: number; done: number; remaining: number; met: boolean };
  metrics: Record<string, number | null>;
}

export interface Task {
  campaign: { id: string; name: string; script: string; dialingMode: 'preview' | 'progressive'; dispositions: Disposition[] };
  customer: {
    id: string;
    name: string;
    classCode: string;
    className: { zh: string; en: string };
    vipLevel: number | null;
    tags: string[];
    notes: string;
    visits: { visitedAt: string; opinion: string; intention: string; nextStep: string }[];
  };
  number: string;
  attempts: number;
  maxAttempts: number;
  why: 'current' | 'callback' | 'retry' | 'fresh';
  callId: string | null;
  /** The dial waiting for its result (made here, by the server, or before a person took over the desk). */
  dial: PendingDial | null;
  history: { startedAt: string; result: string | null; note: string; talkSeconds: number; agentName: string }[];
}

type NextAnswer = { task: Task; progress: QuotaDay } | { task: null; reason: 'not_running' | 'outside_hours' | 'nothing_due'; nextAt: number | null; progress: QuotaDay };

interface ResultValues {
  code: string;
  callbackAt?: Dayjs;
  note?: string;
}

/** "32 / 50 effective calls" with a bar: the day's quota of seed 000. */
export function QuotaProgress({ progress }: { progress: QuotaDay }) {
  const { t } = useTranslation();
  const { done, target, met } = progress.quota;
  return (
    <Space orientation="vertical" size={0} style={{ width: '100%' }}>
      <Typography.Text strong data-testid="quota">
        {t('campaigns.quota', { done, target })}
      </Typography.Text>
      <Progress percent={target > 0 ? Math.min(100, Math.round((done / target) * 100)) : 100} status={met ? 'success' : 'active'} showInfo={false} size="small" />
    </Space>
  );
}

/**
 * The agent's outbound task in the desktop: quota progress, the next customer with the profile
 * and the script, dial (the server dials at once in a progressive campaign), then the result with
 * a callback time where the result asks for one. A dial whose result is due (also one the simulator
 * made before a person took over the desk) opens at once with its result form: the only way on.
 * For a dial nobody picked up only the results without a conversation are offered.
 */
export function TaskPanel({
  inWrapUp,
  onACall,
  onResultPending,
}: {
  inWrapUp: boolean;
  onACall: boolean;
  /** Told whether a dialled customer's result is still to be saved: that form is then the call's wrap-up. */
  onResultPending?: (pending: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<QuotaDay | null>(null);
  const [answer, setAnswer] = useState<NextAnswer | null>(null);
  const [dial, setDial] = useState<PendingDial | null>(null);
  const [form] = Form.useForm<ResultValues>();
  const code = Form.useWatch('code', form);
  const shownCustomer = useRef<string | null>(null);

  /** A refusal in the user's language, by the server's stable code. */
  const refused = useCallback(
    (err: unknown) => {
      const text = err instanceof ApiError ? t(`campaigns.refusals.${err.code}`, { defaultValue: err.message }) : (err as Error).message;
      void message.error(t('errors.generic', { message: text }));
    },
    [message, t],
  );

  const next = useCallback(async () => {
    try {
      const a = await api<NextAnswer>('POST', '/api/v1/campaigns/tasks/next');
      setAnswer(a);
      setProgress(a.progress);
      setDial(a.task?.dial ?? null);
      // The same customer again (the call's end learnt): what the agent typed stays.
      if (a.task?.customer.id !== shownCustomer.current) form.resetFields();
      const proposed = a.task?.dial?.proposed;
      if (proposed && !form.getFieldValue('code')) form.setFieldValue('code', proposed);
      shownCustomer.current = a.task?.customer.id ?? null;
    } catch (err) {
      setAnswer(null);
      refused(err);
    }
  }, [form, refused]);

  /** The day's progress; a dial whose result is due (made before this desk was opened, too) opens at once. */
  const look = useCallback(async () => {
    try {
      const p = await api<QuotaDay>('GET', '/api/v1/campaigns/my/progress');
      setProgress(p);
      if (p.resultDue) await next();
    } catch {
      setProgress(null);
    }
  }, [next]);
  useEffect(() => {
    void look();
  }, [look]);

  // When a call ends, how it went (picked up or not) decides which results fit; a call this panel
  // did not dial (the simulator's, just before a person took over) may have left a result due.
  const wasOnACall = useRef(onACall);
  useEffect(() => {
    if (wasOnACall.current && !onACall) void (dial ? next() : look());
    wasOnACall.current = onACall;
  }, [onACall, dial, next, look]);

  const task = answer?.task ?? null;
  const resultPending = task !== null && dial !== null;
  useEffect(() => {
    onResultPending?.(resultPending);
  }, [onResultPending, resultPending]);
  const english = i18n.language === 'en';
  const nobodyPickedUp = dial?.ended === true && !dial.connected;
  const results = task?.campaign.dispositions.filter((d) => !(nobodyPickedUp && d.connect)) ?? [];
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  /** An earlier dial's result as the campaign names it. */
  const resultLabel = (code: string | null) => {
    const named = task?.campaign.dispositions.find((d) => d.code === code);
    return named ? (english ? named.en : named.zh) : (code ?? '—');
  };
  const chosen = results.find((d) => d.code === code);
  useEffect(() => {
    if (code && !chosen) form.setFieldValue('code', dial?.proposed ?? undefined);
  }, [code, chosen, form, dial]);
  const ids = task ? { campaignId: task.campaign.id, customerId: task.customer.id } : null;

  /** A desk command; a refusal that a result is due brings up that result's form. */
  const send = async (path: string): Promise<unknown> => {
    try {
      return await api<unknown>('POST', path, ids);
    } catch (err) {
      refused(err);
      if (err instanceof ApiError && err.code === 'result_missing') void next();
      return null;
    }
  };
  const dialNow = async () => {
    const dialled = (await send('/api/v1/campaigns/tasks/dial')) as { callId: string } | null;
    if (dialled) setDial({ callId: dialled.callId, connected: false, ended: false, lineResult: null, proposed: null });
  };
  const save = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !ids) return;
    const body = {
      ...ids,
      code: values.code,
      finish: inWrapUp,
      ...(values.note ? { note: values.note } : {}),
      ...(values.callbackAt ? { callbackAt: values.callbackAt.toISOString() } : {}),
    };
    try {
      const saved = await api<{ progress: QuotaDay }>('POST', '/api/v1/campaigns/tasks/result', body);
      setProgress(saved.progress);
      setAnswer(null);
      setDial(null);
      shownCustomer.current = null;
      form.resetFields();
    } catch (err) {
      refused(err);
    }
  };
  const skip = async () => {
    if (await send('/api/v1/campaigns/tasks/release')) setAnswer(null);
  };

  // An agent on no running campaign has no outbound work: the desktop stays as it was.
  if (!progress || (progress.campaigns === 0 && !task)) return null;
  return (
    <Card
      size="small"
      title={
        <Space>
          <PhoneOutlined />
          {t('campaigns.task')}
        </Space>
      }
      extra={
        !task && (
          <Button type="primary" size="small" onClick={() => void next()} disabled={onACall}>
            {t('campaigns.next')}
          </Button>
        )
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <QuotaProgress progress={progress} />
        {answer && !task && 'reason' in answer && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <>
                {t(`campaigns.noTask.${answer.reason}`)}
                {answer.nextAt !== null && <div>{t('campaigns.nextAt', { time: centerDateTime(answer.nextAt, timeZone) })}</div>}
              </>
            }
          />
        )}
        {task && (
          <>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('campaigns.customer')}>
                <Typography.Text strong>{task.customer.name}</Typography.Text> <Tag>{t(`campaigns.why.${task.why}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('campaigns.number')}>{task.number}</Descriptions.Item>
              <Descriptions.Item label={t('campaigns.classCode')}>{english ? task.customer.className.en : task.customer.className.zh}</Descriptions.Item>
              <Descriptions.Item label={t('campaigns.tags')}>
                {task.customer.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label={task.campaign.name} span={2}>
                {t('campaigns.attempts', { n: task.attempts + 1, max: task.maxAttempts })}
              </Descriptions.Item>
            </Descriptions>
            <Card size="small" type="inner" title={t('campaigns.script')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{task.campaign.script}</Typography.Paragraph>
            </Card>
            {task.customer.visits.length > 0 && (
              <List
                size="small"
                header={t('campaigns.visits')}
                dataSource={task.customer.visits}
                renderItem={(v) => (
                  <List.Item>
                    {centerDateTime(v.visitedAt, timeZone).slice(0, 10)} · {t(`crm.intentions.${v.intention}`, { defaultValue: v.intention })} · {v.opinion}{' '}
                    {v.nextStep && `→ ${v.nextStep}`}
                  </List.Item>
                )}
              />
            )}
            {task.history.length > 0 && (
              <List
                size="small"
                header={t('campaigns.history')}
                dataSource={task.history}
                renderItem={(h) => (
                  <List.Item>
                    {centerDateTime(h.startedAt, timeZone)} · {h.agentName} · {resultLabel(h.result)} {h.note}
                  </List.Item>
                )}
              />
            )}
            {!dial ? (
              <Space>
                <Button type="primary" icon={<PhoneOutlined />} onClick={() => void dialNow()} disabled={onACall}>
                  {t('campaigns.dial')}
                </Button>
                <Button onClick={() => void skip()}>{t('campaigns.skip')}</Button>
              </Space>
            ) : (
              <Form form={form} layout="vertical" requiredMark={false} key={task.customer.id}>
                {onACall && <Typography.Text type="secondary">{t('campaigns.dialled')}</Typography.Text>}
                {nobodyPickedUp && (
                  <Typography.Text type="secondary" data-testid="not-connected">
                    {t(`campaigns.notConnected.${dial.lineResult ?? 'none'}`)}
                  </Typography.Text>
                )}
                <Form.Item name="code" label={t('campaigns.result')} rules={[{ required: true, message: t('campaigns.pickResult') }]}>
                  <Select placeholder={t('campaigns.pickResult')} options={results.map((d) => ({ value: d.code, label: english ? d.en : d.zh }))} data-testid="result" />
                </Form.Item>
                {chosen?.effect === 'callback' && (
                  <Form.Item name="callbackAt" preserve={false} label={t('campaigns.callbackAt')} rules={[{ required: true, message: t('campaigns.pickCallbackAt') }]}>
                    <DatePicker showTime format="YYYY-MM-DD HH:mm" />
                  </Form.Item>
                )}
                <Form.Item name="note" label={t('campaigns.note')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Button type="primary" onClick={() => void save()} disabled={onACall}>
                  {inWrapUp ? t('campaigns.saveAndFinish') : t('campaigns.save')}
                </Button>
              </Form>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
