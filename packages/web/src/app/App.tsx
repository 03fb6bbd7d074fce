import { lazy, Suspense, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import antdEn from 'antd/locale/en_US';
import antdZh from 'antd/locale/zh_CN';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { Role } from '@banzu/contract';
import { orgAdminRoles } from '@banzu/core';
import { AuthProvider, useAuth } from '../auth/AuthProvider';
import { LoginPage } from '../auth/LoginPage';
import { i18next, rememberLanguage, type Language } from '../i18n/index';
import { FloorProvider } from '../live/FloorProvider';
import { Shell, type NavItem } from '../layout/Shell';
import { TicketBell } from '../tickets/TicketBell';
import { HomePage } from './HomePage';
import { wfmEn, wfmZh } from '../wfm/messages';
import { attendanceEn, attendanceZh } from '../wfm/attendance-messages';
import { disciplineEn, disciplineZh } from '../discipline/messages';
import { trainingEn, trainingZh } from '../training/messages';
import { briefingsEn, briefingsZh } from '../briefings/messages';
import { handoversEn, handoversZh } from '../handovers/messages';
import { assessmentsEn, assessmentsZh } from '../assessments/messages';
import { leaveEn, leaveZh } from '../leave/messages';
import { staffEn, staffZh } from '../staff/messages';
import { liveMonitorEn, liveMonitorZh } from '../wallboard/monitor-messages';

// Each page is a chunk of its own, loaded when first opened: an agent's first load carries the desktop, not the reports' charts.
const AdminPage = lazy(() => import('../admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const CampaignsPage = lazy(() => import('../campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const CustomersPage = lazy(() => import('../crm/CustomersPage').then((m) => ({ default: m.CustomersPage })));
const DesktopPage = lazy(() => import('../desktop/DesktopPage').then((m) => ({ default: m.DesktopPage })));
const OrgPage = lazy(() => import('../org/OrgPage').then((m) => ({ default: m.OrgPage })));
const ReportsPage = lazy(() => import('../reports/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const KbPage = lazy(() => import('../tickets/KbPage').then((m) => ({ default: m.KbPage })));
const TicketsPage = lazy(() => import('../tickets/TicketsPage').then((m) => ({ default: m.TicketsPage })));
const QaPage = lazy(() => import('../qa/QaPage').then((m) => ({ default: m.QaPage })));
const HandoversPage = lazy(() => import('../handovers/HandoversPage').then((m) => ({ default: m.HandoversPage })));
const WfmPage = lazy(() => import('../wfm/WfmPage').then((m) => ({ default: m.WfmPage })));
const AttendancePage = lazy(() => import('../wfm/AttendancePage').then((m) => ({ default: m.AttendancePage })));
const DisciplinePage = lazy(() => import('../discipline/DisciplinePage').then((m) => ({ default: m.DisciplinePage })));
const TrainingPage = lazy(() => import('../training/TrainingPage').then((m) => ({ default: m.TrainingPage })));
const LeavePage = lazy(() => import('../leave/LeavePage').then((m) => ({ default: m.LeavePage })));
const AssessmentsPage = lazy(() => import('../assessments/AssessmentsPage').then((m) => ({ default: m.AssessmentsPage })));
const WallboardPage = lazy(() => import('../wallboard/WallboardPage').then((m) => ({ default: m.WallboardPage })));
const BriefingsPage = lazy(() => import('../briefings/BriefingsPage').then((m) => ({ default: m.BriefingsPage })));
const StaffPage = lazy(() => import('../staff/StaffPage').then((m) => ({ default: m.StaffPage })));
const InterviewsPage = lazy(() => import('../staff/InterviewsPage').then((m) => ({ default: m.InterviewsPage })));

const orgViewers: ReadonlySet<Role> = new Set(['team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin']);
const floorLeaders: ReadonlySet<Role> = new Set(['team_leader', 'supervisor', 'manager', 'admin']);
const orgAdmins: ReadonlySet<Role> = new Set(orgAdminRoles);

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
  const pick = <T,>(zh: T, en: T) => (language === 'en' ? en : zh);
  const agent = user.role === 'agent';
  const leads = floorLeaders.has(user.role);
  const team = t('nav.groups.team');
  const service = t('nav.groups.service');
  const quality = t('nav.groups.quality');
  const people = t('nav.groups.people');
  if (agent) nav.push({ path: '/desktop', label: t('nav.desktop') });
  if (leads) nav.push({ path: '/wallboard', label: t('nav.wallboard') });
  if (leads) nav.push({ path: '/briefings', label: pick(briefingsZh, briefingsEn).title, group: team });
  if (leads) nav.push({ path: '/handovers', label: pick(handoversZh, handoversEn).title, group: team });
  if (agent || leads) {
    nav.push({ path: '/wfm', label: pick(wfmZh, wfmEn)[agent ? 'mySchedule' : 'title'], group: team });
    if (leads) nav.push({ path: '/attendance', label: pick(attendanceZh, attendanceEn).title, group: team });
    nav.push({ path: '/leave', label: pick(leaveZh, leaveEn)[agent ? 'myLeave' : 'title'], group: team });
    nav.push({ path: '/discipline', label: pick(disciplineZh, disciplineEn).title, group: team });
    nav.push({ path: '/assessments', label: pick(assessmentsZh, assessmentsEn)[agent ? 'mySheet' : 'title'], group: team });
  }
  nav.push({ path: '/customers', label: t('crm.title'), group: service });
  nav.push({ path: '/tickets', label: t('tickets.title'), group: service });
  nav.push({ path: '/kb', label: t('tickets.kb.title'), group: service });
  if (leads) nav.push({ path: '/campaigns', label: t('campaigns.title'), group: service });
  nav.push({ path: '/qa', label: t('qa.title'), group: quality });
  // QA listens in on live calls (seed 004: 实时监听) on the wallboard, with a menu of monitoring only.
  if (user.role === 'qa') nav.push({ path: '/wallboard', label: pick(liveMonitorZh, liveMonitorEn).title, group: quality });
  nav.push({ path: '/training', label: pick(trainingZh, trainingEn).title, group: quality });
  if (leads) nav.push({ path: '/staff', label: pick(staffZh, staffEn).title, group: people });
  if (orgViewers.has(user.role)) nav.push({ path: '/interviews', label: pick(staffZh, staffEn).interviews.title, group: people });
  if (orgViewers.has(user.role)) nav.push({ path: '/org', label: t('nav.org'), group: people });
  nav.push({ path: '/reports', label: t('reports.title') });
  nav.push({ path: '/profile', label: t('nav.home') });
  if (orgAdmins.has(user.role)) nav.push({ path: '/admin', label: t('nav.admin') });
  return (
    <FloorProvider key={user.id}>
      <Shell nav={nav} language={language} onLanguage={onLanguage} tools={<TicketBell color="#fff" />}>
        <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
          <Routes>
            <Route path="/profile" element={<HomePage />} />
            {user.role === 'agent' && <Route path="/desktop" element={<DesktopPage />} />}
            {(floorLeaders.has(user.role) || user.role === 'qa') && <Route path="/wallboard" element={<WallboardPage />} />}
            {orgViewers.has(user.role) && <Route path="/org" element={<OrgPage />} />}
            {floorLeaders.has(user.role) && <Route path="/campaigns" element={<CampaignsPage />} />}
            {orgAdmins.has(user.role) && <Route path="/admin" element={<AdminPage />} />}
            <Route path="/customers" element={<CustomersPage />} />
            <Route path="/reports" element={<ReportsPage />} />
            <Route path="/tickets" element={<TicketsPage />} />
            <Route path="/kb" element={<KbPage />} />
            <Route path="/qa" element={<QaPage />} />
            <Route path="/training" element={<TrainingPage />} />
            {(user.role === 'agent' || floorLeaders.has(user.role)) && <Route path="/wfm" element={<WfmPage />} />}
            {floorLeaders.has(user.role) && <Route path="/attendance" element={<AttendancePage />} />}
            {(user.role === 'agent' || floorLeaders.has(user.role)) && <Route path="/discipline" element={<DisciplinePage />} />}
            {floorLeaders.has(user.role) && <Route path="/handovers" element={<HandoversPage />} />}
            {(user.role === 'agent' || floorLeaders.has(user.role)) && <Route path="/assessments" element={<AssessmentsPage />} />}
            {(user.role === 'agent' || floorLeaders.has(user.role)) && <Route path="/leave" element={<LeavePage />} />}
            {floorLeaders.has(user.role) && <Route path="/briefings" element={<BriefingsPage />} />}
            {floorLeaders.has(user.role) && <Route path="/staff" element={<StaffPage />} />}
            {orgViewers.has(user.role) && <Route path="/interviews" element={<InterviewsPage />} />}
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
        </Suspense>
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
