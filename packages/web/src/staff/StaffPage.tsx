import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { LeaveCategory, ProbationOutcome, StaffDetail, StaffRecord, StaffRow, Team, TurnoverReport } from '@banzu/contract';
import { staffEditors } from '@banzu/contract';
import { api } from '../api/client';
import { centerDateTime, useCenterTimeZone } from '../api/center';
import { useAuth } from '../auth/AuthProvider';
import { fill, useStaffTexts, type StaffTexts } from './messages';

const outcomeColors: Record<ProbationOutcome, string> = { pending: 'blue', passed: 'green', extended: 'orange', failed: 'red' };
const categories: LeaveCategory[] = ['resigned', 'dismissed', 'probation_failed', 'contract_ended', 'transferred_out', 'other'];
const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);

type Dialog = { kind: 'edit' | 'leave'; row: StaffRow } | null;

function RecordDialog({ dialog, onClose, onSaved }: { dialog: Dialog; onClose: () => void; onSaved: () => void }) {
  const m = useStaffTexts();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!dialog) return;
    const r = dialog.row.record;
    form.setFieldsValue({
      hireDate: r?.hireDate ?? '',
      probationEnd: r?.probationEnd ?? '',
      probationOutcome: r?.probationOutcome ?? 'pending',
      leaveDate: r?.leaveDate ?? '',
      leaveCategory: r?.leaveCategory ?? undefined,
      leaveNote: r?.leaveNote ?? '',
    });
  }, [dialog, form]);
  if (!dialog) return null;
  const save = async (body: Partial<StaffRecord>) => {
    setSaving(true);
    try {
      await api('PUT', `/api/v1/staff/records/${dialog.row.agentId}`, body);
      void message.success(m.saved);
      onSaved();
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setSaving(false);
    }
  };
  const submit = async () => {
    const v = form.getFieldsValue() as Record<string, string | undefined>;
    if (dialog.kind === 'edit') {
      await save({ hireDate: v.hireDate || undefined, probationEnd: v.probationEnd || null, probationOutcome: v.probationOutcome as ProbationOutcome });
    } else {
      await save({ leaveDate: v.leaveDate || null, leaveCategory: (v.leaveCategory as LeaveCategory) ?? null, leaveNote: v.leaveNote ?? '' });
    }
  };
  return (
    <Modal
      open
      title={fill(dialog.kind === 'edit' ? m.editTitle : m.leaveTitle, { name: dialog.row.name })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      footer={(_, { OkBtn, CancelBtn }) => (
        <>
          {dialog.kind === 'leave' && dialog.row.record?.leaveDate && (
            <Button danger onClick={() => void save({ leaveDate: null })}>
              {m.cancelLeave}
            </Button>
          )}
          <CancelBtn />
          <OkBtn />
        </>
      )}
    >
      <Form form={form} layout="vertical">
        {dialog.kind === 'edit' ? (
          <>
            <Form.Item label={m.fields.hireDate} name="hireDate">
              <Input type="date" aria-label={m.fields.hireDate} />
            </Form.Item>
            <Form.Item label={m.fields.probationEnd} name="probationEnd">
              <Input type="date" aria-label={m.fields.probationEnd} />
            </Form.Item>
            <Form.Item label={m.fields.probationOutcome} name="probationOutcome">
              <Select aria-label={m.fields.probationOutcome} options={Object.entries(m.outcomes).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item label={m.fields.leaveDate} name="leaveDate">
              <Input type="date" aria-label={m.fields.leaveDate} />
            </Form.Item>
            <Form.Item label={m.fields.leaveCategory} name="leaveCategory">
              <Select aria-label={m.fields.leaveCategory} options={categories.map((c) => ({ value: c, label: m.categories[c] }))} />
            </Form.Item>
            <Form.Item label={m.fields.leaveNote} name="leaveNote">
              <Input.TextArea aria-label={m.fields.leaveNote} rows={3} maxLength={2000} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** What changed in one edit, as the leader reads it: field: before → after. */
function describeChange(m: StaffTexts, before: Partial<StaffRecord> | null, after: Partial<StaffRecord>): string {
  const show = (field: string, value: unknown) => {
    if (value === null || value === undefined || value === '') return m.none;
    if (field === 'probationOutcome') return m.outcomes[value as ProbationOutcome];
    if (field === 'leaveCategory') return m.categories[value as LeaveCategory];
    return String(value);
  };
  return Object.entries(after)
    .map(([field, value]) => {
      const label = m.fields[field as keyof StaffTexts['fields']] ?? field;
      return before ? `${label}：${show(field, before[field as keyof StaffRecord])} → ${show(field, value)}` : `${label}：${show(field, value)}`;
    })
    .join('；');
}

function HistoryDrawer({ agentId, onClose }: { agentId: string | null; onClose: () => void }) {
  const m = useStaffTexts();
  const [detail, setDetail] = useState<StaffDetail | null>(null);
  const timeZone = useCenterTimeZone() ?? 'Asia/Shanghai';
  useEffect(() => {
    setDetail(null);
    if (agentId) void api<StaffDetail>('GET', `/api/v1/staff/records/${agentId}`).then(setDetail);
  }, [agentId]);
  const at = (iso: string) => centerDateTime(iso, timeZone);
  return (
    <Drawer open={agentId !== null} onClose={onClose} title={detail ? `${m.history} · ${detail.employeeNo} ${detail.name}` : m.history} size={520}>
      {detail && (
        <>
          <Typography.Title level={5}>{m.changes}</Typography.Title>
          {detail.changes.length === 0 ? (
            <Typography.Text type="secondary">{m.noChanges}</Typography.Text>
          ) : (
            <Timeline
              items={detail.changes.map((c) => ({
                content: (
                  <>
                    <div>
                      <Tag>{c.action === 'create' ? m.created : m.updated}</Tag>
                      {fill(m.changeBy, { at: at(c.at), by: c.byName ?? '' })}
                    </div>
                    <div>{describeChange(m, c.before, c.after)}</div>
                  </>
                ),
              }))}
            />
          )}
          <Typography.Title level={5}>{m.moves}</Typography.Title>
          {detail.moves.length === 0 ? (
            <Typography.Text type="secondary">{m.noChanges}</Typography.Text>
          ) : (
            detail.moves.map((move) => (
              <div key={move.at}>{fill(m.moveLine, { at: at(move.at), from: move.fromTeamName ?? m.none, to: move.toTeamName ?? m.none, by: move.byName ?? '' })}</div>
            ))
          )}
        </>
      )}
    </Drawer>
  );
}

/** `revision` changes after every save: a new leaving date changes the figures. */
function TurnoverTable({ teamId, initialMonths, revision }: { teamId?: string; initialMonths: [string, string]; revision: number }) {
  const m = useStaffTexts();
  const [[from, to], setRange] = useState(initialMonths);
  const [report, setReport] = useState<TurnoverReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a save (revision) asks for the figures again on purpose
  useEffect(() => {
    setProblem(null);
    api<TurnoverReport>('GET', `/api/v1/staff/turnover?from=${from}&to=${to}${teamId ? `&teamId=${teamId}` : ''}`)
      .then(setReport)
      .catch((err: Error) => setProblem(err.message));
  }, [from, to, teamId, revision]);
  const cell = (c: TurnoverReport['total'][number]) => fill(m.turnover.cell, { rate: percent(c.turnover), leavers: c.leavers, headcount: c.headcount.toFixed(1) });
  const rows = report ? [...report.teams.map((t) => ({ key: t.teamId || '-', name: t.name, cells: t.cells })), { key: 'total', name: m.turnover.center, cells: report.total }] : [];
  return (
    <Card title={m.turnover.title} size="small" style={{ marginTop: 16 }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input type="month" aria-label={m.turnover.from} value={from} onChange={(e) => e.target.value && setRange([e.target.value, to])} />
        <Input type="month" aria-label={m.turnover.to} value={to} onChange={(e) => e.target.value && setRange([from, e.target.value])} />
      </Space>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
      {report && (
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          locale={{ emptyText: m.turnover.empty }}
          columns={[
            { title: m.team, dataIndex: 'name', render: (name: string, row) => (row.key === 'total' ? <strong>{name}</strong> : name) },
            ...report.months.map((month, i) => ({ title: month, key: month, render: (_: unknown, row: (typeof rows)[number]) => cell(row.cells[i]!) })),
          ]}
        />
      )}
      {report && report.byCategory.length > 0 && (
        <div style={{ marginTop: 8 }}>
          {m.turnover.byCategory}：
          {report.byCategory.map((c) => (
            <Tag key={`${c.month}-${c.category}`}>
              {c.month} {m.categories[c.category]} {c.leavers}
            </Tag>
          ))}
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {m.turnover.definition}
      </Typography.Paragraph>
    </Card>
  );
}

const monthOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** 员工档案: the team's agents with hire date, probation, tenure and leaving; edit, leaving dialog, history; turnover by month. */
export function StaffPage({ today = new Date() }: { today?: Date }) {
  const m = useStaffTexts();
  const { user } = useAuth();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string | undefined>(undefined);
  const [rows, setRows] = useState<StaffRow[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [history, setHistory] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const leader = user?.role === 'team_leader';
  const canEdit = user !== null && staffEditors.includes(user.role);

  useEffect(() => {
    if (!leader) void api<Team[]>('GET', '/api/v1/teams').then(setTeams);
  }, [leader]);
  const load = useCallback(async () => {
    const list = await api<{ items: StaffRow[] }>('GET', `/api/v1/staff/records${teamId ? `?teamId=${teamId}` : ''}`);
    setRows(list.items);
  }, [teamId]);
  useEffect(() => {
    void load();
  }, [load]);

  const sixMonthsAgo = new Date(today.getFullYear(), today.getMonth() - 5, 1);
  return (
    <div>
      <Space style={{ marginBottom: 16 }} align="center" wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {m.title}
        </Typography.Title>
        {!leader && (
          <Select
            aria-label={m.team}
            style={{ minWidth: 180 }}
            value={teamId ?? ''}
            onChange={(value: string) => setTeamId(value || undefined)}
            options={[{ value: '', label: m.allTeams }, ...teams.map((t) => ({ value: t.id, label: t.name }))]}
          />
        )}
      </Space>
      <Table
        size="small"
        rowKey="agentId"
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: m.columns.employeeNo, dataIndex: 'employeeNo' },
          { title: m.columns.name, dataIndex: 'name' },
          { title: m.columns.team, dataIndex: 'teamName' },
          { title: m.columns.hireDate, key: 'hire', render: (_, r) => r.record?.hireDate ?? <Typography.Text type="secondary">{m.noRecord}</Typography.Text> },
          {
            title: m.columns.probation,
            key: 'probation',
            render: (_, r) =>
              r.record && (
                <Space size={4}>
                  <Tag color={outcomeColors[r.record.probationOutcome]}>{m.outcomes[r.record.probationOutcome]}</Tag>
                  {r.record.probationEnd && fill(m.probationUntil, { date: r.record.probationEnd })}
                </Space>
              ),
          },
          { title: m.columns.tenure, key: 'tenure', render: (_, r) => (r.tenureMonths === null ? '' : fill(m.months, { n: r.tenureMonths })) },
          {
            title: m.columns.leaving,
            key: 'leaving',
            render: (_, r) =>
              r.record?.leaveDate && (
                <span title={r.record.leaveNote}>
                  {r.record.leaveDate} <Tag color="red">{r.record.leaveCategory ? m.categories[r.record.leaveCategory] : ''}</Tag>
                </span>
              ),
          },
          {
            title: m.columns.actions,
            key: 'actions',
            render: (_, r) => (
              <Space size={4}>
                {canEdit && (
                  <Button size="small" onClick={() => setDialog({ kind: 'edit', row: r })}>
                    {m.edit}
                  </Button>
                )}
                {canEdit && r.record && (
                  <Button size="small" danger onClick={() => setDialog({ kind: 'leave', row: r })}>
                    {m.leave}
                  </Button>
                )}
                <Button size="small" type="link" onClick={() => setHistory(r.agentId)}>
                  {m.history}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <TurnoverTable teamId={teamId} initialMonths={[monthOf(sixMonthsAgo), monthOf(today)]} revision={revision} />
      <RecordDialog
        dialog={dialog}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          setRevision((r) => r + 1);
          void load();
        }}
      />
      <HistoryDrawer agentId={history} onClose={() => setHistory(null)} />
    </div>
  );
}
