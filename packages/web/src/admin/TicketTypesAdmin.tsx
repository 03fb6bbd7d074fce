import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ticketPriorities, type TicketPriority } from '@banzu/core';
import type { TicketType } from '@banzu/contract';
import { api, refusalText } from '../api/client';

interface TypeValues {
  code: string;
  name: string;
  hours: number;
  basis: TicketType['sla']['basis'];
  byPriority: Partial<Record<TicketPriority, number | null>>;
  register: boolean;
  proposesArticle: boolean;
}

const valuesOf = (type: TicketType | 'new'): Partial<TypeValues> =>
  type === 'new'
    ? { basis: 'clock', register: false, proposesArticle: false, byPriority: {} }
    : {
        code: type.code,
        name: type.name,
        hours: type.sla.hours,
        basis: type.sla.basis,
        byPriority: type.sla.byPriority,
        register: type.register,
        proposesArticle: type.proposesArticle ?? false,
      };

/** The type as the API takes it: a priority left empty has the type's hours. */
function typeOf(values: TypeValues): Omit<TicketType, 'code'> {
  const byPriority = Object.fromEntries(ticketPriorities.flatMap((p) => (typeof values.byPriority?.[p] === 'number' ? [[p, values.byPriority[p]]] : [])));
  return {
    name: values.name.trim(),
    sla: { hours: values.hours, basis: values.basis, byPriority },
    register: values.register ?? false,
    proposesArticle: values.proposesArticle ?? false,
  };
}

/**
 * 工单类型: the ticket types with their SLA (hours, clock or working time, hours per priority),
 * whether a type is a register of its own (市长专线) and whether closing one without an article
 * proposes a knowledge base article (咨询). A refusal is shown as the server words it.
 *
 * @example
 * <TicketTypesAdmin />
 */
export function TicketTypesAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [types, setTypes] = useState<TicketType[]>([]);
  const [editing, setEditing] = useState<TicketType | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<TypeValues>();
  const load = useCallback(() => {
    api<TicketType[]>('GET', '/api/v1/ticket-types').then(setTypes, () => {});
  }, []);
  useEffect(load, [load]);
  const m = (key: string, options?: Record<string, unknown>) => t(`ticketAdmin.types.${key}`, options);

  /** Sends a change; the answer is the types as they now are. A refusal keeps the dialog open. */
  const send = async (method: string, path: string, body: unknown): Promise<boolean> => {
    setBusy(true);
    try {
      setTypes(await api<TicketType[]>(method, path, body));
      void message.success(t('admin.saved'));
      return true;
    } catch (err) {
      void message.error(t('errors.generic', { message: refusalText(err) }));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (values: TypeValues) => {
    if (editing === null) return;
    const code = editing === 'new' ? values.code.trim() : editing.code;
    if (await send('PUT', `/api/v1/ticket-types/${encodeURIComponent(code)}`, typeOf(values))) setEditing(null);
  };
  // Deleting is replacing the list with the others, in their order; the server refuses a type with tickets.
  const remove = (type: TicketType) =>
    void send(
      'PUT',
      '/api/v1/ticket-types',
      types.filter((other) => other.code !== type.code),
    );

  // The dialog's values are set as it opens, over whatever the type opened before left in the form.
  const open = (type: TicketType | 'new') => {
    form.resetFields();
    form.setFieldsValue(valuesOf(type));
    setEditing(type);
  };

  const slaText = (type: TicketType) => m('slaText', { hours: type.sla.hours, basis: m(`basisShort.${type.sla.basis}`) });

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {m('new')}
        </Button>
      </Space>
      <Alert type="info" showIcon title={m('openTickets')} style={{ marginBottom: 12 }} />
      <Table<TicketType>
        rowKey="code"
        size="small"
        dataSource={types}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: m('name'), dataIndex: 'name' },
          { title: m('code'), dataIndex: 'code' },
          { title: m('sla'), render: (_, type) => slaText(type) },
          {
            title: m('byPriority'),
            render: (_, type) =>
              ticketPriorities
                .filter((p) => type.sla.byPriority[p] !== undefined)
                .map((p) => <Tag key={p}>{m('byPriorityText', { priority: t(`tickets.priority.${p}`), hours: type.sla.byPriority[p] })}</Tag>),
          },
          {
            title: m('flags'),
            render: (_, type) => (
              <>
                {type.register && <Tag color="purple">{m('registerTag')}</Tag>}
                {type.proposesArticle && <Tag color="cyan">{m('proposesArticleTag')}</Tag>}
              </>
            ),
          },
          {
            title: t('wallboard.actions'),
            render: (_, type) => (
              <Space size="small">
                <Button size="small" onClick={() => open(type)}>
                  {t('admin.edit')}
                </Button>
                <Popconfirm title={m('deleteConfirm', { name: type.name })} okText={m('delete')} cancelText={t('admin.keep')} onConfirm={() => remove(type)}>
                  <Button size="small">{m('delete')}</Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? m('new') : editing ? m('edit', { name: editing.name }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={m('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="code" label={m('code')} extra={editing === 'new' ? m('codeHint') : undefined} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={32} disabled={editing !== 'new'} />
          </Form.Item>
          <Form.Item name="hours" label={m('hours')} rules={[{ required: true }]}>
            <InputNumber min={0} step={1} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="basis" label={m('basis')}>
            <Radio.Group options={(['clock', 'working'] as const).map((b) => ({ value: b, label: m(`bases.${b}`) }))} />
          </Form.Item>
          <Form.Item label={m('byPriority')} extra={m('byPriorityHint')}>
            <Space wrap>
              {ticketPriorities.map((p) => (
                <Form.Item key={p} name={['byPriority', p]} label={t(`tickets.priority.${p}`)} style={{ marginBottom: 0 }}>
                  <InputNumber min={0} placeholder={m('same')} style={{ width: 100 }} />
                </Form.Item>
              ))}
            </Space>
          </Form.Item>
          <Form.Item name="register" label={m('register')} extra={m('registerHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="proposesArticle" label={m('proposesArticle')} extra={m('proposesArticleHint')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
