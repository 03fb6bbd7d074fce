import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Card, Col, Form, Input, Modal, Row, Space, Spin, Typography } from 'antd';
import { AlertOutlined, AppstoreOutlined, LineChartOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CenterSettings, FloorAgent } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { ConnectionBadge } from '../live/ConnectionBadge';
import { timeOfDay } from '../live/format';
import { useFloor, useNow, type ConnectionStatus } from '../live/FloorProvider';
import type { FloorState } from '../live/reducer';
import { onCall } from '../live/status';
import { useCommand } from '../live/useCommand';
import { agentActions } from './actions';
import { AgentGrid, type AgentAction, type MonitorMode } from './AgentGrid';
import { AdherenceList } from './AdherenceList';
import { AlertsList } from './AlertsList';
import { MonitorBanner } from './MonitorBanner';
import { liveMonitorEn, liveMonitorZh } from './monitor-messages';
import { SwitchBanner } from './SwitchBanner';
import { IntervalChart } from './IntervalChart';
import { QueueTiles } from './QueueTiles';
import { QaStars } from '../qa/QaStars';

/**
 * The team leader's wallboard (班组长现场监控): queues, the team's agents, today's calls, alerts, actions.
 * For QA it is 实时监听: every team's agents, and only monitoring (whisper and barge when the center allows).
 */
export function WallboardPage() {
  const { t } = useTranslation();
  const { floor, status } = useFloor();
  if (!floor) return <Spin tip={t('live.loading')} fullscreen />;
  return <Wallboard floor={floor} status={status} />;
}

