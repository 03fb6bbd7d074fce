import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, DatePicker, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AttendanceAgent, AttendanceShift, Team, TeamAttendance } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { percent } from '../live/format';
import { attendanceEn, attendanceZh } from './attendance-messages';
import { fill } from './messages';
import { ExportButton } from '../download/index';

function useTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? attendanceEn : attendanceZh;
}

const statusColor: Record<AttendanceShift['status'], string> = {
  upcoming: 'default',
  present: 'green',
  late: 'red',
  early_leave: 'orange',
  late_and_early: 'volcano',
  absent: 'magenta',
};

type Row = AttendanceShift & { userId: string; employeeNo: string; name: string };

/**
 * 考勤: a team's month against its published roster — per agent late arrivals, early leaves,
 * absences, 出勤率, adherence and conformance; each shift's attendance, which the team leader
 * corrects with a reason; the Excel sheet.
 *
 * @example
 * <Route path="/attendance" element={<AttendancePage />} />
 */
export function AttendancePage({ initialMonth }: { initialMonth?: string }) {
  const m = useTexts();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string | undefined>(user?.teamId ?? undefined);
  const [month, setMonth] = useState<Dayjs>(() => (initialMonth ? dayjs(`${initialMonth}-01`) : dayjs()));
  const [data, setData] = useState<TeamAttendance | null>(null);
  const [onlyExceptions, setOnlyExceptions] = useState(true);
  const [correcting, setCorrecting] = useState<Row | null>(null);
  const key = month.format('YYYY-MM');

  useEffect(() => {
    void api<Team[]>('GET', '/api/v1/teams').then((list) => {
      setTeams(list);
      setTeamId((current) => current ?? list[0]?.id);
    });
  }, []);

  const load = useCallback(async () => {
    if (!teamId) return;
    try {
      setData(await api<TeamAttendance>('GET', `/api/v1/wfm/attendance/${teamId}/${key}`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setData(null);
      else void message.error((err as Error).message);
    }
  }, [teamId, key, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const rows: Row[] = (data?.agents ?? []).flatMap((a) =>
    a.shifts
      .filter((s) => s.status !== 'upcoming' && (!onlyExceptions || s.status !== 'present' || s.correction || s.halfDayLeave))
      .map((s) => ({ ...s, userId: a.userId, employeeNo: a.employeeNo, name: a.name })),
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {m.title}
        </Typography.Title>
        <Select aria-label={m.team} style={{ width: 140 }} value={teamId} onChange={setTeamId} options={teams.map((t) => ({ value: t.id, label: t.name }))} />
        <DatePicker aria-label={m.month} picker="month" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} />
        <ExportButton disabled={!data} href={`/api/v1/wfm/attendance/${teamId}/${key}?format=xlsx&lang=${m === attendanceEn ? 'en' : 'zh-CN'}`}>
          {m.export}
        </ExportButton>
        {data && <Typography.Text type="secondary">{fill(m.grace, { minutes: data.graceMinutes })}</Typography.Text>}
      </Space>
      {!data ? (
        <Empty description={m.noRoster} />
      ) : (
        <>
          <Card size="small" title={m.agents}>
            <Table<AttendanceAgent>
              size="small"
              rowKey="userId"
              pagination={false}
              className="attendance-agents"
              dataSource={data.agents}
              columns={[
                { title: m.employeeNo, dataIndex: 'employeeNo', key: 'no' },
                { title: m.name, dataIndex: 'name', key: 'name' },
                { title: m.late, dataIndex: 'late', key: 'late', align: 'right' },
                { title: m.earlyLeave, dataIndex: 'earlyLeave', key: 'early', align: 'right' },
                { title: m.absent, dataIndex: 'absent', key: 'absent', align: 'right' },
                { title: m.attendanceRate, dataIndex: 'attendanceRate', key: 'rate', align: 'right', render: (v: number | null) => percent(v) },
                { title: m.adherence, dataIndex: 'adherence', key: 'adherence', align: 'right', render: (v: number | null) => percent(v) },
                { title: m.conformance, dataIndex: 'conformance', key: 'conformance', align: 'right', render: (v: number | null) => percent(v) },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={m.details}
            extra={<Switch checked={onlyExceptions} onChange={setOnlyExceptions} checkedChildren={m.onlyExceptions} unCheckedChildren={m.onlyExceptions} />}
          >
            <Table<Row>
              size="small"
              rowKey={(r) => `${r.userId} ${r.date}`}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              className="attendance-shifts"
              dataSource={rows}
              onRow={(r) => ({ 'data-agent': r.employeeNo, 'data-date': r.date, 'data-status': r.status }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: m.date, dataIndex: 'date', key: 'date' },
                { title: m.employeeNo, dataIndex: 'employeeNo', key: 'no' },
                { title: m.name, dataIndex: 'name', key: 'name' },
                { title: m.shift, dataIndex: 'shift', key: 'shift' },
                { title: m.hours, key: 'hours', render: (_: unknown, r) => `${r.start.slice(11)}-${r.end.slice(11)}` },
                {
                  title: m.status,
                  key: 'status',
                  render: (_: unknown, r) => (
                    <Space size={4}>
                      <Tag color={statusColor[r.status]} className="attendance-status">
                        {m.statuses[r.status]}
                      </Tag>
                      {r.halfDayLeave && <Tag color="blue">{m.halfDayLeave[r.halfDayLeave]}</Tag>}
                      {r.correction && (
                        <Tooltip title={fill(m.was, { status: m.statuses[r.computedStatus] })}>
                          <Tag>{m.corrected}</Tag>
                        </Tooltip>
                      )}
                    </Space>
                  ),
                },
                { title: m.lateMinutes, dataIndex: 'lateMinutes', key: 'late', align: 'right' },
                { title: m.earlyMinutes, dataIndex: 'earlyMinutes', key: 'early', align: 'right' },
                { title: m.adherence, dataIndex: 'adherence', key: 'adherence', align: 'right', render: (v: number | null) => percent(v) },
                { title: m.conformance, dataIndex: 'conformance', key: 'conformance', align: 'right', render: (v: number | null) => percent(v) },
                {
                  title: m.correction,
                  key: 'correction',
                  render: (_: unknown, r) => (
                    <Space size={4}>
                      {r.correction && <Typography.Text type="secondary">{`${r.correction.byName}: ${r.correction.reason}`}</Typography.Text>}
                      <Button size="small" onClick={() => setCorrecting(r)}>
                        {m.correct}
                      </Button>
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <CorrectDialog
        row={correcting}
        teamId={teamId}
        onClose={() => setCorrecting(null)}
        onSaved={() => {
          setCorrecting(null);
          void message.success(m.saved);
          void load();
        }}
      />
    </Space>
  );
}

function CorrectDialog({ row, teamId, onClose, onSaved }: { row: Row | null; teamId: string | undefined; onClose(): void; onSaved(): void }) {
  const m = useTexts();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: Exclude<AttendanceShift['status'], 'upcoming'>; reason: string }>();
  const [busy, setBusy] = useState(false);
  const save = async (values: { status: string; reason: string }) => {
    if (!row || !teamId) return;
    setBusy(true);
    try {
      await api('PUT', `/api/v1/wfm/attendance/${teamId}/${row.userId}/${row.date}`, values);
      onSaved();
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={row !== null}
      title={row ? fill(m.correctTitle, { name: `${row.employeeNo} ${row.name}`, date: row.date }) : ''}
      okText={m.save}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} preserve={false} initialValues={{ status: 'present', reason: '' }}>
        <Form.Item name="status" label={m.newStatus}>
          <Select aria-label={m.newStatus} options={(['present', 'late', 'early_leave', 'late_and_early', 'absent'] as const).map((s) => ({ value: s, label: m.statuses[s] }))} />
        </Form.Item>
        <Form.Item name="reason" label={m.reason} rules={[{ required: true, whitespace: true, message: m.reasonRequired }]}>
          <Input.TextArea aria-label={m.reason} rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
