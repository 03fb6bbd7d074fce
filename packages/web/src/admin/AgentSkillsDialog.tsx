import { useEffect, useState } from 'react';
import { App, Button, Form, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Profile, Skill } from '@banzu/contract';
import { api } from '../api/client';

interface Values {
  skills: { skillId: string; level: number }[];
}

/**
 * An agent's skills with proficiency levels (1-5), which the queues' required skills route by;
 * saving replaces the agent's list as a whole.
 *
 * @example
 * <AgentSkillsDialog agent={profile} onClose={() => setAgent(null)} onSaved={load} />
 */
export function AgentSkillsDialog({ agent, onClose, onSaved }: { agent: Profile; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [skills, setSkills] = useState<Skill[]>([]);
  const [busy, setBusy] = useState(false);
  const s = (key: string, options?: Record<string, unknown>) => t(`adminConsole.agentSkills.${key}`, options);
  useEffect(() => void api<Skill[]>('GET', '/api/v1/skills').then(setSkills), []);

  const save = async (values: Values) => {
    setBusy(true);
    try {
      await api('PUT', `/api/v1/users/${agent.id}/skills`, { skills: (values.skills ?? []).map((x) => ({ skillId: x.skillId, level: x.level })) });
      void message.success(t('admin.saved'));
      onSaved();
      onClose();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={s('title', { name: agent.displayName })} okText={t('desktop.save')} confirmLoading={busy} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph type="secondary">{s('hint')}</Typography.Paragraph>
      <Form form={form} onFinish={save} initialValues={{ skills: agent.skills.map((x) => ({ skillId: x.skillId, level: x.level })) }}>
        <Form.List
          name="skills"
          rules={[
            {
              validator: async (_, list: { skillId?: string }[] = []) => {
                const ids = list.map((x) => x?.skillId).filter(Boolean);
                if (new Set(ids).size !== ids.length) throw new Error(s('twice'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((field, index) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'skillId']} rules={[{ required: true }]}>
                    <Select style={{ width: 200 }} aria-label={`${s('skill')} ${index + 1}`} options={skills.map((x) => ({ value: x.id, label: x.name }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'level']} rules={[{ required: true }]}>
                    <InputNumber min={1} max={5} precision={0} addonBefore={s('level')} aria-label={`${s('level')} ${index + 1}`} />
                  </Form.Item>
                  <MinusCircleOutlined aria-label={`${t('admin.delete')} ${index + 1}`} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ level: 1 })}>
                {s('add')}
              </Button>
              <Form.ErrorList errors={errors} />
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
