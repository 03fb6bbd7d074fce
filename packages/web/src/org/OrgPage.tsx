import { useEffect, useMemo, useState } from 'react';
import { Card, Table, Tabs, Tag } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Profile, Queue, Skill, Team } from '@banzu/contract';
import { orgAdminRoles } from '@banzu/core';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { SipPasswordButton } from './SipPasswordButton';

/**
 * Teams, people and queues as the caller may see them (the server applies the team scope); a
 * manager or administrator finds the way to change them in 系统管理.
 */
export function OrgPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  // Managers and administrators set agents' SIP passwords; the server checks it again.
  const setsSipPasswords = user?.role === 'manager' || user?.role === 'admin';
  const administers = user !== null && user !== undefined && (orgAdminRoles as readonly string[]).includes(user.role);
  const [teams, setTeams] = useState<Team[]>([]);
  const [users, setUsers] = useState<Profile[]>([]);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [skills, setSkills] = useState<Skill[]>([]);
  useEffect(() => {
    void api<Team[]>('GET', '/api/v1/teams').then(setTeams);
    void api<Profile[]>('GET', '/api/v1/users').then(setUsers, () => setUsers([]));
    void api<Queue[]>('GET', '/api/v1/queues').then(setQueues);
    void api<Skill[]>('GET', '/api/v1/skills').then(setSkills);
  }, []);
  const teamName = useMemo(() => new Map(teams.map((team) => [team.id, team.name])), [teams]);
  const skillName = useMemo(() => new Map(skills.map((s) => [s.id, s.name])), [skills]);
  const userName = useMemo(() => new Map(users.map((u) => [u.id, u.displayName])), [users]);

  return (
    <Card
      extra={
        administers && (
          <Link to="/admin">
            <SettingOutlined /> {t('adminConsole.orgLink')}
          </Link>
        )
      }
    >
      <Tabs
        items={[
          {
            key: 'teams',
            label: t('org.teams'),
            children: (
              <Table<Team>
                rowKey="id"
                dataSource={teams}
                pagination={false}
                columns={[
                  { title: t('org.name'), dataIndex: 'name' },
                  { title: t('org.leaders'), render: (_, team) => team.leaderIds.map((id) => userName.get(id) ?? id).join('、') },
                  { title: t('org.agents'), dataIndex: 'agentCount' },
                ]}
              />
            ),
          },
          {
            key: 'users',
            label: t('org.users'),
            children: (
              <Table<Profile>
                rowKey="id"
                dataSource={users}
                size="small"
                columns={[
                  { title: t('org.employeeNo'), dataIndex: 'employeeNo' },
                  { title: t('org.displayName'), dataIndex: 'displayName' },
                  { title: t('org.role'), render: (_, u) => t(`roles.${u.role}`) },
                  { title: t('org.team'), render: (_, u) => (u.teamId ? teamName.get(u.teamId) : '') },
                  {
                    title: t('org.skills'),
                    render: (_, u) => u.skills.map((s) => <Tag key={s.skillId}>{`${s.name} · ${s.level}`}</Tag>),
                  },
                  ...(setsSipPasswords
                    ? [{ title: t('softphone.sipPassword'), render: (_: unknown, u: Profile) => (u.role === 'agent' ? <SipPasswordButton agent={u} /> : null) }]
                    : []),
                ]}
              />
            ),
          },
          {
            key: 'queues',
            label: t('org.queues'),
            children: (
              <Table<Queue>
                rowKey="id"
                dataSource={queues}
                pagination={false}
                columns={[
                  { title: t('org.name'), dataIndex: 'name' },
                  { title: t('org.slThreshold'), dataIndex: 'slThresholdSeconds' },
                  { title: t('org.slTarget'), render: (_, q) => `${Math.round(q.slTarget * 100)}%` },
                  { title: t('org.priority'), dataIndex: 'priority' },
                  {
                    title: t('org.requiredSkills'),
                    render: (_, q) => q.requiredSkills.map((r) => <Tag key={r.skillId}>{`${skillName.get(r.skillId) ?? r.skillId} ≥ ${r.minLevel}`}</Tag>),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
