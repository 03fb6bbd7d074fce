import { useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { Role } from '@banzu/contract';
import { AuthProvider, useAuth } from '../auth/AuthProvider';
import { LoginPage } from '../auth/LoginPage';
import { i18next, rememberLanguage, type Language } from '../i18n/index';
import { CampaignsPage } from '../campaigns/CampaignsPage';
import { CustomersPage } from '../crm/CustomersPage';
import { DesktopPage } from '../desktop/DesktopPage';
import { FloorProvider } from '../live/FloorProvider';
import { OrgPage } from '../org/OrgPage';
import { QaPage } from '../qa/QaPage';
import { TicketsPage } from '../tickets/index';
import { ReportsPage } from '../reports/ReportsPage';
import { WallboardPage } from '../wallboard/WallboardPage';
import { Shell, type NavItem } from '../layout/Shell';
import { HomePage } from './HomePage';

const orgViewers: ReadonlySet<Role> = new Set(['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin']);
const floorLeaders: ReadonlySet<Role> = new Set(['team_leader', 'supervisor', 'manager', 'admin']);

/** Where each role lands after logging in. */
export function homeOf(role: Role): string {
  if (role === 'agent') return '/desktop';
  return floorLeaders.has(role) ? '/wallboard' : '/profile';
}

function Console({ language, onLanguage }: { language: Language; onLanguage: (l: Language) => void }) {
  const { t } = useTranslation();
  const { user, loading } = useAuth();
  if (loading) return <Spin fullscreen />;
  if (!user) return <LoginPage />;
  const home = homeOf(user.role);
  const nav: NavItem[] = [];
  if (user.role === 'agent') nav.push({ path: '/desktop', label: t('nav.desktop') });
  if (floorLeaders.has(user.role)) nav.push({ path: '/wallboard', label: t('nav.wallboard') });
  nav.push({ path: '/profile', label: t('nav.home') });
  if (orgViewers.has(user.role)) nav.push({ path: '/org', label: t('nav.org') });
  if (floorLeaders.has(user.role)) nav.push({ path: '/campaigns', label: t('campaigns.title') });
  nav.push({ path: '/tickets', label: t('tickets.title') });
  nav.push({ path: '/qa', label: t('qa.title') });
  nav.push({ path: '/customers', label: t('crm.title') });
  nav.push({ path: '/reports', label: t('reports.title') });
  return (
    <FloorProvider key={user.id}>
      <Shell nav={nav} language={language} onLanguage={onLanguage}>
        <Routes>
          <Route path="/profile" element={<HomePage />} />
          {user.role === 'agent' && <Route path="/desktop" element={<DesktopPage />} />}
          {floorLeaders.has(user.role) && <Route path="/wallboard" element={<WallboardPage />} />}
          {orgViewers.has(user.role) && <Route path="/org" element={<OrgPage />} />}
          {floorLeaders.has(user.role) && <Route path="/campaigns" element={<CampaignsPage />} />}
          <Route path="/customers" element={<CustomersPage />} />
          <Route path="/reports" element={<ReportsPage />} />
          <Route path="/tickets" element={<TicketsPage />} />
          <Route path="/qa" element={<QaPage />} />
          <Route path="*" element={<Navigate to={home} replace />} />
        </Routes>
      </Shell>
    </FloorProvider>
  );
}

export function App() {
  const [language, setLanguage] = useState<Language>(i18next.language === 'en' ? 'en' : 'zh-CN');
  const changeLanguage = (next: Language) => {
    void i18next.changeLanguage(next);
    rememberLanguage(next);
    document.documentElement.lang = next;
    setLanguage(next);
  };
  return (
    <ConfigProvider locale={language === 'en' ? antdEn : antdZh}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Console language={language} onLanguage={changeLanguage} />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
