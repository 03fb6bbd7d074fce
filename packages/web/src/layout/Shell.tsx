import { useState, type ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthProvider';
import type { Language } from '../i18n/index';

export interface NavItem {
  path: string;
  label: string;
  /** The header menu's group this page sits in (a submenu); none: on the bar itself. */
  group?: string;
}

/**
 * The header's entries: pages without a group on the bar, grouped ones in a submenu named by the
 * group, in the order each first appears. A leader has some twenty pages: one bar of them overflowed.
 */
function menuItems(nav: readonly NavItem[]) {
  const entry = (item: NavItem) => ({ key: item.path, label: <Link to={item.path}>{item.label}</Link> });
  const items: ({ key: string; label: ReactNode } & { children?: { key: string; label: ReactNode }[] })[] = [];
  for (const item of nav) {
    if (!item.group) {
      items.push(entry(item));
      continue;
    }
    const key = `group:${item.group}`;
    const group = items.find((i) => i.key === key);
    if (group) group.children!.push(entry(item));
    else items.push({ key, label: item.group, children: [entry(item)] });
  }
  return items;
}

/**
 * The console's frame: the header menu, the `tools` every page needs at hand (the ticket bell), who
 * is logged in, language and log-out. The tools stay in the header at every width. Below the `md`
 * breakpoint (a phone: a leader walks the floor with one) the menu and the rest move into a drawer
 * opened from the header, so nothing shrinks to nothing or gets clipped.
 *
 * @example
 * <Shell nav={[{ path: '/wallboard', label: '现场监控' }]} language="zh-CN" onLanguage={setLanguage}>{page}</Shell>
 */
export function Shell({
  nav,
  language,
  onLanguage,
  tools,
  children,
}: {
  nav: NavItem[];
  language: Language;
  onLanguage: (language: Language) => void;
  tools?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { user, logout } = useAuth();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is unknown: assume a wide screen, as most desks are.
  const narrow = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items = menuItems(nav);
  const who = user && (
    <Typography.Text style={{ color: narrow ? undefined : '#fff', whiteSpace: 'nowrap' }}>
      {user.displayName} <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
    </Typography.Text>
  );
  const actions = (
    <>
      <Button size="small" autoInsertSpace={false} onClick={() => onLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}>
        {t('nav.language')}
      </Button>
      <Button size="small" onClick={() => void logout()}>
        {t('nav.logout')}
      </Button>
    </>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: narrow ? 12 : 24, background: '#001529', paddingInline: narrow ? 12 : 50 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
        {narrow ? (
          <>
            <Typography.Text style={{ color: '#fff', flex: 1, minWidth: 0 }} ellipsis>
              {nav.find((item) => item.path === location.pathname)?.label}
            </Typography.Text>
            {tools}
            <Button type="text" icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />} aria-label={t('nav.menu')} onClick={() => setDrawerOpen(true)} />
          </>
        ) : (
          <>
            <Menu theme="dark" mode="horizontal" selectedKeys={[location.pathname]} style={{ flex: 1, minWidth: 0 }} items={items} />
            <Space>
              {tools}
              {who}
              {actions}
            </Space>
          </>
        )}
      </Layout.Header>
      {narrow && (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="right" size={280} title={who} className="nav-drawer">
          <Menu
            mode="inline"
            selectedKeys={[location.pathname]}
            defaultOpenKeys={items.filter((i) => i.children).map((i) => i.key)}
            items={items}
            onClick={() => setDrawerOpen(false)}
            style={{ borderInlineEnd: 0 }}
          />
          <Space style={{ marginTop: 16, paddingInline: 24 }}>{actions}</Space>
        </Drawer>
      )}
      <Layout.Content style={{ padding: narrow ? 12 : 24 }}>{children}</Layout.Content>
    </Layout>
  );
}
