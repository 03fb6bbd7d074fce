import { useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { Role } from '../api/types';
import { AuthProvider, useAuth } from '../auth/AuthProvider';
import { LoginPage } from '../auth/LoginPage';
import { i18next, rememberLanguage, type Language } from '../i18n/index';
import { OrgPage } from '../org/OrgPage';
import { Shell, type NavItem } from '../layout/Shell';
import { HomePage } from './HomePage';

const orgViewers: ReadonlySet<Role> = new Set(['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin']);

function Console({ language, onLanguage }: { language: Language; onLanguage: (l: Language) => void }) {
  const { t } = useTranslation();
  const { user, loading } = useAuth();
  if (loading) return <Spin fullscreen />;
  if (!user) return <LoginPage />;
  const nav: NavItem[] = [{ path: '/', label: t('nav.home') }];
  if (orgViewers.has(user.role)) nav.push({ path: '/org', label: t('nav.org') });
  return (
    <Shell nav={nav} language={language} onLanguage={onLanguage}>
      <Routes>
        <Route path="/" element={<HomePage />} />
        {orgViewers.has(user.role) && <Route path="/org" element={<OrgPage />} />}
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </Shell>
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
