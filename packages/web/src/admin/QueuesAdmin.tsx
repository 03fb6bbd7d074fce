import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Profile, Queue, QueueRouting, Skill } from '@banzu/contract';
import { api } from '../api/client';
import { inboundNumberProblem, isForwardNumber } from './numbers';

type AfterHoursKind = 'none' | 'forward' | 'message' | 'callback';
type OverflowKind = 'none' | 'queue' | 'callback' | 'forward' | 'voicemail';
const overflowKinds: OverflowKind[] = ['none', 'queue', 'callback', 'forward', 'voicemail'];
type StrategyChoice = 'default' | NonNullable<QueueRouting['strategy']>;
const strategies: StrategyChoice[] = ['default', 'longest_idle', 'round_robin', 'fewest_calls', 'least_talk_time', 'ring_all', 'linear', 'random'];
/** The router's widening: its default (a level after 30 s, two after 60 s), none, or the queue's own steps. */
type WideningMode = 'default' | 'none' | 'custom';
const wideningModes: WideningMode[] = ['default', 'none', 'custom'];
type WideningStep = NonNullable<QueueRouting['widening']>[number];

interface QueueValues {
  name: string;
  inboundNumbers: string[];
  requiredSkills: { skillId: string; minLevel: number }[];
  priority: number;
  slThresholdSeconds: number;
  slTargetPercent: number;
  strategy: StrategyChoice;
  ringTimeoutSeconds?: number | null;
  wrapUpSeconds?: number | null;
  record: boolean;
  overflow: OverflowKind;
  overflowSeconds?: number | null;
  overflowQueueId?: string;
  overflowNumber?: string;
  mailbox?: string;
  afterHours: AfterHoursKind;
  forwardNumber?: string;
  message?: string;
  /** The agents who serve the queue, in order; none chosen: every agent with the required skills. */
  members: string[];
  wideningMode: WideningMode;
  widening: WideningStep[];
}

const afterHoursKinds: AfterHoursKind[] = ['none', 'forward', 'message', 'callback'];

function overflowValues(maxWait: QueueRouting['maxWait']): Pick<QueueValues, 'overflow' | 'overflowSeconds' | 'overflowQueueId' | 'overflowNumber' | 'mailbox'> {
  if (!maxWait) return { overflow: 'none', overflowSeconds: null };
  const { action } = maxWait;
  return {
    overflow: action.kind,
    overflowSeconds: maxWait.seconds,
    overflowQueueId: action.kind === 'queue' ? action.queueId : undefined,
    overflowNumber: action.kind === 'forward' ? action.number : undefined,
    mailbox: action.kind === 'voicemail' ? action.mailbox : undefined,
  };
}

/** Where a call that waited too long goes, from the form; undefined: it keeps waiting. */
function maxWaitOf(v: QueueValues): QueueRouting['maxWait'] {
  if (v.overflow === 'none' || v.overflowSeconds == null) return undefined;
  const action =
    v.overflow === 'queue'
      ? { kind: 'queue' as const, queueId: v.overflowQueueId ?? '' }
      : v.overflow === 'forward'
        ? { kind: 'forward' as const, number: (v.overflowNumber ?? '').replace(/\s/g, '') }
        : v.overflow === 'voicemail'
          ? { kind: 'voicemail' as const, mailbox: (v.mailbox ?? '').trim() }
          : { kind: 'callback' as const };
  return { seconds: v.overflowSeconds, action };
}

