import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Center } from '@banzu/contract';
import { api } from '../api/client';
import { formatDay, parseDay, parseHours, weekdays, type HoursProblem, type Weekday } from './hours';

interface Values {
  name: string;
  timeZone: string;
  days: Partial<Record<Weekday, string>>;
  announceMonitoring: boolean;
}

const isProblem = (value: unknown): value is HoursProblem => typeof value === 'object' && value !== null && 'problem' in value;

function isTimeZone(text: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: text });
    return true;
  } catch {
    return false;
  }
}

/**
 * 营业时间: the center's name, time zone and opening hours per weekday — when calls are taken and
 * when queues use their after-hours routing — and whether agents are told they are monitored. The
 * holidays, which close the phones too, are set with the make-up working days in 工作日历 (CalendarAdmin).
 *
 * @example
 * <CenterHoursAdmin />
 */
export function CenterHoursAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [center, setCenter] = useState<Center | null>(null);
  const c = (key: string, options?: Record<string, unknown>) => t(`adminConsole.center.${key}`, options);
  const say = (p: HoursProblem) => c(`problems.${p.problem}`, { text: p.text });

  useEffect(() => {
    void api<Center>('GET', '/api/v1/center').then((loaded) => {
      setCenter(loaded);
      form.setFieldsValue({
        name: loaded.name,
        timeZone: loaded.timeZone,
        days: Object.fromEntries(weekdays.map((d) => [d, formatDay(loaded.hours[d])])),
        announceMonitoring: loaded.announceMonitoring ?? false,
      });
    });
  }, [form]);

  const save = async (v: Values) => {
    if (!center) return;
    const hours = parseHours(v.days);
    // The fields validate each line already; this only narrows the type.
    if (isProblem(hours)) return;
    const next = { name: v.name.trim(), timeZone: v.timeZone.trim(), hours, announceMonitoring: v.announceMonitoring };
    // Only what changed: PATCH leaves the rest as it is.
    const changed = Object.fromEntries(Object.entries(next).filter(([key, value]) => JSON.stringify(center[key as keyof Center] ?? false) !== JSON.stringify(value)));
    if (Object.keys(changed).length === 0) return;
    try {
      setCenter(await api<Center>('PATCH', '/api/v1/center', changed));
      void message.success(t('admin.saved'));
    } catch (err) {
      void message.error(t('errors.generic', { message: (err as Error).message }));
    }
  };

  return (
    <Form form={form} layout="horizontal" labelCol={{ flex: '120px' }} onFinish={save} style={{ maxWidth: 640 }} disabled={!center}>
      <Form.Item name="name" label={c('name')} rules={[{ required: true, whitespace: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item
        name="timeZone"
        label={c('timeZone')}
        rules={[{ validator: (_, tz: string = '') => (isTimeZone(tz.trim()) && tz.trim() ? Promise.resolve() : Promise.reject(new Error(c('problems.timeZone', { text: tz })))) }]}
      >
        <Input maxLength={64} />
      </Form.Item>
      {weekdays.map((day) => (
        <Form.Item
          key={day}
          name={['days', day]}
          label={c(`weekdays.${day}`)}
          extra={day === 'mon' ? c('dayHint') : undefined}
          rules={[
            {
              validator: (_, text: string = '') => {
                const parsed = parseDay(text);
                return isProblem(parsed) ? Promise.reject(new Error(say(parsed))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input />
        </Form.Item>
      ))}
      <Typography.Paragraph type="secondary">{c('holidays')}</Typography.Paragraph>
      <Form.Item name="announceMonitoring" label={c('announceMonitoring')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {c('save')}
      </Button>
    </Form>
  );
}
