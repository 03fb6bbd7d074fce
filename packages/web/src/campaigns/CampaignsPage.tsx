import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Progress, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MetricInfo, Team } from '@banzu/contract';
import { formatDuration } from '@banzu/core';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { ExportButton } from '../download/index';

interface Campaign {
  id: string;
  name: string;
  status: 'draft' | 'running' | 'paused' | 'finished';
  teamId: string | null;
  counts: Record<string, number>;
  script?: string;
  /** The rules as stored; an edit sends them back whole with the form's changes. */
  rules?: Record<string, unknown> & { doNotCall?: string[] };
}
interface TeamRow {
  agentId: string;
  employeeNo: string;
  name: string;
  metrics: Record<string, number | null>;
  quota: { target: number; done: number; met: boolean };
  working: { customerName: string } | null;
}
interface ReportRow {
  agentId: string;
  employeeNo: string;
  name: string;
  period: string;
  metrics: Record<string, number | null>;
}
interface CreateValues {
  name: string;
  script?: string;
  teamId?: string;
  classCodes?: string[];
  tags?: string[];
  dialingMode: 'preview' | 'progressive';
  distribution: 'equal' | 'owner' | 'skill';
  maxAttempts: number;
  callbackTo: 'same_agent' | 'anyone';
  doNotCall?: string;
}

const statusColor: Record<Campaign['status'], string> = { draft: 'default', running: 'green', paused: 'orange', finished: 'blue' };
const shown = ['dials', 'connects', 'effectiveCalls', 'successes', 'refusalRate', 'outboundWorkTime', 'followUpsDue'];

/** A metric value as the page shows it: ratios as percentages, times as every page shows a duration, no data as —. */
function show(unit: string | undefined, v: number | null | undefined, language: string): string {
  if (v === null || v === undefined) return '—';
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'seconds') return formatDuration(v, language);
  return String(v);
}

