import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Skill, Team } from '@banzu/contract';
import { api } from '../api/client';

interface Site {
  id: string;
  name: string;
}

/** Sends a change and reloads; a refusal is shown as the server words it. Resolves whether it went through. */
function useSend(reload: () => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return useCallback(
    async (method: string, path: string, body?: unknown): Promise<boolean> => {
      try {
        await api(method, path, body);
        void message.success(t('admin.saved'));
        reload();
        return true;
      } catch (err) {
        void message.error(t('errors.generic', { message: (err as Error).message }));
        return false;
      }
    },
    [message, reload, t],
  );
}

/**
 * 班组: the teams with their site and size; a new team, a renamed one or one moved to another site.
 *
 * @example
 * <TeamsAdmin />
 */
export function TeamsAdmin() {
  const { t } = useTranslation();
  const [teams, setTeams] = useState<Team[]>([]);
  const [sites, setSites] = useState<Site[]>([]);
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; siteId: string }>();
  const load = useCallback(() => {
    void api<Team[]>('GET', '/api/v1/teams').then(setTeams);
    void api<Site[]>('GET', '/api/v1/sites').then(setSites);
  }, []);
  useEffect(load, [load]);
  const send = useSend(load);
  const siteName = useMemo(() => new Map(sites.map((s) => [s.id, s.name])), [sites]);
  const open = (team: Team | 'new') => {
    form.resetFields();
    if (team !== 'new') form.setFieldsValue({ name: team.name, siteId: team.siteId });
    setEditing(team);
  };
  const save = async (values: { name: string; siteId: string }) => {
    const ok = editing === 'new' ? await send('POST', '/api/v1/teams', values) : editing ? await send('PATCH', `/api/v1/teams/${editing.id}`, values) : false;
    if (ok) setEditing(null);
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')}>
        {t('admin.newTeam')}
      </Button>
      <Table<Team>
        rowKey="id"
        size="small"
        dataSource={teams}
        pagination={false}
        columns={[
          { title: t('admin.teamName'), dataIndex: 'name' },
          { title: t('admin.site'), dataIndex: 'siteId', render: (id: string) => siteName.get(id) ?? id },
          { title: t('admin.agentCount'), dataIndex: 'agentCount', align: 'right' },
          {
            title: t('wallboard.actions'),
            render: (_, team) => (
              <Button size="small" onClick={() => open(team)}>
                {t('admin.edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.newTeam') : editing ? t('admin.editUser', { name: editing.name }) : ''}
        okText={t('desktop.save')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} preserve={false}>
          <Form.Item name="name" label={t('admin.teamName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="siteId" label={t('admin.site')} rules={[{ required: true }]}>
            <Select options={sites.map((s) => ({ value: s.id, label: s.name }))} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/**
 * 技能: the skills queues require and agents have; add, rename, describe, or delete one no queue requires.
 *
 * @example
 * <SkillsAdmin />
 */
export function SkillsAdmin() {
  const { t } = useTranslation();
  const [skills, setSkills] = useState<Skill[]>([]);
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; description: string }>();
  const load = useCallback(() => void api<Skill[]>('GET', '/api/v1/skills').then(setSkills), []);
  useEffect(load, [load]);
  const send = useSend(load);
  const open = (skill: Skill | 'new') => {
    form.resetFields();
    if (skill !== 'new') form.setFieldsValue({ name: skill.name, description: skill.description });
    setEditing(skill);
  };
  const save = async (values: { name: string; description?: string }) => {
    const body = { name: values.name, description: values.description ?? '' };
    const ok = editing === 'new' ? await send('POST', '/api/v1/skills', body) : editing ? await send('PATCH', `/api/v1/skills/${editing.id}`, body) : false;
    if (ok) setEditing(null);
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')}>
        {t('admin.newSkill')}
      </Button>
      <Table<Skill>
        rowKey="id"
        size="small"
        dataSource={skills}
        pagination={false}
        columns={[
          { title: t('admin.skillName'), dataIndex: 'name' },
          { title: t('admin.description'), dataIndex: 'description' },
          {
            title: t('wallboard.actions'),
            render: (_, skill) => (
              <Space size="small">
                <Button size="small" onClick={() => open(skill)}>
                  {t('admin.edit')}
                </Button>
                <Popconfirm
                  title={t('admin.deleteSkill', { name: skill.name })}
                  okText={t('admin.delete')}
                  cancelText={t('admin.keep')}
                  onConfirm={() => void send('DELETE', `/api/v1/skills/${skill.id}`)}
                >
                  <Button size="small" danger>
                    {t('admin.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('admin.newSkill') : editing ? t('admin.editUser', { name: editing.name }) : ''}
        okText={t('desktop.save')}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={save} preserve={false}>
          <Form.Item name="name" label={t('admin.skillName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('admin.description')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
