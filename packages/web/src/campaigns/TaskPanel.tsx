import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, List, Progress, Select, Space, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useCommand } from '../live/useCommand';

interface Disposition {
  code: string;
  zh: string;
  en: string;
  effect: 'final' | 'callback' | 'next_number' | 'retry';
}

/** The agent's quota progress today, as `/api/v1/campaigns/my/progress` answers it. */
export interface QuotaDay {
  date: string;
  /** Running campaigns the agent works. */
  campaigns: number;
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
 * a callback time where the result asks for one.
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
  const command = useCommand();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<QuotaDay | null>(null);
  const [answer, setAnswer] = useState<NextAnswer | null>(null);
  const [dialled, setDialled] = useState(false);
  const [form] = Form.useForm<ResultValues>();
  const code = Form.useWatch('code', form);

  useEffect(() => {
    void api<QuotaDay>('GET', '/api/v1/campaigns/my/progress').then(setProgress, () => setProgress(null));
  }, []);

  const next = useCallback(async () => {
    try {
      const a = await api<NextAnswer>('POST', '/api/v1/campaigns/tasks/next');
      setAnswer(a);
      setProgress(a.progress);
      setDialled(Boolean(a.task?.callId));
      form.resetFields();
    } catch {
      setAnswer(null);
    }
  }, [form]);

  const task = answer?.task ?? null;
  const resultPending = task !== null && dialled;
  useEffect(() => {
    onResultPending?.(resultPending);
  }, [onResultPending, resultPending]);
  const english = i18n.language === 'en';
  const chosen = task?.campaign.dispositions.find((d) => d.code === code);
  const ids = task ? { campaignId: task.campaign.id, customerId: task.customer.id } : null;

  const dial = async () => {
    if (ids && (await command('POST', '/api/v1/campaigns/tasks/dial', ids))) setDialled(true);
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
      setDialled(false);
      form.resetFields();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };
  const skip = async () => {
    if (ids && (await command('POST', '/api/v1/campaigns/tasks/release', ids))) setAnswer(null);
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
                {answer.nextAt !== null && <div>{t('campaigns.nextAt', { time: new Date(answer.nextAt).toLocaleTimeString() })}</div>}
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
                    {v.visitedAt.slice(0, 10)} · {v.intention} · {v.opinion} {v.nextStep && `→ ${v.nextStep}`}
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
                    {new Date(h.startedAt).toLocaleString()} · {h.agentName} · {h.result ?? '—'} {h.note}
                  </List.Item>
                )}
              />
            )}
            {!dialled ? (
              <Space>
                <Button type="primary" icon={<PhoneOutlined />} onClick={() => void dial()} disabled={onACall}>
                  {t('campaigns.dial')}
                </Button>
                <Button onClick={() => void skip()}>{t('campaigns.skip')}</Button>
              </Space>
            ) : (
              <Form form={form} layout="vertical" requiredMark={false} key={task.customer.id}>
                {onACall && <Typography.Text type="secondary">{t('campaigns.dialled')}</Typography.Text>}
                <Form.Item name="code" label={t('campaigns.result')} rules={[{ required: true, message: t('campaigns.pickResult') }]}>
                  <Select
                    placeholder={t('campaigns.pickResult')}
                    options={task.campaign.dispositions.map((d) => ({ value: d.code, label: english ? d.en : d.zh }))}
                    data-testid="result"
                  />
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
