import { useEffect, useState } from 'react';
import { Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Team } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { PasswordForm } from '../auth/PasswordForm';

export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [team, setTeam] = useState<Team | null>(null);
  useEffect(() => {
    if (user?.teamId) api<Team>('GET', `/api/v1/teams/${user.teamId}`).then(setTeam, () => setTeam(null));
  }, [user?.teamId]);
  if (!user) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('home.welcome', { name: user.displayName })}>
        <Descriptions column={1}>
          <Descriptions.Item label={t('org.role')}>{t(`roles.${user.role}`)}</Descriptions.Item>
          {user.employeeNo && <Descriptions.Item label={t('org.employeeNo')}>{user.employeeNo}</Descriptions.Item>}
          <Descriptions.Item label={t('org.team')}>{team ? team.name : t('home.noTeam')}</Descriptions.Item>
          {user.skills.length > 0 && (
            <Descriptions.Item label={t('home.skills')}>
              {user.skills.map((s) => (
                <Tag key={s.skillId}>
                  {s.name} · {s.level}
                </Tag>
              ))}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <PasswordForm />
    </Space>
  );
}
