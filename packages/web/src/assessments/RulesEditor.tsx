import { useEffect, useState } from 'react';
import { App, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { assessmentsEn, assessmentsZh } from './messages';

type ComponentId = 'kpi' | 'qa' | 'attendance' | 'points' | 'exam';
const componentIds: ComponentId[] = ['kpi', 'qa', 'attendance', 'points', 'exam'];

interface Deduction {
  perDay: number;
  forfeitAtDays: number | null;
}

/** The center's rules as /api/v1/assessment-rules keeps them. */
export interface AssessmentRules {
  weights: Record<ComponentId, number>;
  attendanceBonus: number;
  evaluationBonus: number;
  evaluationMinScore: number;
  leaveDeductions: Partial<Record<string, Deduction>>;
  scorePerPoint: number;
  briefingPercent: number;
  absenceForfeitDays: number | null;
}

/** A manager's editor of the center's weights and bonus rules (seed 003's by default). */
export function RulesEditor({ onSaved }: { onSaved: () => void }) {
  const { i18n } = useTranslation();
  const m = i18n.language === 'en' ? assessmentsEn : assessmentsZh;
  const { message } = App.useApp();
  const [rules, setRules] = useState<AssessmentRules | null>(null);
  useEffect(() => {
    void api<AssessmentRules>('GET', '/api/v1/assessment-rules').then(setRules);
  }, []);
  if (!rules) return null;
  const set = (change: Partial<AssessmentRules>) => setRules({ ...rules, ...change });
  const setDeduction = (kind: 'sick' | 'personal', change: Partial<Deduction>) => {
    const current = rules.leaveDeductions[kind] ?? { perDay: 0, forfeitAtDays: null };
    set({ leaveDeductions: { ...rules.leaveDeductions, [kind]: { ...current, ...change } } });
  };
  const save = async () => {
    try {
      setRules(await api<AssessmentRules>('PUT', '/api/v1/assessment-rules', rules));
      void message.success(m.rulesSaved);
      onSaved();
    } catch (err) {
      void message.error((err as Error).message);
    }
  };
  const number = (label: string, value: number | null, onChange: (v: number | null) => void) => (
    <Space size={4}>
      <Typography.Text>{label}</Typography.Text>
      <InputNumber aria-label={label} min={0} value={value} onChange={onChange} style={{ width: 90 }} />
    </Space>
  );
  return (
    <Card size="small" title={m.rules}>
      <Space direction="vertical">
        <Space wrap>{componentIds.map((id) => number(`${m.weight}·${m[id]}`, rules.weights[id], (v) => set({ weights: { ...rules.weights, [id]: v ?? 0 } })))}</Space>
        <Space wrap>
          {number(m.attendanceBonus, rules.attendanceBonus, (v) => set({ attendanceBonus: v ?? 0 }))}
          {number(m.evaluationBonus, rules.evaluationBonus, (v) => set({ evaluationBonus: v ?? 0 }))}
          {number(m.evaluationMinScore, rules.evaluationMinScore, (v) => set({ evaluationMinScore: v ?? 0 }))}
          {number(m.briefingPercent, rules.briefingPercent, (v) => set({ briefingPercent: v ?? 0 }))}
          {number(m.absenceForfeitDays, rules.absenceForfeitDays, (v) => set({ absenceForfeitDays: v || null }))}
        </Space>
        <Space wrap>
          {(['sick', 'personal'] as const).map((kind) => (
            <Space key={kind} wrap>
              {number(`${m.leaveKinds[kind]}·${m.perDay}`, rules.leaveDeductions[kind]?.perDay ?? 0, (v) => setDeduction(kind, { perDay: v ?? 0 }))}
              {number(`${m.leaveKinds[kind]}·${m.forfeitAtDays}`, rules.leaveDeductions[kind]?.forfeitAtDays ?? null, (v) => setDeduction(kind, { forfeitAtDays: v || null }))}
            </Space>
          ))}
        </Space>
        <Button type="primary" onClick={() => void save()}>
          {m.saveRules}
        </Button>
      </Space>
    </Card>
  );
}
