import { Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ticketChannels, type TicketType } from '@banzu/contract';
import { ticketPriorities } from '@banzu/core';

/**
 * What every new ticket (受理) says, from the desktop or by hand: its type, priority and channel
 * (a call, a 市长专线 transfer, a letter …), the title and the problem.
 */
export function TicketFields({ types }: { types: TicketType[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Space wrap>
        <Form.Item name="type" label={t('tickets.desk.type')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={types.map((ty) => ({ value: ty.code, label: ty.name }))} />
        </Form.Item>
        <Form.Item name="priority" label={t('tickets.desk.priority')}>
          <Select style={{ width: 100 }} options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}`) }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('tickets.channel')} rules={[{ required: true }]}>
          <Select style={{ width: 140 }} options={ticketChannels.map((c) => ({ value: c, label: t(`tickets.channels.${c}`) }))} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('tickets.desk.subject')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('tickets.desk.notes')}>
        <Input.TextArea rows={3} maxLength={8000} />
      </Form.Item>
    </>
  );
}
