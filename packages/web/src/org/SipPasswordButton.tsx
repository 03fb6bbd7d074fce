import { useState } from 'react';
import { App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Profile, SipAccountStatus } from '@banzu/contract';
import { api, refusalText } from '../api/client';

/** Sets an agent's SIP password (desk phone and softphone): a manager's or an administrator's control on the people list. */
export function SipPasswordButton({ agent }: { agent: Profile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  const save = async ({ password }: { password: string }) => {
    setBusy(true);
    try {
      await api<SipAccountStatus>('PUT', `/api/v1/users/${agent.id}/sip-password`, { password });
      void message.success(t('softphone.passwordSet', { employeeNo: agent.employeeNo }));
      setOpen(false);
      form.resetFields();
    } catch (err) {
      form.setFields([{ name: 'password', errors: [refusalText(err)] }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {t('softphone.setPassword')}
      </Button>
      <Modal
        open={open}
        title={t('softphone.setPasswordFor', { employeeNo: agent.employeeNo, name: agent.displayName })}
        okText={t('softphone.save')}
        confirmLoading={busy}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item
            name="password"
            label={t('softphone.newPassword')}
            extra={t('softphone.passwordHelp')}
            rules={[{ required: true, min: 8, message: t('softphone.passwordRule') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