function valuesOf(queue: Queue): QueueValues {
  const action = queue.routing.afterHoursAction;
  return {
    name: queue.name,
    inboundNumbers: queue.inboundNumbers,
    requiredSkills: queue.requiredSkills,
    priority: queue.priority,
    slThresholdSeconds: queue.slThresholdSeconds,
    // Whole percents on screen; the API keeps the share (0.8).
    slTargetPercent: Math.round(queue.slTarget * 1000) / 10,
    strategy: queue.routing.strategy ?? 'default',
    ringTimeoutSeconds: queue.routing.ringTimeoutSeconds ?? null,
    wrapUpSeconds: queue.routing.wrapUpSeconds ?? null,
    record: queue.routing.record ?? true,
    ...overflowValues(queue.routing.maxWait),
    afterHours: action?.kind ?? 'none',
    forwardNumber: action?.kind === 'forward' ? action.number : undefined,
    message: action?.kind === 'message' ? action.message : undefined,
    members: queue.routing.agents ?? [],
    wideningMode: queue.routing.widening === undefined ? 'default' : queue.routing.widening.length === 0 ? 'none' : 'custom',
    widening: queue.routing.widening ?? [],
  };
}

/** The widening the form describes; undefined: the router's default. */
function wideningOf(values: QueueValues): QueueRouting['widening'] {
  if (values.wideningMode === 'default') return undefined;
  if (values.wideningMode === 'none') return [];
  return (values.widening ?? []).map((w) => ({ afterSeconds: w.afterSeconds, minLevelDrop: w.minLevelDrop })).sort((a, b) => a.afterSeconds - b.afterSeconds);
}

/** The queue the form describes; the routing settings the form does not show are kept as they were. */
function queueOf(values: QueueValues, routing: QueueRouting, disabled: boolean): Omit<Queue, 'id'> {
  const { afterHoursAction: _a, strategy: _s, ringTimeoutSeconds: _r, wrapUpSeconds: _w, record: _rec, maxWait: _m, agents: _g, widening: _wd, ...otherRouting } = routing;
  const widening = wideningOf(values);
  const members = values.members ?? [];
  const afterHoursAction =
    values.afterHours === 'forward'
      ? { kind: 'forward' as const, number: (values.forwardNumber ?? '').replace(/\s/g, '') }
      : values.afterHours === 'message'
        ? { kind: 'message' as const, message: (values.message ?? '').trim() }
        : values.afterHours === 'callback'
          ? { kind: 'callback' as const }
          : undefined;
  const maxWait = maxWaitOf(values);
  return {
    name: values.name.trim(),
    inboundNumbers: values.inboundNumbers ?? [],
    requiredSkills: (values.requiredSkills ?? []).map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })),
    priority: values.priority,
    slThresholdSeconds: values.slThresholdSeconds,
    slTarget: Math.round(values.slTargetPercent * 10) / 1000,
    // An empty setting is left out, so the router's default applies; recording is on unless switched off.
    routing: {
      ...otherRouting,
      ...(values.strategy !== 'default' && { strategy: values.strategy }),
      ...(values.ringTimeoutSeconds != null && { ringTimeoutSeconds: values.ringTimeoutSeconds }),
      ...(values.wrapUpSeconds != null && { wrapUpSeconds: values.wrapUpSeconds }),
      ...(values.record === false && { record: false }),
      ...(maxWait && { maxWait }),
      ...(afterHoursAction && { afterHoursAction }),
      ...(members.length > 0 && { agents: members }),
      ...(widening && { widening }),
    },
    disabled,
  };
}

/** Only the fields that differ from the stored queue: PATCH leaves the others as they are. */
function changes(before: Queue, after: Omit<Queue, 'id'>): Partial<Omit<Queue, 'id'>> {
  return Object.fromEntries(Object.entries(after).filter(([key, value]) => JSON.stringify(before[key as keyof Queue]) !== JSON.stringify(value)));
}

/**
 * 队列: a manager or administrator creates, changes, takes out of service and deletes queues — name,
 * the numbers callers dial, required skills with levels, the agents who serve it, widening over
 * time, priority, service level, and where calls go after hours.
 *
 * @example
 * <QueuesAdmin />
 */
