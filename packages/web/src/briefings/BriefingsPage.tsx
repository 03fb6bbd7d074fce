import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Input, List, Popconfirm, Row, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Briefing, BriefingRollLine, Debrief, DebriefProblem, Team } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { useAuth } from '../auth/AuthProvider';
import { Agenda } from './Agenda';
import { fill } from './messages';
import { shortTime, useBriefingTexts } from './texts';

const problemColors: Record<DebriefProblem['status'], string> = { open: 'blue', solved: 'green', unsolved: 'orange' };

/** The day's query: the team (floor roles name one; a leader's own otherwise) and the date (today on the server's clock when absent). */
const dayQuery = (teamId: string | undefined, date: string | undefined) => {
  const q = new URLSearchParams();
  if (teamId) q.set('team', teamId);
  if (date) q.set('date', date);
  const s = q.toString();
  return s ? `?${s}` : '';
};

/**
 * 班前会/班后会 for the team leader: the agenda the system prepared, the day's goal and points,
 * publishing, attendance and the agents' confirmations; the debrief's problems answered or carried over.
 */
export function BriefingsPage() {
  const { m } = useBriefingTexts();
  const { user } = useAuth();
  const [teams, setTeams] = useState<Team[]>([]);
  const [teamId, setTeamId] = useState<string>();
  // The date asked for (none: the server's today) and the date of the briefing shown.
  const [date, setDate] = useState<string | undefined>();
  const [shown, setShown] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const ownTeam = user?.teamId ?? null;

  const signedIn = user !== null;
  useEffect(() => {
    if (!signedIn || ownTeam) return;
    // The floor's roles have no team of their own: they pick one.
    void api<Team[]>('GET', '/api/v1/teams').then((list) => {
      setTeams(list);
      setTeamId((current) => current ?? list[0]?.id);
    });
  }, [signedIn, ownTeam]);

  const ready = Boolean(ownTeam || teamId);
  if (!user) return null;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {m.title}
        </Typography.Title>
        {!ownTeam && <Select aria-label={m.team} style={{ minWidth: 180 }} value={teamId} onChange={setTeamId} options={teams.map((t) => ({ value: t.id, label: t.name }))} />}
        <DatePicker aria-label={m.date} allowClear={false} value={(date ?? shown) ? dayjs(date ?? shown) : null} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
      </Space>
      {error && <Alert type="error" title={error} showIcon closable onClose={() => setError(null)} />}
      {ready && (
        <Tabs
          items={[
            { key: 'briefing', label: m.briefing, children: <BriefingTab teamId={teamId} date={date} onLoaded={setShown} onError={setError} /> },
            { key: 'debrief', label: m.debrief, children: <DebriefTab teamId={teamId} date={date} onError={setError} /> },
          ]}
        />
      )}
    </Space>
  );
}

