import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DisciplinePoint, DisciplinePointPage, DisciplineProposal, DisciplineRuleView, ModelAgent, Praise, Profile, Role, Team } from '@banzu/contract';
import { api } from '../api/client';
import { centerDateTime, useCenterTimeZone, useRefusal } from '../api/center';
import { useAuth } from '../auth/AuthProvider';
import { disciplineEn, disciplineZh, fill } from './messages';
import { initialLanguage } from '../i18n/index';
import { ExportButton } from '../download/index';

const deciders: ReadonlySet<Role> = new Set(['team_leader', 'supervisor', 'manager', 'admin']);
const catalogueEditors: ReadonlySet<Role> = new Set(['manager', 'admin']);
const statusColors = { recorded: 'blue', contested: 'orange', upheld: 'red', withdrawn: 'default' } as const;

function useTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? disciplineEn : disciplineZh;
}

/** Sends a change, says 已保存, then tidies the dialog and reloads; a refusal is shown and the dialog stays. */
function useSave(reload: () => void): (request: () => Promise<unknown>, done?: () => void) => Promise<void> {
  const m = useTexts();
  const { message } = App.useApp();
  const refuse = useRefusal();
  return async (request, done) => {
    try {
      await request();
      message.success(m.saved);
      done?.();
      reload();
    } catch (err) {
      refuse(err);
    }
  };
}

/** 扣分与表扬: the leader's month of items, proposals, contests, praise and model agent; an agent's own points. */
export function DisciplinePage() {
  const { user } = useAuth();
  const m = useTexts();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  if (!user) return null;
  const picker = (
    <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d: Dayjs | null) => d && setMonth(d.format('YYYY-MM'))} aria-label={m.month} />
  );
  return (
    <Card title={m.title} extra={picker}>
      {user.role === 'agent' ? <AgentView month={month} /> : <LeaderView month={month} user={user} />}
    </Card>
  );
}

/** The agent's own month: points with a contest button, praise, and the team's model agent. */
function AgentView({ month }: { month: string }) {
  const m = useTexts();
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const fail = useRefusal();
  const [page, setPage] = useState<DisciplinePointPage | null>(null);
  const [praise, setPraise] = useState<Praise[]>([]);
  const [models, setModels] = useState<ModelAgent[]>([]);
  const [contesting, setContesting] = useState<DisciplinePoint | null>(null);
  const [reason, setReason] = useState('');

  const load = useCallback(() => {
    api<DisciplinePointPage>('GET', `/api/v1/discipline/points?month=${month}`).then(setPage, fail);
    api<{ items: Praise[] }>('GET', `/api/v1/discipline/praise?month=${month}`).then((r) => setPraise(r.items), fail);
    api<{ items: ModelAgent[] }>('GET', '/api/v1/discipline/model-agent').then((r) => setModels(r.items), fail);
  }, [month, fail]);
  useEffect(load, [load]);
  const save = useSave(load);

  const contest = async () => {
    if (!contesting) return;
    await save(
      () => api('POST', `/api/v1/discipline/points/${contesting.id}/contest`, { reason }),
      () => {
        setContesting(null);
        setReason('');
      },
    );
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ModelBanner model={models[0] ?? null} title={m.teamModel} />
      <Typography.Title level={5}>{fill(m.total, { total: page?.total ?? 0 })}</Typography.Title>
      <Table<DisciplinePoint>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={page?.items ?? []}
        locale={{ emptyText: m.none }}
        columns={[
          { title: m.columns.occurredAt, render: (_, p) => centerDateTime(p.occurredAt, timeZone) },
          { title: m.columns.rule, render: (_, p) => `${p.ruleCode} ${p.ruleText}` },
          { title: m.columns.points, dataIndex: 'points' },
          { title: m.columns.status, render: (_, p) => <Tag color={statusColors[p.status]}>{m.status[p.status]}</Tag> },
          { title: m.columns.note, dataIndex: 'note' },
          { title: m.columns.recordedBy, dataIndex: 'recordedByName' },
          {
            title: m.columns.decision,
            render: (_, p) =>
              p.status === 'recorded' ? (
                <Button size="small" onClick={() => setContesting(p)}>
                  {m.contest}
                </Button>
              ) : (
                (p.contestReason ?? '')
              ),
          },
        ]}
      />
      <Typography.Title level={5}>{m.myPraise}</Typography.Title>
      <PraiseList items={praise} timeZone={timeZone} />
      <Modal open={contesting !== null} title={m.contest} onOk={contest} onCancel={() => setContesting(null)} okButtonProps={{ disabled: reason.trim() === '' }}>
        <Form layout="vertical">
          <Form.Item label={m.contestReason} htmlFor="discipline-contest-reason">
            <Input.TextArea id="discipline-contest-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function ModelBanner({ model, title }: { model: ModelAgent | null; title: string }) {
  const m = useTexts();
  return (
    <Card size="small" title={title}>
      {model ? (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{fill(m.modelOf, { week: model.week, name: model.agentName })}</Typography.Text>
          {model.reason && <Typography.Text>{model.reason}</Typography.Text>}
          <Typography.Text type="secondary">{fill(m.chosenBy, { name: model.chosenByName })}</Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">{m.modelNone}</Typography.Text>
      )}
    </Card>
  );
}

function PraiseList({ items, timeZone }: { items: Praise[]; timeZone: string }) {
  const m = useTexts();
  return (
    <Table<Praise>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items}
      locale={{ emptyText: m.none }}
      columns={[
        { title: m.columns.occurredAt, render: (_, p) => centerDateTime(p.occurredAt, timeZone) },
        { title: m.columns.agent, dataIndex: 'agentName' },
        { title: m.columns.text, dataIndex: 'text' },
        { title: m.columns.recordedBy, dataIndex: 'recordedByName' },
      ]}
    />
  );
}

