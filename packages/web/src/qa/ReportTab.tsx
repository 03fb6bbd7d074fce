import { useEffect, useState } from 'react';
import { Card, DatePicker, Radio, Select, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { localDate } from '@banzu/core';
import type { QaReport } from '@banzu/contract';
import { api } from '../api/client';
import { useRefusal } from '../api/center';
import { initialLanguage } from '../i18n/index';
import { showScore } from './format';
import { ExportButton } from '../download/index';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * 质检报表: per agent, team or inspector over a range of the center's dates (this month so far by
 * default), narrowed to one agent or one inspector if asked; disputes with their rate and outcome;
 * every item with its failures, average share earned and fatal rate; the daily trend; Excel export.
 */
export function ReportTab({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const refuse = useRefusal();
  // The center's today, not the browser's: a manager abroad still reports the center's month.
  const today = dayjs(localDate(Date.now(), timeZone));
  const [range, setRange] = useState<[Dayjs, Dayjs]>([today.startOf('month'), today]);
  const [by, setBy] = useState<QaReport['by']>('agent');
  const [agentId, setAgentId] = useState<string | undefined>(undefined);
  const [inspectorId, setInspectorId] = useState<string | undefined>(undefined);
  const [report, setReport] = useState<QaReport | null>(null);
  // Kept while the next report loads, so a chosen agent or inspector stays named.
  const [choices, setChoices] = useState<QaReport['choices']>({ agents: [], inspectors: [] });
  const query = new URLSearchParams({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), by });
  if (agentId) query.set('agentId', agentId);
  if (inspectorId) query.set('inspectorId', inspectorId);
  const search = query.toString();
  useEffect(() => {
    setReport(null);
    api<QaReport>('GET', `/api/v1/qa/report?${search}`).then((r) => {
      setReport(r);
      setChoices(r.choices);
    }, refuse);
  }, [search, refuse]);
  const rowName = (key: string, name: string) => (by === 'team' && key === '' ? t('qa.report.noTeam') : name);
  const people = (list: { id: string; name: string }[]) => list.map((p) => ({ value: p.id, label: p.name }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <DatePicker.RangePicker value={range} onChange={(r) => r?.[0] && r[1] && setRange([r[0], r[1]])} />
        <Radio.Group
          value={by}
          onChange={(e) => setBy(e.target.value)}
          options={[
            { value: 'agent', label: t('qa.report.byAgent') },
            { value: 'team', label: t('qa.report.byTeam') },
            { value: 'inspector', label: t('qa.report.byInspector') },
          ]}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('qa.report.agent')}
          placeholder={t('qa.report.agent')}
          value={agentId}
          onChange={setAgentId}
          options={people(choices.agents)}
          style={{ width: 150 }}
        />
        <Select
          allowClear
          aria-label={t('qa.report.inspector')}
          placeholder={t('qa.report.inspector')}
          value={inspectorId}
          onChange={setInspectorId}
          options={people(choices.inspectors)}
          style={{ width: 150 }}
        />
        <ExportButton href={`/api/v1/qa/report/export.xlsx?${search}&lang=${initialLanguage()}`}>{t('qa.report.export')}</ExportButton>
      </Space>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        loading={report === null}
        dataSource={report ? [...report.rows, report.total] : []}
        columns={[
          { title: t(`qa.columns.${by === 'team' ? 'team' : by === 'inspector' ? 'inspector' : 'agent'}`), render: (_, r) => rowName(r.key, r.name) },
          { title: t('qa.columns.evaluations'), dataIndex: 'evaluations' },
          { title: t('qa.columns.average'), render: (_, r) => showScore(r.averageScore) },
          { title: t('qa.columns.fatalRate'), render: (_, r) => percent(r.fatalRate) },
          { title: t('qa.columns.nonFatalRate'), render: (_, r) => percent(r.nonFatalRate) },
          { title: t('qa.columns.disputes'), dataIndex: 'disputes' },
          { title: t('qa.report.disputeRate'), render: (_, r) => percent(r.disputeRate) },
          { title: t('qa.report.outcome'), render: (_, r) => t('qa.report.outcomeValue', { upheld: r.upheld, changed: r.changed }) },
        ]}
      />
      <Card size="small" title={t('qa.report.mostFailed')}>
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={report?.items ?? []}
          columns={[
            {
              title: t('qa.columns.item'),
              render: (_, i) => (
                <span>
                  {i.text} {i.fatal && <Tag color="red">{t('qa.fatal')}</Tag>}
                </span>
              ),
            },
            { title: t('qa.columns.failed'), render: (_, i) => `${i.failed} / ${i.of}` },
            { title: t('qa.report.earnedShare'), render: (_, i) => percent(i.earnedShare) },
            { title: t('qa.report.itemFatalRate'), render: (_, i) => percent(i.fatalRate) },
          ]}
        />
      </Card>
      <Card size="small" title={t('qa.report.trend')}>
        <Table
          size="small"
          rowKey="day"
          pagination={false}
          dataSource={report?.trend ?? []}
          columns={[
            { title: t('qa.columns.startedAt'), dataIndex: 'day' },
            { title: t('qa.columns.average'), render: (_, d) => showScore(d.averageScore) },
            { title: t('qa.columns.evaluations'), dataIndex: 'evaluations' },
            { title: t('qa.columns.fatalRate'), render: (_, d) => percent(d.fatalRate) },
          ]}
        />
      </Card>
    </Space>
  );
}
