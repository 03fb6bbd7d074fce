import { Card, Empty, List, Space, Table, Tag, Typography } from 'antd';
import type { BriefingAgenda, BriefingKpiLine } from '@banzu/contract';
import { fill } from './messages';
import { useBriefingTexts } from './texts';

/** A figure as its unit reads: a share in %, seconds as m:ss, counts whole. */
export function showFigure(line: Pick<BriefingKpiLine, 'unit'>, value: number | null, noData: string): string {
  if (value === null) return noData;
  switch (line.unit) {
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return value >= 60 ? `${Math.floor(value / 60)}:${String(Math.round(value % 60)).padStart(2, '0')}` : `${value.toFixed(0)} s`;
    case 'count':
      return String(Math.round(value));
    default:
      return value.toFixed(1);
  }
}

/** `HH:MM` of a local `YYYY-MM-DDTHH:MM`. */
const hhmm = (local: string) => local.slice(11, 16);

/** The prepared agenda: yesterday's figures against target, QA items, knowledge, today's schedule, carried-over problems. */
export function Agenda({ agenda }: { agenda: BriefingAgenda }) {
  const { m, english } = useBriefingTexts();
  const { schedule } = agenda;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={fill(m.kpis, { date: agenda.yesterday })}>
        <Table<BriefingKpiLine>
          size="small"
          pagination={false}
          rowKey="metricId"
          dataSource={agenda.kpis}
          columns={[
            { title: m.metric, key: 'metric', render: (_, l) => (english ? l.en : l.zh) },
            { title: m.value, key: 'value', align: 'right', render: (_, l) => showFigure(l, l.value, m.noData) },
            { title: m.target, key: 'target', align: 'right', render: (_, l) => (l.target === null ? '—' : showFigure(l, l.target, m.noData)) },
            {
              title: m.met,
              key: 'met',
              render: (_, l) => (l.met === null ? '—' : <Tag color={l.met ? 'green' : 'red'}>{l.met ? m.yes : m.no}</Tag>),
            },
          ]}
        />
        {agenda.serviceLevel && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {english ? agenda.serviceLevel.en : agenda.serviceLevel.zh}
          </Typography.Text>
        )}
      </Card>
      <Card size="small" title={fill(m.qa, { from: agenda.qa.from, to: agenda.qa.to })}>
        <List
          size="small"
          dataSource={agenda.qa.items}
          locale={{ emptyText: m.noQa }}
          renderItem={(item) => (
            <List.Item extra={`${m.failed} ${item.failed} / ${item.of}`}>
              <Space>
                {item.text}
                {item.fatal && <Tag color="red">{m.fatal}</Tag>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={fill(m.knowledge, { from: agenda.knowledge.from })}>
        <List
          size="small"
          dataSource={agenda.knowledge.items}
          locale={{ emptyText: m.noKnowledge }}
          renderItem={(item) => (
            <List.Item>
              <Space>
                {item.notice && <Tag color="orange">{m.notice}</Tag>}
                <Tag>{item.change === 'new' ? m.new : m.changed}</Tag>
                {item.title}
                {item.category && <Typography.Text type="secondary">{item.category}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={m.schedule}>
        {schedule.roster === 'published' ? (
          <Space orientation="vertical" size={4}>
            <div>
              <Typography.Text strong>{m.on}：</Typography.Text>
              {schedule.on.length ? schedule.on.map((a) => `${a.name}（${a.shift} ${hhmm(a.start)}-${hhmm(a.end)}）`).join('、') : m.nobody}
            </div>
            <div>
              <Typography.Text strong>{m.off}：</Typography.Text>
              {schedule.off.length ? schedule.off.map((a) => a.name).join('、') : m.nobody}
            </div>
          </Space>
        ) : (
          <Typography.Text type="secondary">{schedule.roster === 'draft' ? m.rosterDraft : m.rosterMissing}</Typography.Text>
        )}
        <div>
          <Typography.Text strong>{m.leave}：</Typography.Text>
          {schedule.leave.source === 'missing' ? (
            <Typography.Text type="secondary">{m.leaveMissing}</Typography.Text>
          ) : schedule.leave.agents.length ? (
            schedule.leave.agents.map((a) => `${a.name}（${m.leaveKinds[a.kind] ?? a.kind}）`).join('、')
          ) : (
            m.nobody
          )}
        </div>
      </Card>
      <Card size="small" title={m.carried}>
        {agenda.carriedOver.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.noCarried} />
        ) : (
          <List
            size="small"
            dataSource={agenda.carriedOver}
            renderItem={(p) => (
              <List.Item extra={<Typography.Text type="secondary">{fill(m.raisedBy, { name: p.raisedByName, date: p.date })}</Typography.Text>}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text>{p.text}</Typography.Text>
                  {p.status === 'solved' && <Typography.Text type="success">{`${m.answer}：${p.answer}`}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
