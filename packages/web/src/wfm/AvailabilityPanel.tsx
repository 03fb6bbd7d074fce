import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AgentUnavailability } from '@banzu/contract';
import { api } from '../api/client';
import { availabilityEn, availabilityZh } from './availability-messages';

export function useAvailabilityTexts() {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? availabilityEn : availabilityZh;
}

/** Half-hour times of a day, 00:00 to 24:00, for the window's ends. */
const times = Array.from({ length: 49 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`);

/** A window as a reader says it: 周三 18:00-24:00, or 2026-02-11 全天. */
export function windowText(w: Pick<AgentUnavailability, 'weekday' | 'date' | 'start' | 'end'>, t: typeof availabilityZh): string {
  const day = w.weekday ? `${t.weekly}${t.weekdays[w.weekday]}` : w.date;
  return `${day} ${w.start === '00:00' && w.end === '24:00' ? t.wholeDay : `${w.start}-${w.end}`}`;
}

/**
 * 可用性: the windows an agent cannot work, listed with a form to add one (every week on a weekday,
 * or one date; the whole day or from-to) and a button to remove each. Given `agents`, the team
 * leader's view: each row names the agent and the form asks for whom.
 *
 * @example
 * <AvailabilityPanel month="2026-03" />
 * <AvailabilityPanel month="2026-03" teamId="t1" agents={roster.agents} onChange={reload} />
 */
export function AvailabilityPanel({ month, teamId, agents, onChange }: { month: string; teamId?: string; agents?: { userId: string; name: string }[]; onChange?: () => void }) {
  const t = useAvailabilityTexts();
  const { message } = App.useApp();
  const [items, setItems] = useState<AgentUnavailability[]>([]);
  const [agentId, setAgentId] = useState<string>();
  const [repeat, setRepeat] = useState<'weekly' | 'date'>('weekly');
  const [weekday, setWeekday] = useState(3);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [start, setStart] = useState('00:00');
  const [end, setEnd] = useState('24:00');
  const [note, setNote] = useState('');

  const load = useCallback(async () => {
    const query = teamId ? `?team=${teamId}&month=${month}` : `?month=${month}`;
    setItems((await api<{ items: AgentUnavailability[] }>('GET', `/api/v1/wfm/availability${query}`)).items);
  }, [teamId, month]);
  useEffect(() => {
    void load().catch(() => setItems([]));
  }, [load]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      void message.success(done);
      await load();
      onChange?.();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  const add = () =>
    run(
      () =>
        api('POST', '/api/v1/wfm/availability', {
          ...(agents ? { agentId } : {}),
          ...(repeat === 'weekly' ? { weekday } : { date: date?.format('YYYY-MM-DD') }),
          start,
          end,
          note,
        }),
      t.added,
    ).then(() => setNote(''));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Text type="secondary">{t.hint}</Typography.Text>
      <Space wrap>
        {agents && (
          <Select
            aria-label={t.agent}
            placeholder={t.agent}
            style={{ width: 120 }}
            value={agentId}
            onChange={setAgentId}
            options={agents.map((a) => ({ value: a.userId, label: a.name }))}
          />
        )}
        <Select
          aria-label={t.when}
          style={{ width: 100 }}
          value={repeat}
          onChange={setRepeat}
          options={[
            { value: 'weekly', label: t.weekly },
            { value: 'date', label: t.oneDay },
          ]}
        />
        {repeat === 'weekly' ? (
          <Select
            aria-label={t.weekday}
            style={{ width: 90 }}
            value={weekday}
            onChange={setWeekday}
            options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t.weekdays[d] }))}
          />
        ) : (
          <DatePicker aria-label={t.date} value={date} onChange={setDate} />
        )}
        <Select aria-label={t.from} style={{ width: 90 }} virtual={false} value={start} onChange={setStart} options={times.slice(0, -1).map((x) => ({ value: x, label: x }))} />
        <Select aria-label={t.to} style={{ width: 90 }} virtual={false} value={end} onChange={setEnd} options={times.slice(1).map((x) => ({ value: x, label: x }))} />
        <Input aria-label={t.note} placeholder={t.note} style={{ width: 180 }} maxLength={200} value={note} onChange={(e) => setNote(e.target.value)} />
        <Button type="primary" disabled={(agents && !agentId) || (repeat === 'date' && !date)} onClick={() => void add()}>
          {t.add}
        </Button>
      </Space>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={items}
        locale={{ emptyText: t.none }}
        columns={[
          ...(agents ? [{ title: t.agent, dataIndex: 'agentName', key: 'agent' }] : []),
          { title: t.when, key: 'when', render: (_: unknown, w: AgentUnavailability) => windowText(w, t) },
          { title: t.note, dataIndex: 'note', key: 'note' },
          {
            title: '',
            key: 'remove',
            render: (_: unknown, w: AgentUnavailability) => (
              <Button size="small" onClick={() => void run(() => api('DELETE', `/api/v1/wfm/availability/${w.id}`), t.removed)}>
                {t.remove}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