/** The leader's team (a floor-wide role picks one): the month, proposals, model agent, praise and the catalogue. */
function LeaderView({ month, user }: { month: string; user: Profile }) {
  const m = useTexts();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string | undefined>(user.teamId ?? undefined);
  useEffect(() => {
    if (user.teamId) return;
    void api<Team[]>('GET', '/api/v1/teams').then((list) => {
      setTeams(list);
      setTeamId((current) => current ?? list[0]?.id);
    });
  }, [user.teamId]);
  const isDecider = deciders.has(user.role);
  const tabs = [
    ...(teamId
      ? [
          { key: 'month', label: m.tabs.month, children: <MonthTab month={month} teamId={teamId} canDecide={isDecider} /> },
          ...(isDecider ? [{ key: 'proposals', label: m.tabs.proposals, children: <ProposalsTab month={month} teamId={teamId} /> }] : []),
          { key: 'model', label: m.tabs.model, children: <ModelTab teamId={teamId} canChoose={isDecider} /> },
          { key: 'praise', label: m.tabs.praise, children: <PraiseTab month={month} teamId={teamId} /> },
        ]
      : []),
    { key: 'rules', label: m.tabs.rules, children: <RulesTab editable={catalogueEditors.has(user.role)} /> },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {!user.teamId && (
        <Select aria-label={m.team} style={{ minWidth: 200 }} value={teamId} onChange={setTeamId} options={teams.map((team) => ({ value: team.id, label: team.name }))} />
      )}
      <Tabs destroyOnHidden items={tabs} />
    </Space>
  );
}

const teamQuery = (month: string, teamId: string) => `month=${month}&teamId=${encodeURIComponent(teamId)}`;

function useActiveRules(): DisciplineRuleView[] {
  const [rules, setRules] = useState<DisciplineRuleView[]>([]);
  useEffect(() => void api<DisciplineRuleView[]>('GET', '/api/v1/discipline/rules').then((list) => setRules(list.filter((r) => r.active))), []);
  return rules;
}

