import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Team, TargetNote } from '@banzu/contract';
import { api, type ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';

/** Who may write a team's 原因 and 改善计划, as the server allows: a leader the own team, floor managers any. */
const writers = new Set(['team_leader', 'supervisor', 'manager', 'admin']);

/**
 * Seed 002's 原因 and 改善计划 for a team and month against the report's metric. A leader writes
 * only the own team's; what was recorded before fills the form when team and month are chosen.
 */
export function TargetNoteForm({ metricId, month, notes, onSaved }: { metricId: string; month: Dayjs; notes: TargetNote[]; onSaved(): void }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [noteMonth, setNoteMonth] = useState(month);
  const [reason, setReason] = useState('');
  const [plan, setPlan] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const ownTeam = user?.role === 'team_leader' ? user.teamId : null;

  useEffect(() => {
    if (!user || !writers.has(user.role)) return;
    api<Team[]>('GET', '/api/v1/teams').then(
      (all) => {
        const mine = ownTeam ? all.filter((team) => team.id === ownTeam) : all;
        setTeams(mine);
        setTeamId((current) => current ?? mine[0]?.id ?? null);
      },
      (err: ApiError) => setError(err.message),
    );
  }, [user, ownTeam]);

  const yyyyMm = noteMonth.format('YYYY-MM');
  const recorded = (team: string | null, at: string) => notes.find((n) => n.metricId === metricId && n.teamId === team && n.month === at);
  const existing = recorded(teamId, yyyyMm);
  /** Another team or month: its recorded words, or empty fields. */
  const choose = (team: string | null, at: Dayjs) => {
    setTeamId(team);
    setNoteMonth(at);
    setReason(recorded(team, at.format('YYYY-MM'))?.reason ?? '');
    setPlan(recorded(team, at.format('YYYY-MM'))?.plan ?? '');
    setSaved(false);
  };
  // What was recorded for the chosen team and month, again after a save brings the report back.
  const recordedReason = existing?.reason ?? '';
  const recordedPlan = existing?.plan ?? '';
  useEffect(() => {
    setReason(recordedReason);
    setPlan(recordedPlan);
  }, [recordedReason, recordedPlan]);

  if (!user || !writers.has(user.role)) return null;

  const save = async () => {
    if (!teamId) return;
    setSaving(true);
    try {
      await api<TargetNote>('PUT', '/api/v1/targets/notes', { metricId, teamId, month: yyyyMm, reason, plan });
      setError(null);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError((err as ApiError).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title={t('reports.noteForm')}>
      <Form layout="vertical" onFinish={save}>
        <Space wrap>
          <Form.Item label={t('reports.dims.team')}>
            <Select
              aria-label={t('reports.dims.team')}
              value={teamId}
              onChange={(v) => choose(v, noteMonth)}
              disabled={ownTeam !== null}
              style={{ width: 180 }}
              options={teams.map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
          <Form.Item label={t('reports.noteMonth')}>
            <DatePicker picker="month" value={noteMonth} onChange={(v) => v && choose(teamId, v)} allowClear={false} />
          </Form.Item>
        </Space>
        <Form.Item label={t('reports.reasonLabel')}>
          <Input.TextArea
            aria-label={t('reports.reasonLabel')}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setSaved(false);
            }}
            maxLength={2000}
            autoSize={{ minRows: 2 }}
          />
        </Form.Item>
        <Form.Item label={t('reports.planLabel')}>
          <Input.TextArea
            aria-label={t('reports.planLabel')}
            value={plan}
            onChange={(e) => {
              setPlan(e.target.value);
              setSaved(false);
            }}
            maxLength={2000}
            autoSize={{ minRows: 2 }}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        {saved && <Alert type="success" showIcon title={t('reports.noteSaved')} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={saving} disabled={!teamId || (reason.trim() === '' && plan.trim() === '')}>
          {t('reports.saveNote')}
        </Button>
      </Form>
    </Card>
  );
}
