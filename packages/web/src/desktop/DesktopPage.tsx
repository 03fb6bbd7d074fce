import { useEffect, useRef, useState } from 'react';
import { App, Card, Col, Empty, List, Row, Space, Spin, Typography } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '@banzu/contract';
import { useAuth } from '../auth/AuthProvider';
import { timeOfDay } from '../live/format';
import { useFloor, useNow } from '../live/FloorProvider';
import { useCommand } from '../live/useCommand';
import { ConnectionBadge } from '../live/ConnectionBadge';
import { beep } from './beep';
import { TaskPanel } from '../campaigns/TaskPanel';
import { CallPanel } from './CallPanel';
import { MyDay, centerDate } from './MyDay';
import { ScreenPop } from './ScreenPop';
import { StateBar } from './StateBar';
import { WrapUpForm } from './WrapUpForm';
import { SoftphoneCard, useSoftphone } from './softphone/index';
import { DeskTickets } from '../tickets/index';
import { BriefingCard } from '../briefings/index';
import { MyShiftCard } from '../wfm/index';

const RING_EVERY_MS = 2000;
const onACall: ReadonlySet<AgentStatus> = new Set(['ringing', 'talking', 'on_hold', 'dialing']);

/** The agent desktop (座席工作台): the own state, the call, the caller, wrap-up, messages, the day. */
export function DesktopPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { floor, status } = useFloor();
  const { message, notification } = App.useApp();
  const command = useCommand();
  const softphone = useSoftphone();
  // With the SIP switch the call is answered on the phone: its 200 OK answers in Banzu.
  const answer = () => {
    if (softphone.mode === 'on') void softphone.phone?.answer();
    else void command('POST', '/api/v1/desktop/answer');
  };
  const now = useNow(floor?.clockOffset ?? 0);
  const agent = floor?.agents.find((a) => a.agentId === user?.id) ?? null;
  const call = agent?.callId ? (floor?.calls.find((c) => c.callId === agent.callId) ?? null) : null;

  // The screen pop stays on the last call through wrap-up, until the next one arrives.
  const [popCallId, setPopCallId] = useState<string | null>(null);
  useEffect(() => {
    if (agent?.callId) setPopCallId(agent.callId);
  }, [agent?.callId]);

  // After a campaign call the task panel's result form is the wrap-up: the generic one stays away.
  const [campaignResultPending, setCampaignResultPending] = useState(false);

  // My day reloads when one of the agent's calls ends: the status leaves the call states.
  const [callsEnded, setCallsEnded] = useState(0);
  const previous = useRef<AgentStatus | null>(null);
  useEffect(() => {
    const was = previous.current;
    previous.current = agent?.status ?? null;
    if (was && onACall.has(was) && agent && !onACall.has(agent.status)) setCallsEnded((n) => n + 1);
  }, [agent?.status, agent]);

  // Ring audibly while the call is offered.
  const ringing = agent?.status === 'ringing';
  useEffect(() => {
    if (!ringing) return;
    beep();
    const timer = setInterval(beep, RING_EVERY_MS);
    return () => clearInterval(timer);
  }, [ringing]);

  // A message from the team leader pops up besides being listed.
  const seenMessages = useRef(0);
  const messages = floor?.messages.filter((m) => m.toAgentId === user?.id) ?? [];
  useEffect(() => {
    for (const m of messages.slice(seenMessages.current)) {
      // A ticket notification pops up from the header's bell, on every page.
      if (m.id.startsWith('ticket-')) continue;
      notification.info({ title: t('desktop.newMessage', { name: m.fromName }), description: m.text, placement: 'topRight', duration: 8 });
    }
    seenMessages.current = messages.length;
  }, [messages.length, messages, notification, t]);

  // Keyboard: Ctrl+Enter answers, Ctrl+Backspace hangs up (written on the call panel).
  const keys = useRef({ status: agent?.status, answer });
  keys.current.status = agent?.status;
  keys.current.answer = answer;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.ctrlKey) return;
      if (e.key === 'Enter' && keys.current.status === 'ringing') {
        e.preventDefault();
        keys.current.answer();
      } else if (e.key === 'Backspace' && (keys.current.status === 'talking' || keys.current.status === 'on_hold' || keys.current.status === 'dialing')) {
        e.preventDefault();
        void command('POST', '/api/v1/desktop/hang-up');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [command]);

  if (!floor || !user) return <Spin tip={t('live.loading')} fullscreen />;
  if (!agent) return <Empty description={t('errors.forbidden')} />;

  const english = i18n.language === 'en';
  const dispositions = floor.dispositions.map((d) => ({ code: d.code, label: english ? d.en : d.zh }));
  const dispositionLabel = (code: string) => dispositions.find((d) => d.code === code)?.label ?? code;
  const colleagues = floor.agents.filter((a) => a.agentId !== agent.agentId);
  const agentName = (agentId: string) => {
    const a = colleagues.find((c) => c.agentId === agentId);
    return a ? `${a.employeeNo} ${a.name}` : agentId;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('desktop.title')}
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 12 }}>
            {agent.name} · {agent.employeeNo}
          </Typography.Text>
        </Typography.Title>
        <ConnectionBadge status={status} />
      </div>
      <StateBar
        agent={agent}
        now={now}
        notReadyReasons={floor.notReadyReasons}
        onState={(to, reason) => void command('POST', '/api/v1/desktop/state', { status: to, ...(reason ? { reason } : {}) })}
        onFinishWrapUp={() => void command('POST', '/api/v1/desktop/wrap-up/finish')}
        onExtendWrapUp={(seconds) => void command('POST', '/api/v1/desktop/wrap-up/extend', { seconds })}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <CallPanel
              agent={agent}
              call={call}
              queues={floor.queues}
              colleagues={colleagues}
              now={now}
              onAnswer={answer}
              onHangUp={async () => {
                const consult = call?.consult?.agentId === agent.agentId ? call.consult : null;
                const done = await command('POST', '/api/v1/desktop/hang-up');
                // Hanging up in a consultation hands the caller over: say to whom.
                if (done && consult) void message.info(t('desktop.hungUpInConsult', { name: agentName(consult.targetAgentId) }));
              }}
              onHold={() => void command('POST', '/api/v1/desktop/hold')}
              onRetrieve={() => void command('POST', '/api/v1/desktop/retrieve')}
              onTransfer={(request) => void command('POST', '/api/v1/desktop/transfer', request)}
              onConsult={(action) => void command('POST', `/api/v1/desktop/consult/${action}`)}
            />
            {agent.status === 'wrap_up' && agent.callId && !campaignResultPending && (
              <WrapUpForm
                callId={agent.callId}
                dispositions={dispositions}
                onSave={(values, finish) =>
                  command('POST', '/api/v1/desktop/disposition', {
                    callId: agent.callId,
                    code: values.code,
                    ...(values.resolved === undefined ? {} : { resolved: values.resolved }),
                    ...(values.note ? { note: values.note } : {}),
                    finish,
                  })
                }
              />
            )}
            <TaskPanel inWrapUp={agent.status === 'wrap_up'} onACall={onACall.has(agent.status)} onResultPending={setCampaignResultPending} />
            <ScreenPop callId={popCallId} dispositionLabel={dispositionLabel} />
            <DeskTickets callId={popCallId} queueId={call?.queueId ?? null} timeZone={floor.timeZone} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SoftphoneCard softphone={softphone} />
            <BriefingCard date={centerDate(now, floor.timeZone)} />
            <MyShiftCard date={centerDate(now, floor.timeZone)} />
            <MyDay agentId={agent.agentId} date={centerDate(now, floor.timeZone)} refreshKey={callsEnded} />
            <Card
              size="small"
              title={
                <Space>
                  <MessageOutlined />
                  {t('desktop.messages')}
                </Space>
              }
            >
              <List
                size="small"
                dataSource={[...messages].reverse()}
                locale={{ emptyText: t('desktop.noMessages') }}
                renderItem={(m) => (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <Space>
                          <Typography.Text strong>{m.fromName}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {timeOfDay(m.at, floor.timeZone)}
                          </Typography.Text>
                        </Space>
                      }
                      description={m.text}
                    />
                  </List.Item>
                )}
              />
            </Card>
            <Card size="small" title={t('desktop.shortcuts')}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <Typography.Text keyboard>Ctrl</Typography.Text> + <Typography.Text keyboard>Enter</Typography.Text> {t('desktop.answer')}
              </Typography.Paragraph>
              <Typography.Paragraph style={{ marginBottom: 0 }}>
                <Typography.Text keyboard>Ctrl</Typography.Text> + <Typography.Text keyboard>Backspace</Typography.Text> {t('desktop.hangUp')}
              </Typography.Paragraph>
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
