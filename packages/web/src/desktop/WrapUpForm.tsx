import { Button, Card, Form, Input, Radio, Select, Space } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface WrapUpValues {
  code: string;
  /** Whether the caller's issue was resolved on this call (一次性解决); unanswered when left out. */
  resolved?: boolean;
  note?: string;
}

/** The wrap-up form (事后处理): disposition, "resolved?" and note; "save and finish" also ends wrap-up. */
export function WrapUpForm({
  callId,
  dispositions,
  onSave,
}: {
  callId: string;
  dispositions: { code: string; label: string }[];
  onSave(values: WrapUpValues, finish: boolean): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WrapUpValues>();
  const save = async (finish: boolean) => {
    const values = await form.validateFields();
    if (await onSave(values, finish)) form.resetFields();
  };
  return (
    <Card
      size="small"
      className="wrap-up-form"
      title={
        <Space>
          <FormOutlined />
          {t('desktop.wrapUp')}
        </Space>
      }
    >
      <Form form={form} layout="vertical" key={callId} requiredMark={false}>
        <Form.Item name="code" label={t('desktop.disposition')} rules={[{ required: true, message: t('desktop.pickDisposition') }]}>
          <Select placeholder={t('desktop.pickDisposition')} options={dispositions.map((d) => ({ value: d.code, label: d.label }))} data-testid="disposition" />
        </Form.Item>
        <Form.Item name="resolved" label={t('desktop.resolved')}>
          <Radio.Group
            options={[
              { value: true, label: t('desktop.resolvedYes') },
              { value: false, label: t('desktop.resolvedNo') },
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('desktop.note')}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('desktop.notePlaceholder')} />
        </Form.Item>
        <Space>
          <Button type="primary" onClick={() => void save(true)}>
            {t('desktop.saveAndFinish')}
          </Button>
          <Button onClick={() => void save(false)}>{t('desktop.save')}</Button>
        </Space>
      </Form>
    </Card>
  );
}
