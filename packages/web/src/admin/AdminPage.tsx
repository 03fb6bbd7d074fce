import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditReaders } from '@banzu/contract';
import { useAuth } from '../auth/AuthProvider';
import { AuditLog } from './AuditLog';
import { CalendarAdmin } from './CalendarAdmin';
import { CenterHoursAdmin } from './CenterHoursAdmin';
import { CenterSettingsAdmin } from './CenterSettingsAdmin';
import { QueuesAdmin } from './QueuesAdmin';
import { TargetsAdmin } from './TargetsAdmin';
import { TicketTypesAdmin } from './TicketTypesAdmin';
import { SkillsAdmin, TeamsAdmin } from './TeamsSkillsAdmin';
import { UsersAdmin } from './UsersAdmin';

/** 系统管理: what a manager or administrator changes in the console instead of through the API. */
export function AdminPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <Card title={t('admin.title')}>
      <Tabs
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersAdmin /> },
          { key: 'teams', label: t('admin.teams'), children: <TeamsAdmin /> },
          { key: 'skills', label: t('admin.skills'), children: <SkillsAdmin /> },
          { key: 'queues', label: t('adminConsole.queues.tab'), children: <QueuesAdmin /> },
          { key: 'targets', label: t('adminConsole.targets.tab'), children: <TargetsAdmin /> },
          { key: 'hours', label: t('adminConsole.center.tab'), children: <CenterHoursAdmin /> },
          { key: 'calendar', label: t('ticketAdmin.calendar.tab'), children: <CalendarAdmin /> },
          { key: 'ticketTypes', label: t('ticketAdmin.types.tab'), children: <TicketTypesAdmin /> },
          { key: 'settings', label: t('centerSettings.tab'), children: <CenterSettingsAdmin /> },
          ...(user && auditReaders.includes(user.role) ? [{ key: 'audit', label: t('adminConsole.audit.tab'), children: <AuditLog /> }] : []),
        ]}
      />
    </Card>
  );
}
