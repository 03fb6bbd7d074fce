import { useEffect, useState } from 'react';
import { App, Button, Form, Input, InputNumber, Select, Space, Switch, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CenterSettings, ServiceLevelVariant } from '@banzu/contract';
import { repeatCallTopics, systemNotReadyReasons, type NotReadyReason } from '@banzu/core';
import { api } from '../api/client';

interface Values {
  variant: ServiceLevelVariant;
  excludeShortAbandons: boolean;
  shortAbandonSeconds: number;
  costPerAgentHour: number | null;
  overheadRate: number;
  repeatCallWindowHours: number;
  repeatCallTopic: CenterSettings['repeatCallTopic'];
  qaMayWhisperAndBarge: boolean;
  dispositionRequired: CenterSettings['dispositionRequired'];
  dispositions: string;
  notReadyReasons: NotReadyReason[];
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
        repeatCallTopic: v.repeatCallTopic,
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
        notReadyReasons: v.notReadyReasons.map((r) => ({ code: r.code.trim(), zh: r.zh.trim(), en: r.en.trim() || r.zh.trim() })),
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
      <Form.Item name="repeatCallTopic" label={t('centerSettings.repeatCallTopic')}>
        <Select options={repeatCallTopics.map((topic) => ({ value: topic, label: t(`centerSettings.repeatCallTopics.${topic}`) }))} data-testid="repeat-topic" />
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
      <Form.Item label={t('centerSettings.notReadyReasons')} required>
        <Form.List name="notReadyReasons">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => {
                // The router sets 未接来电 itself: the center may rename it, not remove it or change its code.
                const system = systemNotReadyReasons.has(form.getFieldValue(['notReadyReasons', row.name, 'code']) ?? '');
                return (
                  <Space key={row.key} align="baseline" data-testid="reason-row">
                    <Form.Item name={[row.name, 'code']} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('centerSettings.reasonCodeRule') }]}>
                      <Input aria-label={t('centerSettings.reasonCode')} placeholder={t('centerSettings.reasonCode')} disabled={system} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'zh']} rules={[{ required: true, whitespace: true, message: t('centerSettings.reasonZhRequired') }]}>
                      <Input aria-label={t('centerSettings.reasonZh')} placeholder={t('centerSettings.reasonZh')} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'en']}>
                      <Input aria-label={t('centerSettings.reasonEn')} placeholder={t('centerSettings.reasonEn')} style={{ width: 160 }} />
                    </Form.Item>
                    <Tooltip title={system ? t('centerSettings.systemReason') : undefined}>
                      <Button icon={<DeleteOutlined />} aria-label={t('centerSettings.removeReason')} disabled={system} onClick={() => remove(row.name)} />
                    </Tooltip>
                  </Space>
                );
              })}
              <Button icon={<PlusOutlined />} onClick={() => add({ code: '', zh: '', en: '' })}>
                {t('centerSettings.addReason')}
              </Button>
            </>
          )}
        </Form.List>
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
