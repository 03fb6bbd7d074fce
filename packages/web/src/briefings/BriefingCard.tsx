import { useEffect, useState } from 'react';
import { App, Button, Card, Input, List, Space, Tag, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import type { Briefing } from '@banzu/contract';
import { api, ApiError } from '../api/client';
import { fill } from './messages';
import { shortTime, useBriefingTexts } from './texts';

/**
 * Today's 班前会 on the agent's desktop once the leader published it: the goal, the points, the
 * notices and the problems carried over; the agent confirms having read it. Below, a question for
 * today's 班后会.
 */
export function BriefingCard({ date }: { date: string }) {
  const { m } = useBriefingTexts();
  const { message } = App.useApp();
  const [briefing, setBriefing] = useState<Briefing | null>(null);
  const [question, setQuestion] = useState('');

  useEffect(() => {
    let current = true;
    api<Briefing>('GET', `/api/v1/briefings?date=${date}`).then(
      (b) => current && setBriefing(b),
      // Not published yet (404): the card says so.
      () => current && setBriefing(null),
    );
    return () => {
      current = false;
    };
  }, [date]);

  const fail = (err: unknown) => void message.error(err instanceof ApiError ? err.message : String(err));
  const confirm = async () => {
    if (!briefing?.id) return;
    try {
      setBriefing(await api<Briefing>('POST', `/api/v1/briefings/${briefing.id}/confirm`));
    } catch (err) {
      fail(err);
    }
  };
  const ask = async () => {
    try {
      await api('POST', '/api/v1/debriefs/problems', { date, text: question });
      setQuestion('');
      void message.success(m.raised);
    } catch (err) {
      fail(err);
    }
  };

  const mine = briefing?.roll[0] ?? null;
  const notices = briefing?.agenda.knowledge.items ?? [];
  return (
    <Card
      size="small"
      className="briefing-card"
      title={
        <Space>
          <NotificationOutlined />
          {m.card}
        </Space>
      }
    >
      {briefing ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {briefing.goal && (
            <Typography.Text strong>
              {m.goal}：{briefing.goal}
            </Typography.Text>
          )}
          {briefing.items.length > 0 && <List size="small" dataSource={briefing.items} renderItem={(item) => <List.Item>{item}</List.Item>} />}
          {notices.length > 0 && (
            <div>
              {notices.map((k) => (
                <div key={k.id}>
                  <Tag color={k.notice ? 'orange' : 'default'}>{k.notice ? m.notice : k.change === 'new' ? m.new : m.changed}</Tag>
                  {k.title}
                </div>
              ))}
            </div>
          )}
          {briefing.agenda.carriedOver.length > 0 && (
            <div>
              <Typography.Text type="secondary">{m.carried}</Typography.Text>
              {briefing.agenda.carriedOver.map((p) => (
                <div key={p.id}>
                  · {p.text}
                  {p.status === 'solved' && <Typography.Text type="success">{` — ${m.answer}：${p.answer}`}</Typography.Text>}
                </div>
              ))}
            </div>
          )}
          {mine?.confirmedAt ? (
            <Tag color="green">{fill(m.confirmedAt, { time: shortTime(mine.confirmedAt, briefing.timeZone) })}</Tag>
          ) : (
            <Button type="primary" onClick={() => void confirm()}>
              {m.confirm}
            </Button>
          )}
        </Space>
      ) : (
        <Typography.Text type="secondary">{m.cardNone}</Typography.Text>
      )}
      <Space.Compact style={{ width: '100%', marginTop: 12 }}>
        <Input aria-label={m.myProblem} placeholder={m.raisePlaceholder} value={question} maxLength={2000} onChange={(e) => setQuestion(e.target.value)} />
        <Button disabled={!question.trim()} onClick={() => void ask()}>
          {m.raise}
        </Button>
      </Space.Compact>
    </Card>
  );
}
