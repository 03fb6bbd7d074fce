import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Radio, Select, Space, Spin, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { defaultPenaltyLadder, samplingSchedules, type PenaltyLadder, type PenaltyStep, type QualityTiers, type SamplingPlan, type SpeechRule } from '@banzu/core';
import type { QaForm, QaSettings, Queue } from '@banzu/contract';
import { api, ApiError, refusalText } from '../api/client';

/** Changes some settings of the draft; stable, so a card re-renders only when its own part changes. */
type Change = (patch: Partial<QaSettings>) => void;

/** A number field of the settings: a cleared field stays empty, and the server names what is missing. */
function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  disabled,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  step?: number;
  disabled?: boolean;
}) {
  return (
    <Space>
      <span>{label}</span>
      <InputNumber aria-label={label} size="small" min={min} max={max} step={step} disabled={disabled} value={value} onChange={(v) => onChange(v as number)} />
    </Space>
  );
}

/**
 * What the server refused, as it said it: each problem's own sentence, which names the setting in
 * Chinese, without the field's path in the body (`body.sampling.perAgent: …`).
 */
function settingsRefusal(err: unknown): string {
  const issues = err instanceof ApiError && Array.isArray(err.details) ? (err.details as { message?: unknown }[]) : [];
  const said = issues.map((i) => i.message).filter((m): m is string => typeof m === 'string');
  return said.length > 0 ? [...new Set(said)].join('；') : refusalText(err);
}

/** A new rule's or step's id, not yet taken. */
const freshId = (prefix: string, taken: readonly string[]) => {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

/** Whether the agent signs, and the deadline in working days. */
const AcknowledgementCard = memo(function AcknowledgementCard({ required, days, change }: { required: boolean; days: number; change: Change }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('qa.settings.acknowledgement')}>
      <Space wrap size="large">
        <Space>
          <span>{t('qa.settings.requireAcknowledgement')}</span>
          <Switch aria-label={t('qa.settings.requireAcknowledgement')} checked={required} onChange={(requireAcknowledgement) => change({ requireAcknowledgement })} />
        </Space>
        <NumberField label={t('qa.settings.acknowledgementDays')} min={0} value={days} onChange={(acknowledgementDays) => change({ acknowledgementDays })} />
        <Typography.Text type="secondary">{t('qa.settings.acknowledgementHint')}</Typography.Text>
      </Space>
    </Card>
  );
});

/** 抽检计划: the quota per agent and period, and the thresholds of the rules that pick calls. */
const SamplingCard = memo(function SamplingCard({ plan, queues, change }: { plan: SamplingPlan; queues: Queue[]; change: Change }) {
  const { t } = useTranslation();
  const set = (patch: Partial<SamplingPlan>) => change({ sampling: { ...plan, ...patch } });
  return (
    <Card size="small" title={t('qa.settings.sampling')}>
      <Space wrap size="large">
        <NumberField label={t('qa.settings.perAgent')} min={0} value={plan.perAgent} onChange={(perAgent) => set({ perAgent })} />
        <Space>
          <span>{t('qa.settings.period')}</span>
          <Radio.Group
            value={plan.period}
            onChange={(e) => set({ period: e.target.value })}
            options={(['day', 'week', 'month'] as const).map((p) => ({ value: p, label: t(`qa.settings.periods.${p}`) }))}
          />
        </Space>
        <Space>
          <span>{t('qa.settings.schedule')}</span>
          <Radio.Group
            value={plan.schedule}
            onChange={(e) => set({ schedule: e.target.value })}
            options={samplingSchedules.map((v) => ({ value: v, label: t(`qa.settings.schedules.${v}`) }))}
          />
        </Space>
        <NumberField label={t('qa.settings.longTalkSeconds')} min={1} value={plan.longTalkSeconds} onChange={(longTalkSeconds) => set({ longTalkSeconds })} />
        <NumberField label={t('qa.settings.shortTalkSeconds')} min={0} value={plan.shortTalkSeconds} onChange={(shortTalkSeconds) => set({ shortTalkSeconds })} />
        <NumberField label={t('qa.settings.longHoldSeconds')} min={1} value={plan.longHoldSeconds} onChange={(longHoldSeconds) => set({ longHoldSeconds })} />
        <Space>
          <span>{t('qa.settings.repeatHours')}</span>
          <Radio.Group
            value={plan.repeatHours}
            onChange={(e) => set({ repeatHours: e.target.value })}
            options={([24, 48] as const).map((n) => ({ value: n, label: t('qa.settings.hours', { n }) }))}
          />
        </Space>
        <NumberField label={t('qa.settings.lowSatisfaction')} min={0} value={plan.lowSatisfaction} onChange={(lowSatisfaction) => set({ lowSatisfaction })} />
        <NumberField label={t('qa.settings.newAgentWeight')} min={1} step={0.5} value={plan.newAgentWeight} onChange={(newAgentWeight) => set({ newAgentWeight })} />
        <Space>
          <span>{t('qa.settings.complaintQueueIds')}</span>
          <Select
            aria-label={t('qa.settings.complaintQueueIds')}
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            value={plan.complaintQueueIds}
            onChange={(complaintQueueIds) => set({ complaintQueueIds })}
            options={queues.map((q) => ({ value: q.id, label: q.name }))}
          />
        </Space>
      </Space>
    </Card>
  );
});

