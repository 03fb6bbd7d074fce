import { useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CenterSettings, ServiceLevelVariant } from '@banzu/contract';
import { api } from '../api/client';

interface Values {
  variant: ServiceLevelVariant;
  excludeShortAbandons: boolean;
  shortAbandonSeconds: number;
  costPerAgentHour: number | null;
  overheadRate: number;
  repeatCallWindowHours: number;
  qaMayWhisperAndBarge: boolean;
  dispositionRequired: CenterSettings['dispositionRequired'];
  dispositions: string;
  notReadyReasons: string;
  alertThresholds: CenterSettings['alertThresholds'];
  attendanceGraceMinutes: number;
}

const variants: ServiceLevelVariant[] = ['offered', 'answered_abandoned', 'abandon_met'];

/** 中心设置: the service-level variant and short-abandon threshold, costs, repeat-call window, dispositions, not-ready reasons, alert thresholds and the attendance grace period. */
export function CenterSettingsAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    void api<CenterSettings>('GET', '/api/v1/center/settings').then((s) => {
      form.setFieldsValue({
        ...s,
        ...s.serviceLevel,
        dispositions: s.dispositions.map((d) => `${d.code},${d.zh},${d.en}`).join('\n'),
        notReadyReasons: s.notReadyReasons.join(','),
      });
      setLoaded(true);
    });
  }, [form]);

  const save = async () => {
    const v = await form.validateFields();
    try {
      await api('PATCH', '/api/v1/center/settings', {
        serviceLevel: { variant: v.variant, excludeShortAbandons: v.excludeShortAbandons },
        shortAbandonSeconds: v.shortAbandonSeconds,
        costPerAgentHour: v.costPerAgentHour ?? null,
        overheadRate: v.overheadRate,
        repeatCallWindowHours: v.repeatCallWindowHours,
        qaMayWhisperAndBarge: v.qaMayWhisperAndBarge,
        dispositionRequired: v.dispositionRequired,
        dispositions: v.dispositions
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((line) => {
            const [code = '', zh = '', en = ''] = line.split(',').map((p) => p.trim());
            return { code, zh, en: en || zh };
          }),
        notReadyReasons: v.notReadyReasons
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean),
        alertThresholds: v.alertThresholds,
        attendanceGraceMinutes: v.attendanceGraceMinutes,
      });
      void message.success(t('centerSettings.saved'));
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };

  return (
    <Form form={form} layout="vertical" disabled={!loaded} style={{ maxWidth: 640 }}>
      <Form.Item name="variant" label={t('centerSettings.serviceLevel')}>
        <Select options={variants.map((v) => ({ value: v, label: t(`centerSettings.variants.${v}`) }))} data-testid="sl-variant" />
      </Form.Item>
      <Form.Item name="excludeShortAbandons" label={t('centerSettings.excludeShortAbandons')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="shortAbandonSeconds" label={t('centerSettings.shortAbandonSeconds')}>
        <InputNumber min={0} max={600} precision={0} aria-label={t('centerSettings.shortAbandonSeconds')} />
      </Form.Item>
      <Form.Item name="costPerAgentHour" label={t('centerSettings.costPerAgentHour')}>
        <InputNumber min={0} />
      </Form.Item>
      <Form.Item name="overheadRate" label={t('centerSettings.overheadRate')}>
        <InputNumber min={0} max={10} step={0.05} />
      </Form.Item>
      <Form.Item name="repeatCallWindowHours" label={t('centerSettings.repeatCallWindowHours')}>
        <InputNumber min={1} max={720} />
      </Form.Item>
      <Form.Item name="qaMayWhisperAndBarge" label={t('centerSettings.qaMayWhisperAndBarge')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {(['inbound', 'outbound'] as const).map((k) => (
        <Form.Item key={k} name={['dispositionRequired', k]} label={t(`centerSettings.dispositionRequired.${k}`)} valuePropName="checked">
          <Switch />
        </Form.Item>
      ))}
      <Form.Item name="dispositions" label={t('centerSettings.dispositions')}>
        <Input.TextArea rows={6} />
      </Form.Item>
      <Form.Item name="notReadyReasons" label={t('centerSettings.notReadyReasons')}>
        <Input />
      </Form.Item>
      {(['notReadySeconds', 'wrapUpSeconds', 'ringingSeconds', 'waitSeconds', 'callSeconds'] as const).map((k) => (
        <Form.Item key={k} name={['alertThresholds', k]} label={t(`centerSettings.thresholds.${k}`)}>
          <InputNumber min={1} max={86_400} />
        </Form.Item>
      ))}
      <Form.Item name="attendanceGraceMinutes" label={t('centerSettings.attendanceGraceMinutes')}>
        <InputNumber min={0} max={60} precision={0} aria-label={t('centerSettings.attendanceGraceMinutes')} />
      </Form.Item>
      <Button type="primary" onClick={() => void save()}>
        {t('centerSettings.save')}
      </Button>
    </Form>
  );
}