/** The team's month: totals per agent, every item with its contest and decision, recording an item or praise, the Excel export. */
function MonthTab({ month, teamId, canDecide }: { month: string; teamId: string; canDecide: boolean }) {
  const m = useTexts();
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const fail = useRefusal();
  const rules = useActiveRules();
  const [page, setPage] = useState<DisciplinePointPage | null>(null);
  const [recording, setRecording] = useState(false);
  const [praising, setPraising] = useState(false);
  const [deciding, setDeciding] = useState<{ point: DisciplinePoint; decision: 'uphold' | 'withdraw' } | null>(null);
  const [decisionNote, setDecisionNote] = useState('');
  const [form] = Form.useForm<{ agentId: string; ruleCode: string; occurredAt: Dayjs; note?: string }>();
  const [praiseForm] = Form.useForm<{ agentId: string; text: string }>();

  const load = useCallback(() => {
    api<DisciplinePointPage>('GET', `/api/v1/discipline/points?${teamQuery(month, teamId)}`).then(setPage, fail);
  }, [month, teamId, fail]);
  useEffect(load, [load]);
  const save = useSave(load);

  const agents = (page?.totals ?? []).map((a) => ({ value: a.agentId, label: `${a.employeeNo ?? ''} ${a.agentName}`.trim() }));
  const record = async () => {
    const values = await form.validateFields();
    await save(
      () => api('POST', '/api/v1/discipline/points', { agentId: values.agentId, ruleCode: values.ruleCode, occurredAt: values.occurredAt.toISOString(), note: values.note ?? '' }),
      () => {
        setRecording(false);
        form.resetFields();
      },
    );
  };
  const givePraise = async () => {
    const values = await praiseForm.validateFields();
    await save(
      () => api('POST', '/api/v1/discipline/praise', values),
      () => {
        setPraising(false);
        praiseForm.resetFields();
      },
    );
  };
  const decide = async () => {
    if (!deciding) return;
    await save(
      () => api('POST', `/api/v1/discipline/points/${deciding.point.id}/${deciding.decision}`, { note: decisionNote }),
      () => {
        setDeciding(null);
        setDecisionNote('');
      },
    );
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => setRecording(true)}>
          {m.record}
        </Button>
        <Button onClick={() => setPraising(true)}>{m.praise}</Button>
        {canDecide && <ExportButton href={`/api/v1/discipline/points/export.xlsx?${teamQuery(month, teamId)}&lang=${initialLanguage()}`}>{m.export}</ExportButton>}
        <Typography.Text strong>{fill(m.total, { total: page?.total ?? 0 })}</Typography.Text>
      </Space>
      <Table
        rowKey="agentId"
        size="small"
        pagination={false}
        dataSource={page?.totals ?? []}
        columns={[
          { title: m.columns.employeeNo, dataIndex: 'employeeNo' },
          { title: m.columns.agent, dataIndex: 'agentName' },
          { title: m.columns.total, dataIndex: 'total' },
          { title: m.columns.items, dataIndex: 'items' },
          { title: m.columns.praise, dataIndex: 'praise' },
        ]}
      />
      <Table<DisciplinePoint>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        dataSource={page?.items ?? []}
        locale={{ emptyText: m.none }}
        columns={[
          { title: m.columns.occurredAt, render: (_, p) => centerDateTime(p.occurredAt, timeZone) },
          { title: m.columns.agent, render: (_, p) => `${p.employeeNo ?? ''} ${p.agentName}`.trim() },
          { title: m.columns.rule, render: (_, p) => `${p.ruleCode} ${p.ruleText}` },
          { title: m.columns.points, dataIndex: 'points' },
          { title: m.columns.status, render: (_, p) => <Tag color={statusColors[p.status]}>{m.status[p.status]}</Tag> },
          { title: m.columns.note, dataIndex: 'note' },
          { title: m.columns.contest, render: (_, p) => p.contestReason ?? '' },
          { title: m.columns.recordedBy, dataIndex: 'recordedByName' },
          {
            title: m.columns.decision,
            render: (_, p) =>
              !canDecide || p.status === 'withdrawn' ? (
                (p.decisionNote ?? '')
              ) : (
                <Space>
                  {p.status === 'contested' && (
                    <Button size="small" onClick={() => setDeciding({ point: p, decision: 'uphold' })}>
                      {m.uphold}
                    </Button>
                  )}
                  <Button size="small" danger onClick={() => setDeciding({ point: p, decision: 'withdraw' })}>
                    {m.withdraw}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={recording} title={m.record} onOk={record} onCancel={() => setRecording(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ occurredAt: dayjs() }}>
          <Form.Item name="agentId" label={m.agentField} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={agents} />
          </Form.Item>
          <Form.Item name="ruleCode" label={m.ruleField} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={rules.map((r) => ({ value: r.code, label: `${r.code} ${r.text}(${fill(m.pointsUnit, { points: r.points })})` }))}
            />
          </Form.Item>
          <Form.Item name="occurredAt" label={m.timeField} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Form.Item name="note" label={m.noteField}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={praising} title={m.praise} onOk={givePraise} onCancel={() => setPraising(false)} destroyOnHidden>
        <Form form={praiseForm} layout="vertical">
          <Form.Item name="agentId" label={m.agentField} rules={[{ required: true }]}>
            <Select showSearch optionFilterProp="label" options={agents} />
          </Form.Item>
          <Form.Item name="text" label={m.praiseText} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={deciding !== null} title={deciding ? m[deciding.decision] : ''} onOk={decide} onCancel={() => setDeciding(null)}>
        <Form layout="vertical">
          <Form.Item label={m.decisionNote} htmlFor="discipline-decision-note">
            <Input.TextArea id="discipline-decision-note" value={decisionNote} onChange={(e) => setDecisionNote(e.target.value)} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** What the system found in its data, for the leader to accept (recorded as an item) or dismiss. */
function ProposalsTab({ month, teamId }: { month: string; teamId: string }) {
  const m = useTexts();
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const fail = useRefusal();
  const [items, setItems] = useState<DisciplineProposal[] | null>(null);
  const load = useCallback(() => {
    api<{ items: DisciplineProposal[] }>('GET', `/api/v1/discipline/proposals?${teamQuery(month, teamId)}`).then((r) => setItems(r.items), fail);
  }, [month, teamId, fail]);
  useEffect(load, [load]);
  const act = async (p: DisciplineProposal, decision: 'accept' | 'dismiss') => {
    try {
      await api('POST', `/api/v1/discipline/proposals/${p.id}/${decision}`, {});
      load();
    } catch (err) {
      fail(err);
    }
  };
  const found = (p: DisciplineProposal) =>
    p.kind === 'late_login' ? fill(m.lateLogin, { minutes: p.detail.lateMinutes ?? 0 }) : p.detail.reason === 'no_answer' ? m.noAnswer : m.noReason;
  if (items !== null && items.length === 0) return <Empty description={m.noProposals} />;
  return (
    <Table<DisciplineProposal>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={items ?? []}
      columns={[
        { title: m.columns.occurredAt, render: (_, p) => centerDateTime(p.occurredAt, timeZone) },
        { title: m.columns.agent, dataIndex: 'agentName' },
        { title: m.columns.found, render: (_, p) => found(p) },
        { title: m.columns.rule, render: (_, p) => `${p.ruleCode} ${p.ruleText}` },
        { title: m.columns.points, dataIndex: 'points' },
        {
          title: m.columns.decision,
          render: (_, p) => (
            <Space>
              <Button size="small" type="primary" onClick={() => act(p, 'accept')}>
                {m.accept}
              </Button>
              <Button size="small" onClick={() => act(p, 'dismiss')}>
                {m.dismiss}
              </Button>
            </Space>
          ),
        },
      ]}
    />
  );
}

/** 树标杆: the team's model agent of the week, chosen by the leader. */
function ModelTab({ teamId, canChoose }: { teamId: string; canChoose: boolean }) {
  const m = useTexts();
  const fail = useRefusal();
  const [models, setModels] = useState<ModelAgent[]>([]);
  const [agents, setAgents] = useState<{ value: string; label: string }[]>([]);
  const [agentId, setAgentId] = useState<string>();
  const [reason, setReason] = useState('');
  const load = useCallback(() => {
    api<{ items: ModelAgent[] }>('GET', `/api/v1/discipline/model-agent?teamId=${encodeURIComponent(teamId)}`).then((r) => setModels(r.items), fail);
    api<DisciplinePointPage>('GET', `/api/v1/discipline/points?teamId=${encodeURIComponent(teamId)}`).then(
      (p) => setAgents(p.totals.map((a) => ({ value: a.agentId, label: `${a.employeeNo ?? ''} ${a.agentName}`.trim() }))),
      fail,
    );
  }, [teamId, fail]);
  useEffect(load, [load]);
  const save = useSave(load);
  const choose = async () => {
    await save(
      () => api('PUT', '/api/v1/discipline/model-agent', { agentId, reason }),
      () => {
        setReason('');
      },
    );
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ModelBanner model={models[0] ?? null} title={m.model} />
      {canChoose && (
        <Space wrap>
          <Select aria-label={m.agentField} style={{ minWidth: 180 }} value={agentId} onChange={setAgentId} options={agents} />
          <Input aria-label={m.modelReason} placeholder={m.modelReason} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 280 }} />
          <Button type="primary" disabled={!agentId} onClick={choose}>
            {m.chooseModel}
          </Button>
        </Space>
      )}
      <Table<ModelAgent>
        rowKey="week"
        size="small"
        pagination={false}
        dataSource={models}
        columns={[
          { title: m.week, dataIndex: 'week' },
          { title: m.columns.agent, dataIndex: 'agentName' },
          { title: m.modelReason, dataIndex: 'reason' },
          { title: m.columns.recordedBy, dataIndex: 'chosenByName' },
        ]}
      />
    </Space>
  );
}

function PraiseTab({ month, teamId }: { month: string; teamId: string }) {
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const fail = useRefusal();
  const [items, setItems] = useState<Praise[]>([]);
  useEffect(() => {
    api<{ items: Praise[] }>('GET', `/api/v1/discipline/praise?${teamQuery(month, teamId)}`).then((r) => setItems(r.items), fail);
  }, [month, teamId, fail]);
  return <PraiseList items={items} timeZone={timeZone} />;
}

/** The catalogue (扣分细则): everyone reads it; the center adds rules, changes points and switches rules off. */
function RulesTab({ editable }: { editable: boolean }) {
  const m = useTexts();
  const fail = useRefusal();
  const [rules, setRules] = useState<DisciplineRuleView[]>([]);
  const [editing, setEditing] = useState<DisciplineRuleView | 'new' | null>(null);
  const [form] = Form.useForm<{ code: string; text: string; points: number; category: string; active: boolean }>();
  const load = useCallback(() => {
    api<DisciplineRuleView[]>('GET', '/api/v1/discipline/rules').then(setRules, fail);
  }, [fail]);
  useEffect(load, [load]);
  const send = useSave(load);
  const open = (rule: DisciplineRuleView | 'new') => {
    setEditing(rule);
    form.setFieldsValue(rule === 'new' ? { code: '', text: '', points: 2, category: '工作纪律', active: true } : rule);
  };
  const save = async () => {
    const { code, ...body } = await form.validateFields();
    await send(
      () =>
        api('PUT', `/api/v1/discipline/rules/${encodeURIComponent(code)}`, {
          ...body,
          afterWarning: editing !== 'new' && editing !== null ? editing.afterWarning : false,
        }),
      () => setEditing(null),
    );
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {editable && <Button onClick={() => open('new')}>{m.addRule}</Button>}
      <Table<DisciplineRuleView>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rules}
        columns={[
          { title: m.columns.code, dataIndex: 'code' },
          { title: m.columns.rule, render: (_, r) => (r.afterWarning ? `${r.text}(${m.afterWarning})` : r.text) },
          { title: m.columns.points, dataIndex: 'points' },
          { title: m.columns.category, dataIndex: 'category' },
          { title: m.columns.active, render: (_, r) => (r.active ? '✓' : '—') },
          { title: m.columns.source, dataIndex: 'source' },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'edit',
                  render: (_: unknown, r: DisciplineRuleView) => (
                    <Button size="small" onClick={() => open(r)}>
                      {m.editRule}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? m.addRule : m.editRule} onOk={save} onCancel={() => setEditing(null)} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="code" label={m.columns.code} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,20}$/ }]}>
            <Input disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="text" label={m.columns.rule} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="points" label={m.columns.points} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.5} />
          </Form.Item>
          <Form.Item name="category" label={m.columns.category} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="active" label={m.columns.active} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