export function QueuesAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [queues, setQueues] = useState<Queue[]>([]);
  const [skills, setSkills] = useState<Skill[]>([]);
  const [agents, setAgents] = useState<Profile[]>([]);
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<QueueValues>();
  const afterHours = Form.useWatch('afterHours', form);
  const overflow = Form.useWatch('overflow', form);
  const wideningMode = Form.useWatch('wideningMode', form);
  const load = useCallback(() => {
    void api<Queue[]>('GET', '/api/v1/queues').then(setQueues);
    void api<Skill[]>('GET', '/api/v1/skills').then(setSkills);
    void api<Profile[]>('GET', '/api/v1/users').then((users) => setAgents(users.filter((u) => u.role === 'agent' && !u.disabled)));
  }, []);
  useEffect(load, [load]);
  const skillName = useMemo(() => new Map(skills.map((s) => [s.id, s.name])), [skills]);

  const open = (queue: Queue | 'new') => {
    form.resetFields();
    if (queue !== 'new') form.setFieldsValue(valuesOf(queue));
    setEditing(queue);
  };

  /** Sends a change; a refusal is shown as the server words it, and the dialog stays open. */
  const send = async (method: string, path: string, body?: unknown): Promise<boolean> => {
    setBusy(true);
    try {
      await api(method, path, body);
      void message.success(t('admin.saved'));
      load();
      return true;
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (values: QueueValues) => {
    if (editing === null) return;
    const queue = queueOf(values, editing === 'new' ? {} : editing.routing, editing === 'new' ? false : editing.disabled);
    if (editing === 'new') {
      if (await send('POST', '/api/v1/queues', queue)) setEditing(null);
      return;
    }
    const changed = changes(editing, queue);
    if (Object.keys(changed).length === 0 || (await send('PATCH', `/api/v1/queues/${editing.id}`, changed))) setEditing(null);
  };

  const q = (key: string, options?: Record<string, unknown>) => t(`adminConsole.queues.${key}`, options);
  const afterHoursLabel = (queue: Queue) => {
    const action = queue.routing.afterHoursAction;
    if (!action) return q('afterHoursKinds.none');
    return action.kind === 'forward' ? `${q('afterHoursKinds.forward')} ${action.number}` : q(`afterHoursKinds.${action.kind}`);
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')}>
        {q('new')}
      </Button>
      <Table<Queue>
        rowKey="id"
        size="small"
        dataSource={queues}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: q('name'), dataIndex: 'name' },
          { title: q('inboundNumbers'), render: (_, queue) => queue.inboundNumbers.map((n) => <Tag key={n}>{n}</Tag>) },
          {
            title: q('requiredSkills'),
            render: (_, queue) => queue.requiredSkills.map((s) => <Tag key={s.skillId}>{`${skillName.get(s.skillId) ?? s.skillId} ≥ ${s.minLevel}`}</Tag>),
          },
          { title: q('priority'), dataIndex: 'priority', align: 'right' },
          { title: q('serviceLevel'), render: (_, queue) => `${Math.round(queue.slTarget * 1000) / 10}% / ${queue.slThresholdSeconds} s` },
          { title: q('afterHours'), render: (_, queue) => afterHoursLabel(queue) },
          { title: q('members'), render: (_, queue) => (queue.routing.agents ? q('membersCount', { count: queue.routing.agents.length }) : q('membersAll')) },
          { title: q('status'), render: (_, queue) => (queue.disabled ? <Tag color="default">{q('disabled')}</Tag> : <Tag color="green">{q('enabled')}</Tag>) },
          {
            title: t('wallboard.actions'),
            render: (_, queue) => (
              <Space size="small">
                <Button size="small" onClick={() => open(queue)}>
                  {t('admin.edit')}
                </Button>
                {queue.disabled ? (
                  <Button size="small" onClick={() => void send('PATCH', `/api/v1/queues/${queue.id}`, { disabled: false })}>
                    {q('enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={q('disableConfirm', { name: queue.name })}
                    okText={q('disable')}
                    cancelText={t('admin.keep')}
                    onConfirm={() => void send('PATCH', `/api/v1/queues/${queue.id}`, { disabled: true })}
                  >
                    <Button size="small">{q('disable')}</Button>
                  </Popconfirm>
                )}
                <Popconfirm
                  title={q('deleteConfirm', { name: queue.name })}
                  okText={q('delete')}
                  cancelText={t('admin.keep')}
                  onConfirm={() => void send('DELETE', `/api/v1/queues/${queue.id}`)}
                >
                  <Button size="small" danger>
                    {q('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? q('new') : editing ? q('edit', { name: editing.name }) : ''}
        okText={t('desktop.save')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        width={640}
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          preserve={false}
          initialValues={{
            inboundNumbers: [],
            requiredSkills: [],
            priority: 0,
            slThresholdSeconds: 20,
            slTargetPercent: 80,
            strategy: 'default',
            record: true,
            overflow: 'none',
            afterHours: 'none',
            members: [],
            wideningMode: 'default',
            widening: [],
          }}
        >
          <Form.Item name="name" label={q('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="inboundNumbers"
            label={q('inboundNumbers')}
            extra={q('inboundNumbersHint')}
            normalize={(numbers: string[]) => numbers.map((n) => n.trim().replace(/[\s-]/g, '')).filter(Boolean)}
            rules={[
              {
                validator: (_, numbers: string[] = []) => {
                  const invalid = numbers.find((n) => inboundNumberProblem(n));
                  if (invalid) return Promise.reject(new Error(q('problems.invalid', { number: invalid })));
                  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
                  if (twice) return Promise.reject(new Error(q('problems.duplicate', { number: twice })));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} aria-label={q('inboundNumbers')} />
          </Form.Item>
          <Form.List
            name="requiredSkills"
            rules={[
              {
                validator: async (_, required: { skillId?: string }[] = []) => {
                  const ids = required.map((s) => s?.skillId).filter(Boolean);
                  if (new Set(ids).size !== ids.length) throw new Error(q('problems.skillTwice'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={q('requiredSkills')}>
                {fields.map((field, index) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'skillId']} rules={[{ required: true }]}>
                      <Select
                        style={{ width: 200 }}
                        aria-label={`${q('skill')} ${index + 1}`}
                        options={skills.map((s) => ({ value: s.id, label: s.name }))}
                        placeholder={q('skill')}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'minLevel']} rules={[{ required: true }]} initialValue={1}>
                      <InputNumber min={1} max={5} precision={0} addonBefore={q('level')} aria-label={`${q('level')} ${index + 1}`} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ minLevel: 1 })}>
                  {q('addSkill')}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
          <Form.Item name="members" label={q('members')} extra={q('membersHint')}>
            <Select
              mode="multiple"
              allowClear
              aria-label={q('members')}
              placeholder={q('membersAll')}
              optionFilterProp="label"
              options={agents.map((a) => ({ value: a.id, label: `${a.employeeNo ?? ''} ${a.displayName}`.trim() }))}
            />
          </Form.Item>
          <Form.Item
            name="wideningMode"
            label={q('widening')}
            tooltip={q('wideningHint')}
            dependencies={['widening']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, mode: WideningMode) =>
                  mode === 'custom' && (getFieldValue('widening') ?? []).length === 0 ? Promise.reject(new Error(q('problems.wideningEmpty'))) : Promise.resolve(),
              }),
            ]}
          >
            <Select style={{ width: 320 }} aria-label={q('widening')} options={wideningModes.map((m) => ({ value: m, label: q(`wideningModes.${m}`) }))} />
          </Form.Item>
          {wideningMode === 'custom' && (
            <Form.List name="widening">
              {(fields, { add, remove }) => (
                <Form.Item>
                  {fields.map((field, index) => (
                    <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                      <Form.Item name={[field.name, 'afterSeconds']} rules={[{ required: true }]}>
                        <InputNumber
                          min={0}
                          max={86_400}
                          precision={0}
                          addonBefore={q('wideningAfter')}
                          addonAfter={q('seconds')}
                          aria-label={`${q('wideningAfter')} ${index + 1}`}
                        />
                      </Form.Item>
                      <Form.Item name={[field.name, 'minLevelDrop']} rules={[{ required: true }]} initialValue={1}>
                        <InputNumber min={1} max={4} precision={0} addonBefore={q('wideningDrop')} addonAfter={q('levels')} aria-label={`${q('wideningDrop')} ${index + 1}`} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ afterSeconds: 30 * (fields.length + 1), minLevelDrop: fields.length + 1 })}>
                    {q('addWidening')}
                  </Button>
                </Form.Item>
              )}
            </Form.List>
          )}
          <Space wrap>
            <Form.Item name="priority" label={q('priority')} tooltip={q('priorityHint')} rules={[{ required: true }]}>
              <InputNumber min={-100} max={100} precision={0} />
            </Form.Item>
            <Form.Item name="slThresholdSeconds" label={q('slThreshold')} rules={[{ required: true }]}>
              <InputNumber min={1} max={3600} precision={0} />
            </Form.Item>
            <Form.Item name="slTargetPercent" label={q('slTarget')} rules={[{ required: true }]}>
              <InputNumber min={1} max={100} step={1} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="strategy" label={q('strategy')}>
              <Select style={{ width: 200 }} options={strategies.map((x) => ({ value: x, label: q(`strategies.${x}`) }))} />
            </Form.Item>
            <Form.Item name="ringTimeoutSeconds" label={q('ringTimeout')} tooltip={q('defaultHint')}>
              <InputNumber min={1} max={300} precision={0} />
            </Form.Item>
            <Form.Item name="wrapUpSeconds" label={q('wrapUp')} tooltip={q('defaultHint')}>
              <InputNumber min={0} max={3600} precision={0} />
            </Form.Item>
            <Form.Item name="record" label={q('record')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="overflow" label={q('overflow')}>
              <Select style={{ width: 200 }} options={overflowKinds.map((kind) => ({ value: kind, label: q(`overflowKinds.${kind}`) }))} />
            </Form.Item>
            {overflow && overflow !== 'none' && (
              <Form.Item name="overflowSeconds" label={q('overflowSeconds')} rules={[{ required: true, message: q('overflowSecondsRequired') }]}>
                <InputNumber min={1} max={86_400} precision={0} />
              </Form.Item>
            )}
            {overflow === 'queue' && (
              <Form.Item name="overflowQueueId" label={q('overflowQueue')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 200 }}
                  options={queues.filter((other) => editing === 'new' || other.id !== editing?.id).map((other) => ({ value: other.id, label: other.name }))}
                />
              </Form.Item>
            )}
            {overflow === 'forward' && (
              <Form.Item
                name="overflowNumber"
                label={q('overflowNumber')}
                rules={[{ validator: (_, n?: string) => (n && isForwardNumber(n) ? Promise.resolve() : Promise.reject(new Error(q('problems.forward')))) }]}
              >
                <Input maxLength={32} />
              </Form.Item>
            )}
            {overflow === 'voicemail' && (
              <Form.Item name="mailbox" label={q('mailbox')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={64} />
              </Form.Item>
            )}
          </Space>
          <Form.Item name="afterHours" label={q('afterHours')}>
            <Select options={afterHoursKinds.map((kind) => ({ value: kind, label: q(`afterHoursKinds.${kind}`) }))} />
          </Form.Item>
          {afterHours === 'forward' && (
            <Form.Item
              name="forwardNumber"
              label={q('forwardNumber')}
              rules={[{ validator: (_, n?: string) => (n && isForwardNumber(n) ? Promise.resolve() : Promise.reject(new Error(q('problems.forward')))) }]}
            >
              <Input maxLength={32} />
            </Form.Item>
          )}
          {afterHours === 'message' && (
            <Form.Item name="message" label={q('message')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
