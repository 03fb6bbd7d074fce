import { Spin, Tabs, Typography } from 'antd';
import { localParts, teamScope, type Role } from '@banzu/core';
import { examResultReaders, trainers } from '@banzu/contract';
import { useCenterTimeZone } from '../api/center';
import { useAuth } from '../auth/AuthProvider';
import { CoursesTab } from './CoursesTab';
import { ExamsTab } from './ExamsTab';
import { MonthScores } from './MonthScores';
import { MyExams } from './MyExams';
import { useTexts } from './texts';

/**
 * 培训考试: agents take their exams and read courses; trainers (and managers) write courses and exams,
 * publish, read results and export the month's scores; team leaders read their team's results.
 */
export function TrainingPage() {
  const m = useTexts();
  const { user } = useAuth();
  const timeZone = useCenterTimeZone();
  if (!user || !timeZone) return <Spin />;
  const role: Role = user.role;
  const canRun = trainers.includes(role);
  const readsResults = examResultReaders.includes(role);
  const now = localParts(Date.now(), timeZone);
  const month = `${now.year}-${String(now.month).padStart(2, '0')}`;
  const items = [
    ...(role === 'agent' ? [{ key: 'mine', label: m.tabs.myExams, children: <MyExams timeZone={timeZone} /> }] : []),
    ...(readsResults ? [{ key: 'exams', label: m.tabs.exams, children: <ExamsTab timeZone={timeZone} canRun={canRun} /> }] : []),
    {
      key: 'scores',
      label: m.tabs.scores,
      children: <MonthScores month={month} canExport={readsResults} allTeams={teamScope({ userId: user.id, role, teamId: user.teamId }).kind === 'all'} />,
    },
    { key: 'courses', label: m.tabs.courses, children: <CoursesTab canRun={canRun} /> },
  ];
  return (
    <>
      <Typography.Title level={3}>{m.title}</Typography.Title>
      <Tabs items={items} destroyOnHidden />
    </>
  );
}