function Wallboard({ floor, status }: { floor: FloorState; status: ConnectionStatus }) {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const qa = user?.role === 'qa';
  const live = i18n.language === 'en' ? liveMonitorEn : liveMonitorZh;
  // Whether QA may whisper and barge is the center's setting; until it is read, QA only listens.
  const [qaMayWhisperAndBarge, setQaMayWhisperAndBarge] = useState(false);
  useEffect(() => {
    if (qa) void api<CenterSettings>('GET', '/api/v1/center/settings').then((s) => setQaMayWhisperAndBarge(s.qaMayWhisperAndBarge));
  }, [qa]);
  const allowed = useMemo(() => agentActions(user?.role ?? 'team_leader', qaMayWhisperAndBarge), [user?.role, qaMayWhisperAndBarge]);
  const { message } = App.useApp();
  const command = useCommand();
  const now = useNow(floor.clockOffset);
  const [messageTo, setMessageTo] = useState<FloorAgent | null>(null);
  const [monitoring, setMonitoring] = useState<{ callId: string; mode: MonitorMode; agent: FloorAgent } | null>(null);

  const agents = useMemo(() => [...floor.agents].sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)), [floor.agents]);
  const counts = { ready: 0, talking: 0, notReady: 0, wrapUp: 0, loggedIn: 0, total: agents.length };
  for (const a of agents) {
    if (a.status !== 'logged_out') counts.loggedIn++;
    if (a.status === 'ready') counts.ready++;
    else if (onCall(a.status) || a.status === 'ringing' || a.status === 'dialing') counts.talking++;
    else if (a.status === 'not_ready') counts.notReady++;
    else if (a.status === 'wrap_up') counts.wrapUp++;
  }
  const names = useMemo(
    () => new Map<string, string>([...floor.queues.map((q) => [q.queueId, q.name] as const), ...agents.map((a) => [a.agentId, `${a.employeeNo} ${a.name}`] as const)]),
    [floor.queues, agents],
  );
  const subjectName = useCallback((id: string) => names.get(id) ?? id, [names]);
  // The monitored call is gone once it ends; the banner goes with it.
  const monitored = monitoring && floor.calls.some((c) => c.callId === monitoring.callId) ? monitoring : null;

  // One callback for every card (command, message and t keep their identity), so a patch redraws
  // only the cards whose agents changed.
  const onAction = useCallback(
    async (agent: FloorAgent, action: AgentAction) => {
      if (action.kind === 'message') return setMessageTo(agent);
      if (action.kind === 'force') {
        const ok = await command('POST', `/api/v1/floor/agents/${agent.agentId}/state`, { status: action.status, ...(action.reason ? { reason: action.reason } : {}) });
        if (ok) void message.success(t('wallboard.done'));
        return;
      }
      if (!agent.callId) return;
      if (await command('POST', `/api/v1/floor/calls/${agent.callId}/monitor`, { mode: action.mode })) {
        setMonitoring({ callId: agent.callId, mode: action.mode, agent });
      }
    },
    [command, message, t],
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {qa ? live.title : t('wallboard.title')}
        </Typography.Title>
        <Space size="large">
          <Typography.Text type="secondary" className="tabular">
            {timeOfDay(now, floor.timeZone)}
          </Typography.Text>
          <ConnectionBadge status={status} />
        </Space>
      </div>
      <SwitchBanner />
      {qa && <Alert type="info" showIcon title={qaMayWhisperAndBarge ? live.whisperAllowed : live.listenOnly} />}
      {monitored && (
        <MonitorBanner
          mode={monitored.mode}
          agentName={`${monitored.agent.employeeNo} ${monitored.agent.name}`}
          onStop={async () => {
            if (await command('DELETE', `/api/v1/floor/calls/${monitored.callId}/monitor`)) setMonitoring(null);
          }}
        />
      )}
      <QueueTiles queues={floor.queues} now={now} thresholds={floor.thresholds} serviceLevel={floor.serviceLevel} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Card
            size="small"
            title={
              <Space>
                <AppstoreOutlined />
                {t('wallboard.agents')}
              </Space>
            }
            extra={<Typography.Text type="secondary">{t('wallboard.summary', counts)}</Typography.Text>}
          >
            <AgentGrid
              agents={agents}
              now={now}
              thresholds={floor.thresholds}
              notReadyReasons={floor.notReadyReasons}
              graceMinutes={floor.attendanceGraceMinutes ?? 5}
              onAction={onAction}
              allowed={allowed}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <Card
              size="small"
              title={
                <Space>
                  <AlertOutlined />
                  {t('wallboard.alerts')}
                </Space>
              }
              styles={{ body: { maxHeight: 260, overflow: 'auto', paddingTop: 4, paddingBottom: 4 } }}
            >
              <AlertsList alerts={floor.alerts} subjectName={subjectName} timeZone={floor.timeZone} />
            </Card>
            <Card
              size="small"
              title={
                <Space>
                  <ScheduleOutlined />
                  {t('adherence.title')}
                </Space>
              }
              styles={{ body: { maxHeight: 260, overflow: 'auto', paddingTop: 4, paddingBottom: 4 } }}
            >
              <AdherenceList agents={agents} now={now} graceMinutes={floor.attendanceGraceMinutes ?? 5} />
            </Card>
            <Card
              size="small"
              title={
                <Space>
                  <LineChartOutlined />
                  {t('wallboard.chart')}
                </Space>
              }
            >
              <IntervalChart intervals={floor.intervals} timeZone={floor.timeZone} />
            </Card>
            <QaStars />
          </Space>
        </Col>
      </Row>
      <MessageDialog agent={messageTo} onClose={() => setMessageTo(null)} />
    </Space>
  );
}

function MessageDialog({ agent, onClose }: { agent: FloorAgent | null; onClose(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string }>();
  const [busy, setBusy] = useState(false);
  const send = async ({ text }: { text: string }) => {
    if (!agent) return;
    setBusy(true);
    try {
      await api('POST', `/api/v1/floor/agents/${agent.agentId}/messages`, { text });
      void message.success(t('wallboard.sent'));
      onClose();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={agent !== null}
      title={agent ? t('wallboard.messageTo', { name: `${agent.employeeNo} ${agent.name}` }) : ''}
      okText={t('wallboard.send')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} onFinish={send} preserve={false}>
        <Form.Item name="text" rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('wallboard.messagePlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
