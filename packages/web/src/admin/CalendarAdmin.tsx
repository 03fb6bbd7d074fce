import { useCallback, useEffect, useState } from 'react';
import { App, Button, DatePicker, Divider, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CenterSettings } from '@banzu/contract';
import { api, refusalText } from '../api/client';
import { formatDay, parseDay, type HoursProblem } from './hours';

type SetKind = 'holiday' | 'makeup';
interface CalendarDay {
  date: string;
  kind: 'workday' | 'restday' | SetKind;
}

const isProblem = (value: unknown): value is HoursProblem => typeof value === 'object' && value !== null && 'problem' in value;
const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/**
 * 工作日历: the back office's hours (后台办公时间), which working-time ticket deadlines count, and the
 * year's public holidays and make-up working days (调休), which routing, tickets and scheduling read.
 * A refusal is shown as the server words it.
 *
 * @example
 * <CalendarAdmin />
 */
export function CalendarAdmin() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const m = (key: string, options?: Record<string, unknown>) => t(`ticketAdmin.calendar.${key}`, options);
  const refused = useCallback((err: unknown) => void message.error(t('errors.generic', { message: refusalText(err) })), [message, t]);

  const [hoursForm] = Form.useForm<{ officeHours: string }>();
  const [hoursLoaded, setHoursLoaded] = useState(false);
  useEffect(() => {
    api<CenterSettings>('GET', '/api/v1/center/settings').then((s) => {
      hoursForm.setFieldsValue({ officeHours: formatDay(s.officeHours.map((w) => [w.start, w.end] as const)) });
      setHoursLoaded(true);
    }, refused);
  }, [hoursForm, refused]);
  const saveHours = async ({ officeHours }: { officeHours: string }) => {
    const periods = parseDay(officeHours ?? '');
    // The field validates the text already; this only narrows the type.
    if (isProblem(periods)) return;
    try {
      const saved = await api<CenterSettings>('PATCH', '/api/v1/center/settings', { officeHours: periods.map(([start, end]) => ({ start, end })) });
      hoursForm.setFieldsValue({ officeHours: formatDay(saved.officeHours.map((w) => [w.start, w.end] as const)) });
      void message.success(t('admin.saved'));
    } catch (err) {
      refused(err);
    }
  };

  const [year, setYear] = useState(() => dayjs().year());
  const [days, setDays] = useState<CalendarDay[] | null>(null);
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<SetKind>('holiday');
  const load = useCallback(() => {
    api<{ days: CalendarDay[] }>('GET', `/api/v1/calendar?from=${year}-01-01&to=${year}-12-31`).then(
      (r) => setDays(r.days.filter((d) => d.kind === 'holiday' || d.kind === 'makeup')),
      (err) => {
        setDays([]);
        refused(err);
      },
    );
  }, [year, refused]);
  useEffect(load, [load]);

  const setDay = async () => {
    if (!date) return;
    const day = date.format('YYYY-MM-DD');
    try {
      const answer = await api<CalendarDay>('PUT', `/api/v1/calendar/days/${day}`, { kind: kind === 'makeup' ? 'workday' : 'holiday' });
      // A working day set on a weekday changes nothing: say so rather than list it.
      if (answer.kind === 'workday') void message.info(m('alreadyWorkday', { date: day }));
      else void message.success(t('admin.saved'));
      setDate(null);
      if (date.year() === year) load();
      else setYear(date.year());
    } catch (err) {
      refused(err);
    }
  };
  const clearDay = async (day: string) => {
    try {
      await api('DELETE', `/api/v1/calendar/days/${day}`);
      void message.success(t('admin.saved'));
      load();
    } catch (err) {
      refused(err);
    }
  };

  const holidays = days?.filter((d) => d.kind === 'holiday').length ?? 0;
  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={5}>{m('officeHours')}</Typography.Title>
      <Form form={hoursForm} layout="inline" onFinish={saveHours} disabled={!hoursLoaded}>
        <Form.Item
          name="officeHours"
          label={m('officeHours')}
          extra={m('officeHoursHint')}
          style={{ flex: 1 }}
          rules={[
            {
              validator: (_, text: string = '') => {
                const parsed = parseDay(text);
                if (isProblem(parsed)) return Promise.reject(new Error(t(`adminConsole.center.problems.${parsed.problem}`, { text: parsed.text })));
                return parsed.length === 0 ? Promise.reject(new Error(m('empty'))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {m('saveHours')}
        </Button>
      </Form>
      <Divider />
      <Typography.Title level={5}>{m('days')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="year" aria-label={m('year')} allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} />
        <DatePicker aria-label={m('date')} value={date} onChange={setDate} />
        <Select<SetKind>
          aria-label={m('kind')}
          value={kind}
          onChange={setKind}
          style={{ width: 180 }}
          options={(['holiday', 'makeup'] as const).map((k) => ({ value: k, label: m(`kinds.${k}`) }))}
        />
        <Button type="primary" disabled={!date} onClick={() => void setDay()}>
          {m('set')}
        </Button>
      </Space>
      {days && <Typography.Paragraph>{m('summary', { year, holidays, makeups: days.length - holidays })}</Typography.Paragraph>}
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        loading={days === null}
        dataSource={days ?? []}
        pagination={false}
        locale={{ emptyText: m('none') }}
        columns={[
          { title: m('date'), dataIndex: 'date' },
          { title: m('weekday'), render: (_, d) => m(`weekdays.${weekdayOf(d.date)}`) },
          { title: m('kind'), render: (_, d) => <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{m(`kinds.${d.kind}`)}</Tag> },
          {
            title: t('wallboard.actions'),
            render: (_, d) => (
              <Button size="small" onClick={() => void clearDay(d.date)}>
                {m('remove')}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
