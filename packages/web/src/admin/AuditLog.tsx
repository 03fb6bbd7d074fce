import { useCallback, useEffect, useState } from 'react';
import { App, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Profile } from '@banzu/contract';
import { fromLocal } from '@banzu/core';
import { centerDateTime } from '../api/center';
import { api } from '../api/client';
import { adminConsoleZh } from './console-messages';

interface AuditRow {
  id: string;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  subject: string;
  rowCount: number;
  detail: Record<string, unknown>;
}

interface Filter {
  action?: string;
  subject?: string;
  userId?: string;
  /** Center-local dates, both days included. */
  from?: string;
  to?: string;
}

const pageSize = 100;

/** The instant a center-local date (YYYY-MM-DD) begins, `days` later. */
function dayStart(date: string, timeZone: string, days = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(fromLocal(y, m, d + days, 0, 0, timeZone)).toISOString();
}

/** The query string of a filter, with the dates as the center's midnights. */
export function auditQuery(filter: Filter, timeZone: string, offset: number): string {
  const params = new URLSearchParams({ limit: String(pageSize), offset: String(offset) });
  for (const key of ['action', 'subject', 'userId'] as const) if (filter[key]) params.set(key, filter[key]);
  if (filter.from) params.set('from', dayStart(filter.from, timeZone));
  if (filter.to) params.set('to', dayStart(filter.to, timeZone, 1));
  return params.toString();
}

/**
 * 审计日志: who exported, imported or changed what and when, newest first, filtered by action,
 * subject, user and dates; times in the center's time zone. For the roles that may read it.
 *
 * @example
 * <AuditLog />
 */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Filter>();
  const [timeZone, setTimeZone] = useState<string | null>(null);
  const [users, setUsers] = useState<Profile[]>([]);
  const [rows, setRows] = useState<AuditRow[]>([]);
  const [filter, setFilter] = useState<Filter>({});
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    void api<{ timeZone: string }>('GET', '/api/v1/center').then((c) => setTimeZone(c.timeZone));
    void api<Profile[]>('GET', '/api/v1/users').then(setUsers);
  }, []);

  const fetchPage = useCallback(
    async (next: Filter, offset: number) => {
      if (!timeZone) return;
      setLoading(true);
      try {
        const page = await api<AuditRow[]>('GET', `/api/v1/audit?${auditQuery(next, timeZone, offset)}`);
        setRows((before) => (offset === 0 ? page : [...before, ...page]));
        setMore(page.length === pageSize);
      } catch (err) {
        void message.error(t('errors.generic', { message: (err as Error).message }));
      } finally {
        setLoading(false);
      }
    },
    [message, t, timeZone],
  );
  useEffect(() => void fetchPage({}, 0), [fetchPage]);

  const a = (key: string, options?: Record<string, unknown>) => t(`adminConsole.audit.${key}`, options);
  const label = (group: 'actions' | 'subjects', code: string) => (i18n.exists(`adminConsole.audit.${group}.${code}`) ? a(`${group}.${code}`) : code);
  const search = (values: Filter) => {
    setFilter(values);
    void fetchPage(values, 0);
  };

  return (
    <>
      <Form form={form} layout="inline" onFinish={search} style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="action" label={a('action')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={a('any')}
            options={Object.keys(adminConsoleZh.audit.actions).map((code) => ({ value: code, label: label('actions', code) }))}
          />
        </Form.Item>
        <Form.Item name="subject" label={a('subject')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 150 }}
            placeholder={a('any')}
            options={Object.keys(adminConsoleZh.audit.subjects).map((code) => ({ value: code, label: label('subjects', code) }))}
          />
        </Form.Item>
        <Form.Item name="userId" label={a('user')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 160 }}
            placeholder={a('any')}
            options={users.map((u) => ({ value: u.id, label: u.employeeNo ? `${u.employeeNo} ${u.displayName}` : u.displayName }))}
          />
        </Form.Item>
        <Form.Item name="from" label={a('from')}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label={a('to')}>
          <Input type="date" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" disabled={!timeZone}>
            {a('search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            {a('reset')}
          </Button>
        </Space>
      </Form>
      {timeZone && <Typography.Text type="secondary">{a('timeZoneNote', { timeZone })}</Typography.Text>}
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: a('at'), render: (_, row) => (timeZone ? centerDateTime(row.at, timeZone, { seconds: true }) : '') },
          { title: a('user'), render: (_, row) => row.userName ?? (row.userId ? row.userId : a('system')) },
          { title: a('action'), render: (_, row) => label('actions', row.action) },
          { title: a('subject'), render: (_, row) => label('subjects', row.subject) },
          { title: a('rowCount'), dataIndex: 'rowCount', align: 'right' },
          {
            title: a('detail'),
            render: (_, row) =>
              Object.keys(row.detail ?? {}).length > 0 ? (
                <Typography.Text code style={{ wordBreak: 'break-all' }}>
                  {JSON.stringify(row.detail)}
                </Typography.Text>
              ) : null,
          },
        ]}
      />
      {more && (
        <Button style={{ marginTop: 12 }} loading={loading} onClick={() => void fetchPage(filter, rows.length)}>
          {a('more')}
        </Button>
      )}
    </>
  );
}
