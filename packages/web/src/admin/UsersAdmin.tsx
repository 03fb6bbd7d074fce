import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Profile, Role, Team } from '@banzu/contract';
import { roles } from '@banzu/core';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { AgentSkillsDialog } from './AgentSkillsDialog';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: Profile } | { kind: 'password'; user: Profile } | null;

interface UserValues {
  displayName: string;
  role: Role;
  teamId?: string;
  employeeNo?: string;
  username?: string;
  password?: string;
}

/** Roles that belong to a team: the form asks for one. */
const teamRoles: ReadonlySet<Role> = new Set(['agent', 'team_leader']);

/**
 * 用户管理: a manager or administrator creates users and agents, changes a user's name, role and team,
 * resets a password and disables or enables a login, with the server's rules answering in Chinese.
 *
 * @example
 * <UsersAdmin />
 */
export function UsersAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user: me } = useAuth();
  const [users, setUsers] = useState<Profile[]>([]);
  const [teams, setTeams] = useState<Team[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [skillsOf, setSkillsOf] = useState<Profile | null>(null);
  const [form] = Form.useForm<UserValues>();
  const role = Form.useWatch('role', form);

  const load = useCallback(() => {
    void api<Profile[]>('GET', '/api/v1/users').then(setUsers);
    void api<Team[]>('GET', '/api/v1/teams').then(setTeams);
  }, []);
  useEffect(load, [load]);
  const teamName = useMemo(() => new Map(teams.map((team) => [team.id, team.name])), [teams]);

  const open = (next: Dialog) => {
    form.resetFields();
    if (next?.kind === 'edit') form.setFieldsValue({ displayName: next.user.displayName, role: next.user.role, teamId: next.user.teamId ?? undefined });
    setDialog(next);
  };

  /** Sends the dialog's change; a refusal is shown as the server words it, and the dialog stays open. */
  const save = async (values: UserValues) => {
    if (!dialog) return;
    setBusy(true);
    try {
      if (dialog.kind === 'create') {
        const agent = values.role === 'agent';
        await api('POST', '/api/v1/users', {
          displayName: values.displayName,
          role: values.role,
          password: values.password,
          ...(teamRoles.has(values.role) ? { teamId: values.teamId } : {}),
          ...(agent ? { employeeNo: values.employeeNo } : { username: values.username }),
        });
      } else if (dialog.kind === 'edit') {
        await api('PATCH', `/api/v1/users/${dialog.user.id}`, {
          displayName: values.displayName,
          role: values.role,
          teamId: teamRoles.has(values.role) ? values.teamId : null,
        });
      } else {
        await api('PATCH', `/api/v1/users/${dialog.user.id}`, { password: values.password });
      }
      void message.success(t('admin.saved'));
      setDialog(null);
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  const toggle = async (user: Profile) => {
    try {
      await api('PATCH', `/api/v1/users/${user.id}`, { disabled: !user.disabled });
      load();
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };

  const title =
    dialog?.kind === 'create'
      ? t('admin.newUser')
      : dialog?.kind === 'edit'
        ? t('admin.editUser', { name: dialog.user.displayName })
        : dialog
          ? t('admin.resetPasswordOf', { name: dialog.user.displayName })
          : '';
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
          {t('admin.newUser')}
        </Button>
      </Space>
      <Table<Profile>
        rowKey="id"
        size="small"
        dataSource={users}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          { title: t('admin.login'), render: (_, u) => u.employeeNo ?? u.username },
          { title: t('org.role'), dataIndex: 'role', render: (r: Role) => t(`roles.${r}`) },
          { title: t('org.team'), dataIndex: 'teamId', render: (id: string | null) => (id ? (teamName.get(id) ?? id) : '—') },
          { title: t('org.skills'), render: (_, u) => u.skills.map((x) => <Tag key={x.skillId}>{`${x.name} · ${x.level}`}</Tag>) },
          { title: t('admin.status'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>{t('admin.disabled')}</Tag> : <Tag color="green">{t('admin.active')}</Tag>) },
          {
            title: t('wallboard.actions'),
            render: (_, u) => (
              <Space size="small" wrap>
                <Button size="small" onClick={() => open({ kind: 'edit', user: u })}>
                  {t('admin.edit')}
                </Button>
                {u.role === 'agent' && (
                  <Button size="small" onClick={() => setSkillsOf(u)}>
                    {t('adminConsole.agentSkills.button')}
                  </Button>
                )}
                <Button size="small" onClick={() => open({ kind: 'password', user: u })}>
                  {t('admin.resetPassword')}
                </Button>
                {u.id !== me?.id && (
                  <Button size="small" danger={!u.disabled} onClick={() => void toggle(u)}>
                    {u.disabled ? t('admin.enable') : t('admin.disable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {skillsOf && <AgentSkillsDialog agent={skillsOf} onClose={() => setSkillsOf(null)} onSaved={load} />}
      <Modal open={dialog !== null} title={title} okText={t('desktop.save')} confirmLoading={busy} onOk={() => form.submit()} onCancel={() => setDialog(null)} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={save} preserve={false} initialValues={{ role: 'agent' }}>
          {dialog?.kind !== 'password' && (
            <>
              <Form.Item name="displayName" label={t('admin.displayName')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="role" label={t('org.role')} rules={[{ required: true }]}>
                <Select options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
              </Form.Item>
              {role && teamRoles.has(role) && (
                <Form.Item name="teamId" label={t('org.team')} rules={[{ required: true }]}>
                  <Select options={teams.map((team) => ({ value: team.id, label: team.name }))} />
                </Form.Item>
              )}
            </>
          )}
          {dialog?.kind === 'create' &&
            (role === 'agent' ? (
              <Form.Item name="employeeNo" label={t('org.employeeNo')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={32} />
              </Form.Item>
            ) : (
              <Form.Item name="username" label={t('admin.username')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={64} />
              </Form.Item>
            ))}
          {dialog?.kind !== 'edit' && (
            <Form.Item
              name="password"
              label={dialog?.kind === 'create' ? t('admin.initialPassword') : t('password.new')}
              rules={[{ required: true }]}
              extra={t('admin.passwordHint')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