function BriefingTab({ teamId, date, onLoaded, onError }: { teamId?: string; date?: string; onLoaded: (d: string) => void; onError: (e: string) => void }) {
  const { m } = useBriefingTexts();
  const { message } = App.useApp();
  const [briefing, setBriefing] = useState<Briefing | null>(null);
  const [goal, setGoal] = useState('');
  const [items, setItems] = useState('');
  const [busy, setBusy] = useState(false);

  const show = useCallback((b: Briefing) => {
    setBriefing(b);
    setGoal(b.goal);
    setItems(b.items.join('\n'));
  }, []);

  useEffect(() => {
    let current = true;
    api<Briefing>('GET', `/api/v1/briefings${dayQuery(teamId, date)}`).then(
      (b) => {
        if (!current) return;
        show(b);
        onLoaded(b.date);
      },
      (err: unknown) => current && onError(err instanceof ApiError ? err.message : String(err)),
    );
    return () => {
      current = false;
    };
  }, [teamId, date, show, onLoaded, onError]);

  if (!briefing) return null;
  const published = briefing.status === 'published';
  const save = async (publish: boolean) => {
    setBusy(true);
    try {
      const lines = items
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      show(await api<Briefing>('POST', '/api/v1/briefings', { team: briefing.teamId, date: briefing.date, goal, items: lines, publish }));
      void message.success(publish ? m.publishedDone : m.saved);
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const mark = async (line: BriefingRollLine, attended: boolean) => {
    try {
      show(await api<Briefing>('POST', `/api/v1/briefings/${briefing.id}/attendance`, { agentId: line.agentId, attended }));
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Agenda agenda={briefing.agenda} />
      </Col>
      <Col xs={24} xl={10}>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Card
            size="small"
            title={
              <Space>
                {briefing.teamName} · {briefing.date}
                <Tag color={published ? 'green' : briefing.status === 'draft' ? 'blue' : 'default'}>{m.status[briefing.status]}</Tag>
              </Space>
            }
          >
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>{m.goal}</Typography.Text>
              <Input aria-label={m.goal} value={goal} maxLength={200} placeholder={m.goalPlaceholder} disabled={published} onChange={(e) => setGoal(e.target.value)} />
              <Typography.Text strong>{m.items}</Typography.Text>
              <Input.TextArea aria-label={m.items} value={items} rows={4} placeholder={m.itemsPlaceholder} disabled={published} onChange={(e) => setItems(e.target.value)} />
              {published ? (
                briefing.publishedAt && (
                  <Typography.Text type="secondary">
                    {fill(m.publishedBy, { name: briefing.publishedByName ?? '', time: shortTime(briefing.publishedAt, briefing.timeZone) })}
                  </Typography.Text>
                )
              ) : (
                <Space>
                  <Button loading={busy} onClick={() => void save(false)}>
                    {m.save}
                  </Button>
                  <Popconfirm title={m.publishConfirm} okText={m.publishOk} cancelText={m.cancel} onConfirm={() => save(true)}>
                    <Button type="primary" loading={busy}>
                      {m.publish}
                    </Button>
                  </Popconfirm>
                </Space>
              )}
            </Space>
          </Card>
          <Card size="small" title={m.roll}>
            <Table<BriefingRollLine>
              size="small"
              pagination={false}
              rowKey="agentId"
              dataSource={briefing.roll}
              locale={{ emptyText: m.rollEmpty }}
              columns={[
                { title: m.employeeNo, dataIndex: 'employeeNo' },
                { title: m.name, dataIndex: 'name' },
                {
                  title: m.attended,
                  key: 'attended',
                  render: (_, line) => (
                    <Checkbox aria-label={`${m.attended} ${line.name}`} checked={line.attendedAt !== null} onChange={(e) => void mark(line, e.target.checked)}>
                      {line.attendedAt ? shortTime(line.attendedAt, briefing.timeZone) : ''}
                    </Checkbox>
                  ),
                },
                {
                  title: m.confirmed,
                  key: 'confirmed',
                  render: (_, line) =>
                    line.confirmedAt ? <Tag color="green">{shortTime(line.confirmedAt, briefing.timeZone)}</Tag> : <Typography.Text type="secondary">{m.notYet}</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Space>
      </Col>
    </Row>
  );
}

function DebriefTab({ teamId, date, onError }: { teamId?: string; date?: string; onError: (e: string) => void }) {
  const { m } = useBriefingTexts();
  const { message } = App.useApp();
  const [debrief, setDebrief] = useState<Debrief | null>(null);
  const [text, setText] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    try {
      setDebrief(await api<Debrief>('GET', `/api/v1/debriefs${dayQuery(teamId, date)}`));
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  }, [teamId, date, onError]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!debrief) return null;
  const raise = async () => {
    try {
      await api('POST', '/api/v1/debriefs/problems', { team: debrief.teamId, date: debrief.date, text });
      setText('');
      void message.success(m.raised);
      await load();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const decide = async (p: DebriefProblem, solved: boolean) => {
    try {
      await api('POST', `/api/v1/debriefs/problems/${p.id}/decision`, { solved, answer: answers[p.id] ?? '' });
      await load();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const problemList = (problems: DebriefProblem[], empty: string) => (
    <List
      size="small"
      dataSource={problems}
      locale={{ emptyText: empty }}
      renderItem={(p) => (
        <List.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Tag color={problemColors[p.status]}>{m.problemStatus[p.status]}</Tag>
              <Typography.Text>{p.text}</Typography.Text>
              <Typography.Text type="secondary">{fill(m.raisedBy, { name: p.raisedByName, date: p.date })}</Typography.Text>
            </Space>
            {p.status === 'solved' ? (
              <Typography.Text type="success">
                {m.answer}：{p.answer}
              </Typography.Text>
            ) : (
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  aria-label={`${m.answer} ${p.text}`}
                  placeholder={m.answerPlaceholder}
                  value={answers[p.id] ?? ''}
                  onChange={(e) => setAnswers((a) => ({ ...a, [p.id]: e.target.value }))}
                />
                <Button type="primary" onClick={() => void decide(p, true)}>
                  {m.solved}
                </Button>
                {p.status === 'open' && <Button onClick={() => void decide(p, false)}>{m.unsolved}</Button>}
              </Space.Compact>
            )}
          </Space>
        </List.Item>
      )}
    />
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={`${m.problems} · ${debrief.date}`} extra={<Typography.Text type="secondary">{m.carriedHint}</Typography.Text>}>
          {problemList(debrief.problems, m.noProblems)}
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Input aria-label={m.raise} placeholder={m.raisePlaceholder} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
            <Button type="primary" disabled={!text.trim()} onClick={() => void raise()}>
              {m.raise}
            </Button>
          </Space.Compact>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={m.carried}>
          {problemList(debrief.carriedOver, m.noCarried)}
        </Card>
      </Col>
    </Row>
  );
}