/** Seed 004's 优/中等/差: agents classed by their recent confirmed scores, the good heard less and the poor more. */
const TiersCard = memo(function TiersCard({ plan, change }: { plan: SamplingPlan; change: Change }) {
  const { t } = useTranslation();
  const tiers = plan.tiers;
  const set = (patch: Partial<QualityTiers>) => change({ sampling: { ...plan, tiers: { ...tiers, ...patch } } });
  const off = !tiers.enabled;
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{t('qa.settings.tiers')}</span>
          <Switch size="small" aria-label={t('qa.settings.tiers')} checked={tiers.enabled} onChange={(enabled) => set({ enabled })} />
        </Space>
      }
      extra={<Typography.Text type="secondary">{t('qa.settings.tiersHint')}</Typography.Text>}
    >
      <Space wrap size="large">
        <NumberField label={t('qa.settings.lookbackDays')} min={1} disabled={off} value={tiers.lookbackDays} onChange={(lookbackDays) => set({ lookbackDays })} />
        <NumberField label={t('qa.settings.minEvaluations')} min={1} disabled={off} value={tiers.minEvaluations} onChange={(minEvaluations) => set({ minEvaluations })} />
        <NumberField label={t('qa.settings.goodFrom')} min={0} max={100} disabled={off} value={tiers.goodFrom} onChange={(goodFrom) => set({ goodFrom })} />
        <NumberField label={t('qa.settings.poorBelow')} min={0} max={100} disabled={off} value={tiers.poorBelow} onChange={(poorBelow) => set({ poorBelow })} />
        <NumberField label={t('qa.settings.goodWeight')} min={0} max={1} step={0.1} disabled={off} value={tiers.goodWeight} onChange={(goodWeight) => set({ goodWeight })} />
        <NumberField label={t('qa.settings.poorWeight')} min={1} step={0.5} disabled={off} value={tiers.poorWeight} onChange={(poorWeight) => set({ poorWeight })} />
      </Space>
    </Card>
  );
});

