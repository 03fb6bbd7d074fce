import { Form, Input, InputNumber, Radio } from 'antd';
import { useTranslation } from 'react-i18next';

/** The callback's (回访) answers: solved or not (not solved reopens the ticket), the customer's 1-5 rating, a note. */
export function CallbackFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="solved" initialValue={true}>
        <Radio.Group
          options={[
            { value: true, label: t('tickets.solved') },
            { value: false, label: t('tickets.notSolved') },
          ]}
        />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('tickets.satisfaction')}>
        <InputNumber min={1} max={5} />
      </Form.Item>
      <Form.Item name="note" label={t('tickets.noteText')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
