import type { ReactNode } from 'react';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import type { Language } from '../i18n/index';

export interface NavItem {
  path: string;
  label: string;
}

export function Shell({ nav, language, onLanguage, children }: { nav: NavItem[]; language: Language; onLanguage: (language: Language) => void; children: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const location = useLocation();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#001529' }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[location.pathname]}
          style={{ flex: 1, minWidth: 0 }}
          items={nav.map((item) => ({ key: item.path, label: <Link to={item.path}>{item.label}</Link> }))}
        />
        <Space>
          {user && (
            <Typography.Text style={{ color: '#fff' }}>
              {user.displayName} <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
            </Typography.Text>
          )}
          <Button size="small" autoInsertSpace={false} onClick={() => onLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}>
            {t('nav.language')}
          </Button>
          <Button size="small" onClick={() => void logout()}>
            {t('nav.logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
