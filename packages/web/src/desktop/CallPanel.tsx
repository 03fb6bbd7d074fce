import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Form, Modal, Popconfirm, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { PauseOutlined, PhoneOutlined, PlayCircleOutlined, StopOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FloorAgent, FloorCall, FloorQueue } from '@banzu/contract';
import { clock } from '../live/format';

export interface TransferRequest {
  mode: 'blind' | 'consult';
  to: { agentId: string } | { queueId: string };
}

export interface CallPanelProps {
  agent: FloorAgent;
  call: FloorCall | null;
  queues: FloorQueue[];
  /** Colleagues the agent can see on the floor, as transfer targets. */
  colleagues: FloorAgent[];
  now: number;
  onAnswer(): void;
  onHangUp(): void;
  onHold(): void;
  onRetrieve(): void;
  onTransfer(request: TransferRequest): void;
  onConsult(action: 'complete' | 'cancel' | 'conference'): void;
}

/** The call on the desktop: the ringing alert, the call's facts and the controls its state allows. */
export function CallPanel({ agent, call, queues, colleagues, now, onAnswer, onHangUp, onHold, onRetrieve, onTransfer, onConsult }: CallPanelProps) {
  const { t } = useTranslation();
  const [transferOpen, setTransferOpen] = useState(false);
  const { status } = agent;
  const ringing = status === 'ringing';
  const connected = status === 'talking' || status === 'on_hold';
  // An outbound dial ringing out can be given up, as on a phone.
  const dialing = status === 'dialing';
  // The agent consults a colleague while the caller waits on hold, or is the colleague consulted.
  const consult = call?.consult ?? null;
  const consulting = consult !== null && consult.agentId === agent.agentId;
  const consulted = consult !== null && consult.targetAgentId === agent.agentId && consult.connected;
  const nameOf = (agentId: string) => {
    const a = colleagues.find((c) => c.agentId === agentId);
    return a ? `${a.employeeNo} ${a.name}` : agentId;
  };
  const queueName = queues.find((q) => q.queueId === call?.queueId)?.name ?? '—';
  const from = call?.from ?? '—';
  // An outbound call's party is the customer dialled, not a caller.
  const outbound = call?.to !== undefined;
  const party = (outbound ? call?.to : call?.from) ?? '—';

  return (
    <Card
      size="small"
      title={
        <Space>
          <PhoneOutlined />
          {t('desktop.currentCall')}
        </Space>
      }
      extra={
        <Typography.Text type="secondary" className="wide-only" style={{ fontSize: 12 }}>
          {t('desktop.shortcutAnswer')} · {t('desktop.shortcutHangUp')}
        </Typography.Text>
      }
    >
      {ringing && (
        <Alert
          type="warning"
          showIcon
          className="incoming-call"
          role="alert"
          style={{ marginBottom: 12 }}
          title={
            <Space size="large">
              <Typography.Text strong style={{ fontSize: 18 }}>
                {t('desktop.incoming', { from })}
              </Typography.Text>
              {call && call.vipLevel > 0 && <Tag color="gold">{t('desktop.vip', { level: call.vipLevel })}</Tag>}
              <Typography.Text type="secondary">{t('desktop.incomingQueue', { queue: queueName })}</Typography.Text>
            </Space>
          }
          action={
            <Button type="primary" size="large" icon={<PhoneOutlined />} onClick={onAnswer} data-testid="answer">
              {t('desktop.answer')}
            </Button>
          }
        />
      )}
      {consulting && (
        <Alert
          type="info"
          showIcon
          icon={consult.connected ? undefined : <Spin size="small" />}
          className="consult-status"
          role="status"
          style={{ marginBottom: 12 }}
          title={consult.connected ? t('desktop.consultTalking', { name: nameOf(consult.targetAgentId) }) : t('desktop.consultRinging', { name: nameOf(consult.targetAgentId) })}
          description={t('desktop.consultHangUpHint', { name: nameOf(consult.targetAgentId) })}
          action={
            <Button size="small" onClick={() => onConsult('cancel')}>
              {t('desktop.cancelConsult')}
            </Button>
          }
        />
      )}
      {call?.monitors?.[0] && (
        <Alert type="warning" showIcon role="status" className="monitored" style={{ marginBottom: 12 }} title={t(`desktop.monitored.${call.monitors[0].mode}`)} />
      )}
      {consulted && <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} title={t('desktop.consultedBy', { name: nameOf(consult.agentId) })} />}
      {call ? (
        <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={outbound ? t('desktop.dialled') : t('desktop.caller')}>
            <Typography.Text strong className="phone-number">
              {party}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('desktop.queue')}>{queueName}</Descriptions.Item>
          <Descriptions.Item label={t('desktop.duration')}>
            <span className="tabular">{clock((now - (connected ? agent.since : call.since)) / 1000)}</span>
            {call.held && !consulting && (
              <Tag color="gold" style={{ marginInlineStart: 8 }}>
                {t('desktop.onHold')}
              </Tag>
            )}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        !ringing && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desktop.noCall')} style={{ margin: '8px 0 16px' }} />
      )}
      <Space wrap>
        <Button type="primary" icon={<PhoneOutlined />} disabled={!ringing} onClick={onAnswer}>
          {t('desktop.answer')}
        </Button>
        {status === 'on_hold' ? (
          <Button icon={<PlayCircleOutlined />} onClick={onRetrieve}>
            {t('desktop.retrieve')}
          </Button>
        ) : (
          <Button icon={<PauseOutlined />} disabled={status !== 'talking' || consulting} onClick={onHold}>
            {t('desktop.hold')}
          </Button>
        )}
        <Button icon={<SwapOutlined />} disabled={status !== 'talking' || consulting} onClick={() => setTransferOpen(true)}>
          {t('desktop.transfer')}
        </Button>
        {consulting && (
          <>
            <Button disabled={!consult.connected} onClick={() => onConsult('complete')}>
              {t('desktop.completeTransfer')}
            </Button>
            <Button icon={<TeamOutlined />} disabled={!consult.connected} onClick={() => onConsult('conference')}>
              {t('desktop.conference')}
            </Button>
            <Button onClick={() => onConsult('cancel')}>{t('desktop.cancelConsult')}</Button>
          </>
        )}
        {consulting ? (
          // Hanging up while consulting hands the caller to the colleague (the router's rule): the button says so and asks first.
          <Popconfirm
            title={t('desktop.hangUpInConsultConfirm', { name: nameOf(consult.targetAgentId) })}
            okText={t('desktop.hangUpAndTransfer')}
            cancelText={t('desktop.keepConsulting')}
            onConfirm={onHangUp}
          >
            <Button danger type="primary" icon={<StopOutlined />}>
              {t('desktop.hangUpAndTransfer')}
            </Button>
          </Popconfirm>
        ) : (
          <Button danger type="primary" icon={<StopOutlined />} disabled={!connected && !dialing} onClick={onHangUp}>
            {t('desktop.hangUp')}
          </Button>
        )}
      </Space>
      <TransferDialog
        open={transferOpen}
        queues={queues}
        colleagues={colleagues}
        onClose={() => setTransferOpen(false)}
        onTransfer={(request) => {
          setTransferOpen(false);
          onTransfer(request);
        }}
      />
    </Card>
  );
}

