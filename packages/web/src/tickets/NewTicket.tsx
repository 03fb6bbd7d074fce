import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ticketChannels, type CustomerPage, type TicketDetail, type TicketType } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { centerDateTime } from '../api/center';
import { TicketFields } from './TicketFields';

const SEARCH_DELAY_MS = 300;

/** A customer found in the CRM by phone, name or pinyin initials, as the customer page searches. */
function CustomerSearch({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    if (!q.trim()) return;
    const timer = setTimeout(
      () =>
        api<CustomerPage>('GET', `/api/v1/customers?q=${encodeURIComponent(q.trim())}&limit=10`).then(
          (page) => setOptions(page.customers.map((c) => ({ value: c.id, label: [c.name, c.phones[0]?.number].filter(Boolean).join(' ') }))),
          () => setOptions([]),
        ),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <Select
      id={id}
      allowClear
      value={value}
      onChange={onChange}
      options={options}
      placeholder={t('tickets.customerSearch')}
      showSearch={{ onSearch: setQ, filterOption: false }}
      notFoundContent={q.trim() ? t('tickets.noCustomer') : null}
    />
  );
}

/**
 * 新建工单 by hand: a ticket that came another way than the desktop's call (a letter, the website, a
 * 市长专线 transfer), owned by whoever enters it (首问负责制), with the customer found in the CRM.
 */
export function NewTicket({ timeZone, onCreated }: { timeZone: string; onCreated(ticket: TicketDetail): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [types, setTypes] = useState<TicketType[]>([]);
  const [form] = Form.useForm();
  useEffect(() => {
    if (open) api<TicketType[]>('GET', '/api/v1/ticket-types').then(setTypes, () => {});
  }, [open]);
  // A register's type that is also a channel (市长专线) came by that channel.
  const typeChanged = (changed: { type?: string }) => {
    const channel = ticketChannels.find((c) => c === changed.type);
    if (channel) form.setFieldValue('channel', channel);
  };
  const submit = async () => {
    const values = await form.validateFields();
    try {
      const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''));
      const ticket = await api<TicketDetail>('POST', '/api/v1/tickets', body);
      void message.success(t('tickets.desk.created', { no: ticket.no, due: centerDateTime(ticket.dueAt, timeZone) }));
      setOpen(false);
      onCreated(ticket);
    } catch (err) {
      void message.error((err as ApiError).message);
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
        {t('tickets.new')}
      </Button>
      <Modal open={open} title={t('tickets.new')} okText={t('tickets.desk.submit')} onOk={() => void submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ priority: 'normal' }} onValuesChange={typeChanged}>
          <TicketFields types={types} />
          <Form.Item name="customerId" label={t('tickets.columns.customer')}>
            <CustomerSearch />
          </Form.Item>
          <Form.Item name="caller" label={t('tickets.contact')}>
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
