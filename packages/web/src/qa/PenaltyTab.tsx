import { useCallback, useEffect, useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { QaPenaltyStanding } from '@banzu/contract';
import { api } from '../api/client';
import { centerDateTime, useRefusal } from '../api/center';

/**
 * 处理跟进: the agents of the leader's scope by their current step on the penalty ladder — who needs
 * the reminder slip signed, the fine booked as a discipline item, the warning or interview (约谈)
 * carried out — and recording that it was done.
 */
export function PenaltyTab({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const refuse = useRefusal();
  const english = i18n.language === 'en';
  const [pending, setPending] = useState(true);
  const [step, setStep] = useState<string | undefined>(undefined);
  const [list, setList] = useState<QaPenaltyStanding[] | null>(null);
  const [closing, setClosing] = useState<QaPenaltyStanding | null>(null);
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    api<QaPenaltyStanding[]>('GET', `/api/v1/qa/penalties?pending=${pending}`).then(setList, (err) => {
      setList([]);
      refuse(err);
    });
  }, [pending, refuse]);
  useEffect(load, [load]);
  const post = async (path: string, body: object) => {
    try {
      await api('POST', path, body);
      message.success(t('qa.penalty.saved'));
      load();
      return true;
    } catch (err) {
      refuse(err);
      return false;
    }
  };
  const stepName = (s: QaPenaltyStanding['step']) => (english ? s.en : s.zh);
  const steps = [...new Map((list ?? []).map((s) => [s.step.code, s.step])).values()];
  const shown = (list ?? []).filter((s) => !step || s.step.code === step);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Switch checked={pending} onChange={setPending} aria-label={t('qa.penalty.pendingOnly')} />
        <span>{t('qa.penalty.pendingOnly')}</span>
        <Select
          allowClear
          aria-label={t('qa.penalty.step')}
          placeholder={t('qa.penalty.all')}
          value={step}
          onChange={setStep}
          options={steps.map((s) => ({ value: s.code, label: stepName(s) }))}
          style={{ width: 160 }}
        />
      </Space>
      <Table<QaPenaltyStanding>
        size="small"
        rowKey="evaluationId"
        loading={list === null}
        dataSource={shown}
        locale={{ emptyText: t('qa.penalty.none') }}
        columns={[
          { title: t('qa.columns.agent'), render: (_, s) => `${s.employeeNo ?? ''} ${s.agentName}` },
          { title: t('qa.columns.team'), dataIndex: 'teamName' },
          {
            title: t('qa.penalty.step'),
            render: (_, s) => (
              <Tag color={s.step.slip ? 'red' : 'gold'}>
                {s.stepNumber ? `${s.stepNumber}. ` : ''}
                {stepName(s.step)}
              </Tag>
            ),
          },
          { title: t('qa.penalty.offences'), dataIndex: 'offences' },
          { title: t('qa.penalty.next'), render: (_, s) => (s.nextStep ? stepName(s.nextStep) : '—') },
          { title: t('qa.penalty.call'), render: (_, s) => `${centerDateTime(s.callStartedAt, timeZone)} · ${s.items.map((i) => i.text).join('、')}` },
          {
            title: t('qa.penalty.slip'),
            render: (_, s) =>
              s.slipSigned === null ? '—' : <Tag color={s.slipSigned ? 'green' : 'red'}>{s.slipSigned ? t('qa.penalty.slipSigned') : t('qa.penalty.slipUnsigned')}</Tag>,
          },
          { title: t('qa.penalty.expires'), dataIndex: 'expiresOn' },
          {
            title: t('qa.penalty.todo'),
            render: (_, s) =>
              s.done ? (
                <span>
                  {t('qa.penalty.done', { by: s.done.by, at: centerDateTime(s.done.at, timeZone) })}
                  {s.done.note ? ` · ${s.done.note}` : ''}
                </span>
              ) : (
                s.todo.map((todo) => (
                  <Tag key={todo} color="orange">
                    {t(`qa.penalty.todos.${todo}`)}
                  </Tag>
                ))
              ),
          },
          {
            title: '',
            render: (_, s) => (
              <Space>
                {s.todo.includes('book_fine') && (
                  <Button size="small" onClick={() => void post(`/api/v1/qa/penalties/${s.evaluationId}/fine`, {})}>
                    {t('qa.penalty.bookFine')}
                  </Button>
                )}
                {s.disciplinePointId && <Tag color="blue">{t('qa.penalty.fineBooked')}</Tag>}
                {!s.done && (
                  <Button size="small" type="primary" onClick={() => setClosing(s)}>
                    {t('qa.penalty.markDone')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={closing !== null}
        title={closing ? `${t('qa.penalty.markDone')} · ${closing.agentName} · ${stepName(closing.step)}` : ''}
        onCancel={() => setClosing(null)}
        onOk={async () => {
          if (await post(`/api/v1/qa/penalties/${closing!.evaluationId}/done`, { note: note.trim() })) {
            setClosing(null);
            setNote('');
          }
        }}
      >
        <Input.TextArea aria-label={t('qa.penalty.doneNote')} placeholder={t('qa.penalty.doneNote')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Space>
  );
}