function TransferDialog({
  open,
  queues,
  colleagues,
  onClose,
  onTransfer,
}: {
  open: boolean;
  queues: FloorQueue[];
  colleagues: FloorAgent[];
  onClose(): void;
  onTransfer(request: TransferRequest): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ mode: 'blind' | 'consult'; kind: 'queue' | 'agent'; target: string }>();
  const mode = Form.useWatch('mode', form);
  const kind = Form.useWatch('kind', form);
  return (
    <Modal open={open} title={t('desktop.transferTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('desktop.transfer')} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ mode: 'blind', kind: 'queue' }}
        onFinish={({ mode: m, kind: k, target }) => onTransfer({ mode: m, to: k === 'queue' ? { queueId: target } : { agentId: target } })}
      >
        <Form.Item name="mode" label={t('desktop.transferMode')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'blind', label: t('desktop.blind') },
              { value: 'consult', label: t('desktop.consult') },
            ]}
            onChange={(e) => e.target.value === 'consult' && form.setFieldsValue({ kind: 'agent', target: undefined })}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('desktop.transferTo')} extra={mode === 'consult' ? t('desktop.consultNeedsAgent') : undefined}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'queue', label: t('desktop.toQueue'), disabled: mode === 'consult' },
              { value: 'agent', label: t('desktop.toAgent') },
            ]}
            onChange={() => form.setFieldsValue({ target: undefined })}
          />
        </Form.Item>
        <Form.Item name="target" label={kind === 'agent' ? t('desktop.targetAgent') : t('desktop.targetQueue')} rules={[{ required: true }]}>
          {kind === 'agent' ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              notFoundContent={t('desktop.noAgents')}
              options={colleagues.map((a) => ({ value: a.agentId, label: `${a.employeeNo} ${a.name} · ${t(`status.${a.status}`)}`, disabled: a.status !== 'ready' }))}
            />
          ) : (
            <Select options={queues.map((q) => ({ value: q.queueId, label: q.name }))} />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
