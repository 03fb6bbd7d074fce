import { useState } from 'react';
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/**
 * 修改密码: every user changes the own password with the current one; the server's rules (length,
 * not the username, not a common one) answer in the user's words, on the field they are about.
 *
 * @example
 * <PasswordForm />
 */
export function PasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    try {
      await api('POST', '/api/v1/auth/password', { currentPassword, newPassword });
      form.resetFields();
      void message.success(t('password.changed'));
    } catch (err) {
      // The server's reason goes under the field its details name.
      const field = err instanceof ApiError ? (err.details as { field?: unknown } | undefined)?.field : undefined;
      if (field === 'currentPassword' || field === 'newPassword') form.setFields([{ name: field, errors: [(err as Error).message] }]);
      else void message.error(t('errors.generic', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('password.title')} style={{ maxWidth: 480 }}>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('password.repeat')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
