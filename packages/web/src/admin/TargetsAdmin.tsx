import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { MetricInfo, Profile, Queue, Team } from '@banzu/contract';
import { formatDuration, type MetricTarget } from '@banzu/core';
import { api } from '../api/client';

type Scope = MetricTarget['scope'];
const scopes: Scope[] = ['center', 'team', 'queue', 'agent'];

interface TargetValues {
  metricId: string;
  scope: Scope;
  scopeId?: string;
  /** Percent for a ratio (80 for 0.8), the metric's own unit otherwise. */
  value: number;
}

const targetKey = (t: Pick<MetricTarget, 'metricId' | 'scope' | 'scopeId'>) => `${t.metricId}|${t.scope}|${t.scopeId}`;

/**
 * 指标目标: the targets per metric for the whole center, a team, a queue or an agent, which the
 * targets report and the scorecards measure against; set, changed or removed by a manager.
 *
 * @example
 * <TargetsAdmin />
 */
export function TargetsAdmin() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [targets, setTargets] = useState<MetricTarget[]>([]);
  const [metrics, setMetrics] = useState<MetricInfo[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [agents, setAgents] = useState<Profile[]>([]);
  const [editing, setEditing] = useState<MetricTarget | 'new' | null>(null);
  const [form] = Form.useForm<TargetValues>();
  const scope = Form.useWatch('scope', form);
  const metricId = Form.useWatch('metricId', form);

  const load = useCallback(() => void api<MetricTarget[]>('GET', '/api/v1/targets').then(setTargets), []);
  useEffect(() => {
    load();
    void api<MetricInfo[]>('GET', '/api/v1/metrics').then(setMetrics);
    void api<Team[]>('GET', '/api/v1/teams').then(setTeams);
    void api<Queue[]>('GET', '/api/v1/queues').then(setQueues);
    void api<Profile[]>('GET', '/api/v1/users').then((users) => setAgents(users.filter((u) => u.role === 'agent')));
  }, [load]);

  const metricOf = useMemo(() => new Map(metrics.map((m) => [m.id, m])), [metrics]);
  const english = i18n.language === 'en';
  const metricName = (id: string) => {
    const m = metricOf.get(id);
    return m ? (english ? m.en : m.zh) : id;
  };
  const choices: Record<Exclude<Scope, 'center'>, { value: string; label: string }[]> = {
    team: teams.map((x) => ({ value: x.id, label: x.name })),
    queue: queues.map((x) => ({ value: x.id, label: x.name })),
    agent: agents.map((x) => ({ value: x.id, label: x.employeeNo ? `${x.employeeNo} ${x.displayName}` : x.displayName })),
  };
  const scopeName = (target: MetricTarget) => (target.scope === 'center' ? '—' : (choices[target.scope].find((c) => c.value === target.scopeId)?.label ?? target.scopeId));
  const isRatio = (id: string | undefined) => metricOf.get(id ?? '')?.unit === 'ratio';
  const shown = (target: MetricTarget) => {
    const unit = metricOf.get(target.metricId)?.unit;
    if (unit === 'ratio') return `${Math.round(target.target * 1000) / 10}%`;
    if (unit === 'seconds') return formatDuration(target.target, i18n.language);
    return String(target.target);
  };

  const a = (key: string, options?: Record<string, unknown>) => t(`adminConsole.targets.${key}`, options);

  const open = (target: MetricTarget | 'new') => {
    form.resetFields();
    if (target !== 'new') {
      form.setFieldsValue({
        metricId: target.metricId,
        scope: target.scope,
        scopeId: target.scopeId || undefined,
        value: isRatio(target.metricId) ? Math.round(target.target * 1000) / 10 : target.target,
      });
    }
    setEditing(target);
  };

  const send = async (method: string, path: string, body?: unknown): Promise<boolean> => {
    try {
      await api(method, path, body);
      void message.success(t('admin.saved'));
      load();
      return true;
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
      return false;
    }
  };

  const save = async (values: TargetValues) => {
    const body = {
      metricId: values.metricId,
      scope: values.scope,
      scopeId: values.scope === 'center' ? '' : values.scopeId,
      target: isRatio(values.metricId) ? Math.round(values.value * 10) / 1000 : values.value,
    };
    if (await send('PUT', '/api/v1/targets', body)) setEditing(null);
  };

  const remove = (target: MetricTarget) =>
    void send('DELETE', `/api/v1/targets?${new URLSearchParams({ metricId: target.metricId, scope: target.scope, scopeId: target.scopeId })}`);

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')}>
        {a('new')}
      </Button>
      <Table<MetricTarget>
        rowKey={targetKey}
        size="small"
        dataSource={targets}
        pagination={false}
        locale={{ emptyText: a('empty') }}
        columns={[
          { title: a('metric'), render: (_, target) => metricName(target.metricId) },
          { title: a('scope'), render: (_, target) => a(`scopes.${target.scope}`) },
          { title: a('scopeId'), render: (_, target) => scopeName(target) },
          { title: a('target'), align: 'right', render: (_, target) => shown(target) },
          {
            title: t('wallboard.actions'),
            render: (_, target) => (
              <Space size="small">
                <Button size="small" onClick={() => open(target)}>
                  {t('admin.edit')}
                </Button>
                <Popconfirm title={a('deleteConfirm', { metric: metricName(target.metricId) })} okText={a('delete')} cancelText={t('admin.keep')} onConfirm={() => remove(target)}>
                  <Button size="small" danger>
                    {a('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? a('new') : a('edit')}
        okText={t('desktop.save')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} preserve={false} initialValues={{ scope: 'center' }}>
          <Form.Item name="metricId" label={a('metric')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              disabled={editing !== 'new'}
              options={metrics.filter((m) => m.better !== null).map((m) => ({ value: m.id, label: `${english ? m.en : m.zh}（${m.better ? a(`better.${m.better}`) : ''}）` }))}
            />
          </Form.Item>
          <Form.Item name="scope" label={a('scope')} rules={[{ required: true }]}>
            <Select disabled={editing !== 'new'} options={scopes.map((s) => ({ value: s, label: a(`scopes.${s}`) }))} />
          </Form.Item>
          {scope && scope !== 'center' && (
            <Form.Item name="scopeId" label={a('scopeId')} rules={[{ required: true }]}>
              <Select showSearch optionFilterProp="label" disabled={editing !== 'new'} options={choices[scope]} />
            </Form.Item>
          )}
          <Form.Item
            name="value"
            label={a('target')}
            extra={isRatio(metricId) ? a('percentHint') : undefined}
            rules={[
              { required: true },
              isRatio(metricId) ? { type: 'number', min: 0, max: 100, message: a('percentRange') } : { type: 'number', min: 0, message: a('notNegative') },
            ]}
          >
            <InputNumber style={{ width: 160 }} addonAfter={isRatio(metricId) ? '%' : metricOf.get(metricId ?? '')?.unit === 'seconds' ? a('seconds') : undefined} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
