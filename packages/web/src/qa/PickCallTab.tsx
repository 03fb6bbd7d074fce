import { useCallback, useEffect, useState } from 'react';
import { Button, DatePicker, Drawer, Space, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { QaPickableCall } from '@banzu/contract';
import { api } from '../api/client';
import { ScorePanel } from './ScorePanel';
import { centerDateTime } from '../api/center';
import { clock } from '../live/format';

/**
 * 自选抽听: a day's recorded calls to pick one to score outside the sample — a team leader the own
 * team's (seed 003: the leader evaluates the team's work), QA any; calls already scored say so.
 *
 * @example
 * <PickCallTab timeZone="Asia/Shanghai" />
 */
export function PickCallTab({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<Dayjs>(dayjs());
  const [calls, setCalls] = useState<QaPickableCall[] | null>(null);
  const [scoring, setScoring] = useState<string | null>(null);
  const load = useCallback(() => void api<QaPickableCall[]>('GET', `/api/v1/qa/calls?date=${date.format('YYYY-MM-DD')}`).then(setCalls), [date]);
  useEffect(load, [load]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DatePicker aria-label={t('qa.pick.date')} value={date} allowClear={false} onChange={(d) => d && setDate(d)} />
      <Table<QaPickableCall>
        size="small"
        rowKey="callId"
        loading={calls === null}
        dataSource={calls ?? []}
        columns={[
          { title: t('qa.columns.startedAt'), render: (_, c) => centerDateTime(c.startedAt, timeZone) },
          { title: t('qa.columns.agent'), render: (_, c) => `${c.employeeNo ?? ''} ${c.agentName}` },
          { title: t('qa.call.queue'), dataIndex: 'queueName' },
          { title: t('qa.columns.from'), dataIndex: 'from' },
          { title: t('qa.columns.talk'), render: (_, c) => clock(c.talkSeconds) },
          {
            title: '',
            render: (_, c) =>
              c.evaluationId ? (
                <Tag color="green">{t('qa.pick.scored')}</Tag>
              ) : (
                <Button size="small" type="primary" onClick={() => setScoring(c.callId)}>
                  {t('qa.score')}
                </Button>
              ),
          },
        ]}
      />
      <Drawer open={scoring !== null} width={1100} onClose={() => setScoring(null)} destroyOnHidden>
        {scoring && <ScorePanel callId={scoring} timeZone={timeZone} onScored={load} />}
      </Drawer>
    </Space>
  );
}