/** The campaigns page for team leaders and managers: the list with start/pause, a new campaign from a customer filter, the team's progress, and the daily and monthly reports with Excel export. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Campaign | null>(null);
  const [preview, setPreview] = useState<{ customers: number; withoutPhone: number } | null>(null);
  const [form] = Form.useForm<CreateValues>();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [team, setTeam] = useState<TeamRow[]>([]);
  const [by, setBy] = useState<'day' | 'month'>('day');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [report, setReport] = useState<{ rows: ReportRow[]; metrics: MetricInfo[] } | null>(null);
  const english = i18n.language === 'en';
  const leader = user?.role === 'team_leader';

  const load = useCallback(() => {
    void api<Campaign[]>('GET', '/api/v1/campaigns').then(setCampaigns, () => setCampaigns([]));
  }, []);
  useEffect(() => {
    load();
    void api<Team[]>('GET', '/api/v1/teams').then(setTeams, () => setTeams([]));
  }, [load]);
  useEffect(() => {
    void api<{ rows: TeamRow[] }>('GET', `/api/v1/campaigns/reports/team?date=${date.format('YYYY-MM-DD')}`).then(
      (r) => setTeam(r.rows),
      () => setTeam([]),
    );
  }, [date]);
  const reportQuery = `from=${range[0].format('YYYY-MM-DD')}&to=${range[1].format('YYYY-MM-DD')}&by=${by}`;
  useEffect(() => {
    void api<{ rows: ReportRow[]; metrics: MetricInfo[] }>('GET', `/api/v1/campaigns/reports/agents?${reportQuery}`).then(setReport, () => setReport(null));
  }, [reportQuery]);

  const unit = (id: string) => report?.metrics.find((m) => m.id === id)?.unit;
  const metricName = (id: string) => {
    const m = report?.metrics.find((x) => x.id === id);
    return m ? (english ? m.en : m.zh) : id;
  };
  const act = async (id: string, path: string, body?: unknown) => {
    try {
      await api('POST', `/api/v1/campaigns/${id}/${path}`, body);
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };
  /** The rules the form sets; the others keep their defaults (new) or the draft's (edit). */
  const rulesOf = (v: CreateValues, base: Record<string, unknown> = {}) => ({
    ...base,
    dialingMode: v.dialingMode,
    distribution: v.distribution,
    maxAttempts: v.maxAttempts,
    callbackTo: v.callbackTo,
    doNotCall: (v.doNotCall ?? '')
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean),
  });
  const newCampaign = (v: CreateValues) => ({
    name: v.name,
    script: v.script ?? '',
    teamId: v.teamId ?? null,
    source: { kind: 'filter', classCodes: v.classCodes ?? [], tags: v.tags ?? [] },
    rules: rulesOf(v),
  });
  const close = () => {
    setCreating(false);
    setEditing(null);
    setPreview(null);
  };
  const openCreate = () => {
    form.resetFields();
    setPreview(null);
    setCreating(true);
  };
  const openEdit = (c: Campaign) => {
    form.resetFields();
    form.setFieldsValue({ ...(c.rules as Partial<CreateValues>), name: c.name, script: c.script ?? '', doNotCall: (c.rules?.doNotCall ?? []).join('\n') });
    setEditing(c);
  };
  const countCustomers = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      setPreview(await api<{ customers: number; withoutPhone: number }>('POST', '/api/v1/campaigns/preview', newCampaign(v)));
    } catch (err) {
      setPreview(null);
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (editing) {
        await api('PATCH', `/api/v1/campaigns/${editing.id}`, { name: v.name, script: v.script ?? '', rules: rulesOf(v, editing.rules) });
        void message.success(t('campaigns.saved'));
      } else {
        const created = await api<{ customers: number }>('POST', '/api/v1/campaigns', newCampaign(v));
        void message.success(t('campaigns.created', { n: created.customers }));
      }
      close();
      form.resetFields();
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };
  const remove = async (c: Campaign) => {
    try {
      await api('DELETE', `/api/v1/campaigns/${c.id}`);
      void message.success(t('campaigns.deleted'));
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };

  const teamName = (id: string | null) => (id === null ? t('campaigns.allTeams') : (teams.find((x) => x.id === id)?.name ?? id));
  const metricColumns = shown.map((id) => ({
    title: metricName(id),
    align: 'right' as const,
    render: (_: unknown, r: { metrics: Record<string, number | null> }) => show(unit(id), r.metrics[id], i18n.language),
  }));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('campaigns.title')}
      </Typography.Title>
      <Tabs
        items={[
          {
            key: 'list',
            label: t('campaigns.list'),
            children: (
              <Card
                size="small"
                extra={
                  <Button type="primary" onClick={openCreate}>
                    {t('campaigns.create')}
                  </Button>
                }
              >
                <Table<Campaign>
                  rowKey="id"
                  size="small"
                  dataSource={campaigns}
                  pagination={false}
                  columns={[
                    { title: t('campaigns.name'), dataIndex: 'name' },
                    { title: t('campaigns.team'), render: (_, c) => teamName(c.teamId) },
                    { title: t('campaigns.status'), render: (_, c) => <Tag color={statusColor[c.status]}>{t(`campaigns.statuses.${c.status}`)}</Tag> },
                    ...(['open', 'callback', 'done', 'exhausted', 'dnc'] as const).map((k) => ({
                      title: t(`campaigns.counts.${k}`),
                      align: 'right' as const,
                      render: (_: unknown, c: Campaign) => c.counts[k] ?? 0,
                    })),
                    {
                      title: '',
                      render: (_, c) => (
                        <Space>
                          {c.status !== 'running' && c.status !== 'finished' && (
                            <Button size="small" type="primary" onClick={() => void act(c.id, 'status', { status: 'running' })}>
                              {t('campaigns.start')}
                            </Button>
                          )}
                          {c.status === 'running' && (
                            <Button size="small" onClick={() => void act(c.id, 'status', { status: 'paused' })}>
                              {t('campaigns.pause')}
                            </Button>
                          )}
                          {c.status === 'running' && (
                            <Button size="small" onClick={() => void act(c.id, 'distribute')}>
                              {t('campaigns.distribute')}
                            </Button>
                          )}
                          {c.status === 'draft' && (
                            <Button size="small" onClick={() => openEdit(c)}>
                              {t('campaigns.edit')}
                            </Button>
                          )}
                          {c.status === 'draft' && (
                            <Popconfirm
                              title={t('campaigns.deleteConfirm', { name: c.name })}
                              okText={t('campaigns.delete')}
                              cancelText={t('campaigns.keep')}
                              onConfirm={() => void remove(c)}
                            >
                              <Button size="small" danger>
                                {t('campaigns.delete')}
                              </Button>
                            </Popconfirm>
                          )}
                          <ExportButton size="small" href={`/api/v1/campaigns/${c.id}/numbers?format=xlsx&lang=${i18n.language}`}>
                            {t('campaigns.numbers')}
                          </ExportButton>
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'team',
            label: t('campaigns.teamView'),
            children: (
              <Card
                size="small"
                extra={
                  <Space>
                    <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
                    <ExportButton href={`/api/v1/campaigns/reports/team?date=${date.format('YYYY-MM-DD')}&format=xlsx&lang=${i18n.language}`}>{t('campaigns.export')}</ExportButton>
                  </Space>
                }
              >
                <Table<TeamRow>
                  rowKey="agentId"
                  size="small"
                  pagination={false}
                  dataSource={team}
                  columns={[
                    { title: t('campaigns.agent'), render: (_, r) => `${r.employeeNo} ${r.name}` },
                    {
                      title: t('campaigns.quotaTitle'),
                      render: (_, r) => (
                        <Space>
                          <Progress
                            type="circle"
                            size={28}
                            percent={r.quota.target > 0 ? Math.round((r.quota.done / r.quota.target) * 100) : 100}
                            status={r.quota.met ? 'success' : 'normal'}
                            showInfo={false}
                          />
                          {t('campaigns.quota', { done: r.quota.done, target: r.quota.target })}
                        </Space>
                      ),
                    },
                    ...metricColumns,
                    { title: t('campaigns.working'), render: (_, r) => r.working?.customerName ?? '' },
                  ]}
                />
              </Card>
            ),
          },
          {
            key: 'reports',
            label: t('campaigns.reports'),
            children: (
              <Card
                size="small"
                extra={
                  <Space>
                    <Select
                      value={by}
                      onChange={setBy}
                      style={{ width: 100 }}
                      options={[
                        { value: 'day', label: t('campaigns.byDay') },
                        { value: 'month', label: t('campaigns.byMonth') },
                      ]}
                    />
                    <DatePicker.RangePicker value={range} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} allowClear={false} />
                    <ExportButton href={`/api/v1/campaigns/reports/agents?${reportQuery}&format=xlsx&lang=${i18n.language}`}>{t('campaigns.export')}</ExportButton>
                  </Space>
                }
              >
                <Table<ReportRow>
                  rowKey={(r) => `${r.agentId}|${r.period}`}
                  size="small"
                  pagination={false}
                  dataSource={report?.rows ?? []}
                  columns={[
                    { title: t('campaigns.period'), dataIndex: 'period' },
                    { title: t('campaigns.agent'), render: (_, r) => `${r.employeeNo} ${r.name}` },
                    ...metricColumns,
                  ]}
                />
              </Card>
            ),
          },
        ]}
      />
      <Modal
        open={creating || editing !== null}
        title={editing ? t('campaigns.editTitle', { name: editing.name }) : t('campaigns.create')}
        onCancel={close}
        onOk={() => void save()}
        width={640}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ dialingMode: 'preview', distribution: 'equal', maxAttempts: 3, callbackTo: 'same_agent', classCodes: ['prospect'] }}>
          <Form.Item name="name" label={t('campaigns.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          {editing ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('campaigns.sourceFixed')} />
          ) : (
            <>
              {!leader && (
                <Form.Item name="teamId" label={t('campaigns.team')} rules={[{ required: true }]}>
                  <Select options={teams.map((x) => ({ value: x.id, label: x.name }))} />
                </Form.Item>
              )}
              <Form.Item name="classCodes" label={t('campaigns.classes')}>
                <Select
                  mode="multiple"
                  options={[
                    { value: 'prospect', label: english ? 'Prospect' : '意向客户' },
                    { value: 'high_value', label: english ? 'High value' : '优质客户' },
                    { value: 'ordinary', label: english ? 'Ordinary' : '普通客户' },
                  ]}
                />
              </Form.Item>
              <Form.Item name="tags" label={t('campaigns.tags')}>
                <Select mode="tags" />
              </Form.Item>
              <Space style={{ marginBottom: 16 }} wrap>
                <Button onClick={() => void countCustomers()}>{t('campaigns.preview')}</Button>
                {preview && (
                  <Typography.Text data-testid="campaign-preview">
                    {t('campaigns.previewResult', { n: preview.customers })}
                    {preview.withoutPhone > 0 && `；${t('campaigns.previewWithoutPhone', { n: preview.withoutPhone })}`}
                  </Typography.Text>
                )}
              </Space>
            </>
          )}
          <Form.Item name="script" label={t('campaigns.script')}>
            <Input.TextArea rows={4} maxLength={20_000} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="dialingMode" label={t('campaigns.dialingMode')}>
              <Select style={{ width: 140 }} options={(['preview', 'progressive'] as const).map((m) => ({ value: m, label: t(`campaigns.modes.${m}`) }))} />
            </Form.Item>
            <Form.Item name="distribution" label={t('campaigns.distribution')}>
              <Select style={{ width: 140 }} options={(['equal', 'owner'] as const).map((m) => ({ value: m, label: t(`campaigns.rules.${m}`) }))} />
            </Form.Item>
            <Form.Item name="maxAttempts" label={t('campaigns.maxAttempts')}>
              <InputNumber min={1} max={50} />
            </Form.Item>
            <Form.Item name="callbackTo" label={t('campaigns.callbackTo')}>
              <Select style={{ width: 140 }} options={(['same_agent', 'anyone'] as const).map((m) => ({ value: m, label: t(`campaigns.callbackTos.${m}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item name="doNotCall" label={t('campaigns.doNotCall')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
