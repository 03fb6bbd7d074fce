import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Empty, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AssessmentPage, AssessmentSheet, Team } from '@banzu/contract';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { assessmentsEn, assessmentsZh, fill } from './messages';
import { RulesEditor } from './RulesEditor';
import { initialLanguage } from '../i18n/index';
import { ExportButton } from '../download/index';

type ComponentId = 'kpi' | 'qa' | 'attendance' | 'points' | 'exam';
const componentIds: ComponentId[] = ['kpi', 'qa', 'attendance', 'points', 'exam'];

type Component = AssessmentSheet['componentDetails']['qa'];

function useTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? assessmentsEn : assessmentsZh;
}

/** A component's figure, or a dash that says why there is none (a missing source is never shown as 0). */
/** A component's figure; attendance also says how many of the month's briefings were attended. */
function Figure({ component, percent = false }: { component: Component & { briefingsHeld?: number; briefingsAttended?: number }; percent?: boolean }) {
  const m = useTexts();
  if (component.value === null) {
    return (
      <Tooltip title={component.reason}>
        <Typography.Text type="secondary" aria-label={component.reason ?? m.noData}>
          —
        </Typography.Text>
      </Tooltip>
    );
  }
  const held = component.briefingsHeld ?? 0;
  if (!percent || held === 0) return <span>{percent ? `${component.value}%` : component.value}</span>;
  const attended = component.briefingsAttended ?? 0;
  return (
    <span>
      {component.value}%{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fill(m.briefings, { attended, held })}
      </Typography.Text>
    </span>
  );
}

const rankText = (m: typeof assessmentsZh, rank: number | null, count: number) => (rank === null ? '—' : fill(m.of, { rank, count }));