/** 处理阶梯: seed 004's steps or the center's own, in order, the window and what counts as a repeat. */
const LadderCard = memo(function LadderCard({ ladder, change }: { ladder: PenaltyLadder; change: Change }) {
  const { t } = useTranslation();
  const set = (patch: Partial<PenaltyLadder>) => change({ ladder: { ...ladder, ...patch } });
  const steps = ladder.steps;
  const setStep = (i: number, patch: Partial<PenaltyStep>) => set({ steps: steps.map((s, n) => (n === i ? { ...s, ...patch } : s)) });
  const move = (i: number, by: -1 | 1) => {
    const next = [...steps];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    set({ steps: next });
  };
  const label = (what: string, n: number) => `${t(`qa.settings.${what}`)} ${n + 1}`;
  return (
    <Card size="small" title={t('qa.settings.ladder')} extra={<Typography.Text type="secondary">{t('qa.settings.ladderHint')}</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Table<PenaltyStep & { n: number }>
          size="small"
          pagination={false}
          rowKey="n"
          dataSource={steps.map((s, n) => ({ ...s, n }))}
          columns={[
            { title: '#', width: 40, render: (_, s) => s.n + 1 },
            {
              title: t('qa.settings.stepZh'),
              render: (_, s) => <Input size="small" aria-label={label('stepZh', s.n)} value={s.zh} onChange={(e) => setStep(s.n, { zh: e.target.value })} />,
            },
            {
              title: t('qa.settings.stepEn'),
              render: (_, s) => <Input size="small" aria-label={label('stepEn', s.n)} value={s.en} onChange={(e) => setStep(s.n, { en: e.target.value })} />,
            },
            {
              title: t('qa.settings.stepCode'),
              width: 150,
              render: (_, s) => <Input size="small" aria-label={label('stepCode', s.n)} value={s.code} onChange={(e) => setStep(s.n, { code: e.target.value })} />,
            },
            {
              title: t('qa.settings.slip'),
              width: 110,
              render: (_, s) => <Checkbox aria-label={label('slip', s.n)} checked={s.slip} onChange={(e) => setStep(s.n, { slip: e.target.checked })} />,
            },
            {
              title: '',
              width: 190,
              render: (_, s) => (
                <Space size={4}>
                  <Button size="small" disabled={s.n === 0} onClick={() => move(s.n, -1)}>
                    {t('qa.settings.up')}
                  </Button>
                  <Button size="small" disabled={s.n === steps.length - 1} onClick={() => move(s.n, 1)}>
                    {t('qa.settings.down')}
                  </Button>
                  <Button size="small" danger aria-label={`${t('qa.settings.remove')} ${s.zh}`} onClick={() => set({ steps: steps.filter((_, n) => n !== s.n) })}>
                    {t('qa.settings.remove')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
        <Space wrap>
          <Button
            size="small"
            type="dashed"
            onClick={() =>
              set({
                steps: [
                  ...steps,
                  {
                    code: freshId(
                      'step',
                      steps.map((s) => s.code),
                    ),
                    zh: '',
                    en: '',
                    slip: true,
                  },
                ],
              })
            }
          >
            {t('qa.settings.addStep')}
          </Button>
          <Button size="small" onClick={() => set({ steps: defaultPenaltyLadder.steps.map((s) => ({ ...s })) })}>
            {t('qa.settings.restoreLadder')}
          </Button>
        </Space>
        <Space wrap size="large">
          <NumberField label={t('qa.settings.windowDays')} min={1} value={ladder.windowDays} onChange={(windowDays) => set({ windowDays })} />
          <Space>
            <span>{t('qa.settings.countBy')}</span>
            <Radio.Group
              value={ladder.countBy}
              onChange={(e) => set({ countBy: e.target.value })}
              options={(['same_item', 'any_fatal'] as const).map((c) => ({ value: c, label: t(`qa.settings.countBys.${c}`) }))}
            />
          </Space>
        </Space>
      </Space>
    </Card>
  );
});

/** 质检明星: the confirmed evaluations an agent needs to be star of the day and of the month. */
const StarCard = memo(function StarCard({ minimum, change }: { minimum: QaSettings['starMinimum']; change: Change }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('qa.settings.star')}>
      <Space wrap size="large">
        <NumberField label={t('qa.settings.starDay')} min={1} value={minimum.day} onChange={(day) => change({ starMinimum: { ...minimum, day } })} />
        <NumberField label={t('qa.settings.starMonth')} min={1} value={minimum.month} onChange={(month) => change({ starMinimum: { ...minimum, month } })} />
      </Space>
    </Card>
  );
});

/** 质检日志: the calls each inspector hears a day (seed 004: 60), the log's target. */
const LogCard = memo(function LogCard({ target, change }: { target: number; change: Change }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('qa.settings.log')}>
      <NumberField label={t('qa.settings.dailyTarget')} min={0} value={target} onChange={(dailyTarget) => change({ dailyTarget })} />
    </Card>
  );
});

/** 语音规则: banned phrases (禁语), required phrases and keywords, who says them, and the item each answers. */
const SpeechCard = memo(function SpeechCard({ rules, forms, change }: { rules: SpeechRule[]; forms: QaForm[]; change: Change }) {
  const { t } = useTranslation();
  const setRule = (i: number, patch: Partial<SpeechRule>) => change({ speechRules: rules.map((r, n) => (n === i ? { ...r, ...patch } : r)) });
  // A rule without an item only flags calls: the key is left out rather than sent empty.
  const setItemKey = (i: number, itemKey: string | undefined) =>
    change({
      speechRules: rules.map((r, n) => {
        if (n !== i) return r;
        const { itemKey: _, ...rest } = r;
        return itemKey ? { ...rest, itemKey } : rest;
      }),
    });
  // Rules link items by key across the sheets in use: one option per key.
  const itemOptions = useMemo(
    () => [...new Map(forms.flatMap((f) => f.sections.flatMap((s) => s.items)).map((it) => [it.key, { value: it.key, label: `${it.text}（${it.key}）` }])).values()],
    [forms],
  );
  const label = (what: string, n: number) => `${t(`qa.settings.${what}`)} ${n + 1}`;
  return (
    <Card size="small" title={t('qa.settings.speech')} extra={<Typography.Text type="secondary">{t('qa.settings.speechHint')}</Typography.Text>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Table<SpeechRule & { n: number }>
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={rules.map((r, n) => ({ ...r, n }))}
          columns={[
            {
              title: t('qa.settings.kind'),
              width: 130,
              render: (_, r) => (
                <Select
                  size="small"
                  aria-label={label('kind', r.n)}
                  value={r.kind}
                  onChange={(kind) => setRule(r.n, { kind })}
                  options={(['banned', 'required', 'keyword'] as const).map((k) => ({ value: k, label: t(`qa.settings.kinds.${k}`) }))}
                  style={{ width: 120 }}
                />
              ),
            },
            {
              title: t('qa.settings.phrases'),
              render: (_, r) => (
                <Select
                  size="small"
                  mode="tags"
                  aria-label={label('phrases', r.n)}
                  value={r.phrases}
                  onChange={(phrases) => setRule(r.n, { phrases })}
                  open={false}
                  style={{ width: '100%', minWidth: 220 }}
                />
              ),
            },
            {
              title: t('qa.settings.speaker'),
              width: 120,
              render: (_, r) => (
                <Select
                  size="small"
                  aria-label={label('speaker', r.n)}
                  value={r.speaker}
                  onChange={(speaker) => setRule(r.n, { speaker })}
                  options={(['agent', 'customer', 'any'] as const).map((k) => ({ value: k, label: t(`qa.settings.speakers.${k}`) }))}
                  style={{ width: 110 }}
                />
              ),
            },
            {
              title: t('qa.settings.itemKey'),
              width: 220,
              render: (_, r) => (
                <Select
                  size="small"
                  allowClear
                  showSearch
                  aria-label={label('itemKey', r.n)}
                  value={r.itemKey}
                  onChange={(itemKey: string | undefined) => setItemKey(r.n, itemKey)}
                  // A key no sheet in use has any more still shows, so the rule can be seen and changed.
                  options={r.itemKey && !itemOptions.some((o) => o.value === r.itemKey) ? [...itemOptions, { value: r.itemKey, label: r.itemKey }] : itemOptions}
                  style={{ width: 210 }}
                />
              ),
            },
            {
              title: '',
              width: 70,
              render: (_, r) => (
                <Button size="small" danger aria-label={label('remove', r.n)} onClick={() => change({ speechRules: rules.filter((_, n) => n !== r.n) })}>
                  {t('qa.settings.remove')}
                </Button>
              ),
            },
          ]}
        />
        <Button
          size="small"
          type="dashed"
          style={{ alignSelf: 'flex-start' }}
          onClick={() =>
            change({
              speechRules: [
                ...rules,
                {
                  id: freshId(
                    'rule',
                    rules.map((r) => r.id),
                  ),
                  kind: 'banned',
                  phrases: [],
                  speaker: 'agent',
                },
              ],
            })
          }
        >
          {t('qa.settings.addRule')}
        </Button>
      </Space>
    </Card>
  );
});

/**
 * 质检设置: what the QA lead, supervisors and managers set for the center — the agent's signature and
 * its deadline, the sampling plan with seed 004's 优/中等/差 tiers, the penalty ladder, the QA star's minimums and the speech rules
 * (禁语, required phrases, keywords linked to items). Saved whole; a value the server refuses is shown
 * as it says it (in Chinese, naming the setting) and nothing is saved.
 */
export function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<QaSettings | null>(null);
  const [queues, setQueues] = useState<Queue[]>([]);
  const [forms, setForms] = useState<QaForm[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    void api<QaSettings>('GET', '/api/v1/qa/settings').then(setDraft);
    void api<Queue[]>('GET', '/api/v1/queues').then(setQueues);
    void api<QaForm[]>('GET', '/api/v1/qa/forms').then(setForms);
  }, []);
  const change = useCallback<Change>((patch) => setDraft((d) => d && { ...d, ...patch }), []);
  if (!draft) return <Spin />;

  const save = async () => {
    setSaving(true);
    try {
      // A step named only in Chinese is called the same in English.
      const steps = draft.ladder.steps.map((s) => ({ ...s, en: s.en.trim() || s.zh }));
      setDraft(await api<QaSettings>('PATCH', '/api/v1/qa/settings', { ...draft, ladder: { ...draft.ladder, steps } }));
      setRefusal(null);
      void message.success(t('qa.settings.saved'));
    } catch (err) {
      setRefusal(settingsRefusal(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 980 }}>
      <AcknowledgementCard required={draft.requireAcknowledgement} days={draft.acknowledgementDays} change={change} />
      <SamplingCard plan={draft.sampling} queues={queues} change={change} />
      <TiersCard plan={draft.sampling} change={change} />
      <LadderCard ladder={draft.ladder} change={change} />
      <StarCard minimum={draft.starMinimum} change={change} />
      <LogCard target={draft.dailyTarget} change={change} />
      <SpeechCard rules={draft.speechRules} forms={forms} change={change} />
      {refusal && <Alert type="error" showIcon title={refusal} />}
      <Button type="primary" loading={saving} onClick={() => void save()} style={{ alignSelf: 'flex-start' }}>
        {t('qa.settings.save')}
      </Button>
    </Space>
  );
}