/** The leader's month: the team's sheets with ranks and bonuses, a comment per agent, the paper form as Excel. */
function TeamSheets({ month, mayEditRules }: { month: string; mayEditRules: boolean }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string>();
  const [page, setPage] = useState<AssessmentPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<AssessmentSheet | null>(null);
  const [comment, setComment] = useState('');

  useEffect(() => {
    void api<Team[]>('GET', '/api/v1/teams').then((list) => {
      setTeams(list);
      setTeamId((current) => current ?? list[0]?.id);
    });
  }, []);
  const load = useCallback(async () => {
    if (!teamId) return;
    try {
      setPage(await api<AssessmentPage>('GET', `/api/v1/assessments?month=${month}&team=${teamId}`));
      setError(null);
    } catch (err) {
      setPage(null);
      setError((err as Error).message);
    }
  }, [teamId, month]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async () => {
    if (!editing) return;
    try {
      await api('POST', `/api/v1/assessments/${month}/${editing.agentId}/comment`, { comment });
      void message.success(m.commentSaved);
      setEditing(null);
      await load();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };

  const columns = [
    { title: m.employeeNo, dataIndex: 'employeeNo', key: 'no', width: 70 },
    { title: m.name, dataIndex: 'name', key: 'name', width: 90 },
    ...componentIds.map((id) => ({
      title: m[id],
      key: id,
      render: (_: unknown, s: AssessmentSheet) => <Figure component={s.componentDetails[id]} percent={id === 'attendance'} />,
    })),
    { title: m.score, key: 'score', render: (_: unknown, s: AssessmentSheet) => <strong>{s.score ?? '—'}</strong> },
    { title: m.rank, key: 'rank', render: (_: unknown, s: AssessmentSheet) => rankText(m, s.rank, s.rankedOf) },
    { title: m.centerRank, key: 'centerRank', render: (_: unknown, s: AssessmentSheet) => rankText(m, s.centerRank, s.centerRankedOf) },
    { title: m.sick, key: 'sick', render: (_: unknown, s: AssessmentSheet) => s.leave.sick ?? 0 },
    { title: m.personal, key: 'personal', render: (_: unknown, s: AssessmentSheet) => s.leave.personal ?? 0 },
    { title: m.attendanceBonus, key: 'ab', render: (_: unknown, s: AssessmentSheet) => s.bonusDetail.attendance },
    { title: m.evaluationBonus, key: 'eb', render: (_: unknown, s: AssessmentSheet) => s.bonusDetail.evaluation },
    { title: m.bonus, key: 'bonus', render: (_: unknown, s: AssessmentSheet) => <strong>{s.bonus}</strong> },
    {
      title: m.comment,
      key: 'comment',
      render: (_: unknown, s: AssessmentSheet) => (
        <Space direction="vertical" size={0}>
          <span>{s.comment}</span>
          {!s.frozen && (
            <Button
              size="small"
              type="link"
              onClick={() => {
                setEditing(s);
                setComment(s.comment);
              }}
            >
              {m.editComment}
            </Button>
          )}
        </Space>
      ),
    },
    {
      title: m.confirmation,
      key: 'confirmed',
      render: (_: unknown, s: AssessmentSheet) => (s.confirmedAt ? <Tag color="green">{m.confirmed}</Tag> : <Tag>{m.notConfirmed}</Tag>),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select aria-label={m.team} style={{ minWidth: 160 }} value={teamId} onChange={setTeamId} options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        <ExportButton disabled={!page || !teamId} href={`/api/v1/assessments/export?month=${month}&team=${teamId ?? ''}&lang=${initialLanguage()}`}>
          {m.export}
        </ExportButton>
      </Space>
      {error && <Alert type="error" message={error} />}
      {mayEditRules && <RulesEditor onSaved={() => void load()} />}
      {page && (
        <>
          <Typography.Text type="secondary">{fill(m.weights, page.rules.weights)}</Typography.Text>
          <Table rowKey="agentId" size="small" columns={columns} dataSource={page.items} pagination={false} scroll={{ x: true }} />
        </>
      )}
      <Modal open={editing !== null} title={`${m.comment} · ${editing?.name ?? ''}`} okText={m.saveComment} onOk={() => void save()} onCancel={() => setEditing(null)}>
        <Input.TextArea aria-label={m.comment} rows={4} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Modal>
    </Space>
  );
}

/** The agent's own sheet, with the confirm button once the month is over. */
function MySheet({ month }: { month: string }) {
  const m = useTexts();
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  const { message } = App.useApp();
  const [page, setPage] = useState<AssessmentPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setPage(await api<AssessmentPage>('GET', `/api/v1/assessments?month=${month}`));
      setError(null);
    } catch (err) {
      setPage(null);
      setError((err as Error).message);
    }
  }, [month]);
  useEffect(() => {
    void load();
  }, [load]);
  const confirm = async () => {
    try {
      await api('POST', `/api/v1/assessments/${month}/confirm`);
      void message.success(m.confirmDone);
      await load();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  if (error) return <Alert type="error" message={error} />;
  const sheet = page?.items[0];
  if (!page) return null;
  if (!sheet) return <Empty description={m.noSheet} />;
  const kind = (k: string) => m.leaveKinds[k] ?? k;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions bordered size="small" column={1}>
        {componentIds.map((id) => (
          <Descriptions.Item key={id} label={m[id]}>
            {sheet.componentDetails[id].value === null ? (
              <Typography.Text type="secondary">— {sheet.componentDetails[id].reason}</Typography.Text>
            ) : (
              <Figure component={sheet.componentDetails[id]} percent={id === 'attendance'} />
            )}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={m.score}>
          <strong>{sheet.score ?? '—'}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.rank}>{rankText(m, sheet.rank, sheet.rankedOf)}</Descriptions.Item>
        <Descriptions.Item label={m.centerRank}>{rankText(m, sheet.centerRank, sheet.centerRankedOf)}</Descriptions.Item>
        <Descriptions.Item label={m.leave}>
          {sheet.bonusDetail.deductions.length === 0
            ? '—'
            : sheet.bonusDetail.deductions.map((d) => <div key={d.kind}>{fill(d.forfeit ? m.forfeit : m.deduction, { kind: kind(d.kind), days: d.days, amount: d.amount })}</div>)}
        </Descriptions.Item>
        <Descriptions.Item label={m.attendanceBonus}>
          {fill(m.yuan, { amount: sheet.bonusDetail.attendance })}
          {sheet.bonusDetail.absence.forfeit && <div>{fill(m.absenceForfeit, { days: sheet.bonusDetail.absence.days })}</div>}
        </Descriptions.Item>
        <Descriptions.Item label={m.evaluationBonus}>{fill(m.yuan, { amount: sheet.bonusDetail.evaluation })}</Descriptions.Item>
        <Descriptions.Item label={m.bonus}>
          <strong>{fill(m.yuan, { amount: sheet.bonus })}</strong>
        </Descriptions.Item>
        <Descriptions.Item label={m.comment}>{sheet.comment || '—'}</Descriptions.Item>
      </Descriptions>
      {sheet.confirmedAt ? (
        <Tag color="green">{fill(m.confirmedAt, { at: centerDateTime(sheet.confirmedAt, timeZone) })}</Tag>
      ) : (
        <Space>
          <Button type="primary" disabled={!page.monthOver} onClick={() => void confirm()}>
            {m.confirm}
          </Button>
          {!page.monthOver && <Typography.Text type="secondary">{m.confirmAfterMonth}</Typography.Text>}
        </Space>
      )}
    </Space>
  );
}

/**
 * 月度考核: a team leader (or supervisor, manager) picks the month and team and sees each agent's
 * components, score, ranks and bonus, writes comments and exports the paper form; an agent sees the
 * own sheet and confirms it after the month.
 */
export function AssessmentsPage({ initialMonth }: { initialMonth?: string }) {
  const m = useTexts();
  const { user } = useAuth();
  // The month a leader assesses is usually the one just ended.
  const [month, setMonth] = useState(initialMonth ?? dayjs().subtract(1, 'month').format('YYYY-MM'));
  const isAgent = user?.role === 'agent';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{isAgent ? m.mySheet : m.title}</Typography.Title>
      <DatePicker
        picker="month"
        aria-label={m.month}
        allowClear={false}
        value={dayjs(`${month}-01`)}
        disabledDate={(d) => d.isAfter(dayjs(), 'month')}
        onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
      />
      {isAgent ? <MySheet month={month} /> : <TeamSheets month={month} mayEditRules={user?.role === 'manager' || user?.role === 'admin'} />}
    </Space>
  );
}
