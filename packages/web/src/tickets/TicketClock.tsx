import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '@banzu/contract';
import { centerDateTime } from '../api/center';
import { deadlineClock } from './format';

/** The deadline clock of a ticket: time left, late, or when it was closed. */
export function TicketClock({ ticket, now, timeZone }: { ticket: Ticket; now: number; timeZone: string }) {
  const { t } = useTranslation();
  if (ticket.closedAt) return <Typography.Text type="secondary">{t('tickets.closedAt', { time: centerDateTime(ticket.closedAt, timeZone) })}</Typography.Text>;
  const clock = deadlineClock(Date.parse(ticket.dueAt), now);
  const near = !clock.late && now >= Date.parse(ticket.remindAt);
  return (
    <Typography.Text type={clock.late ? 'danger' : near ? 'warning' : undefined} strong={clock.late || near}>
      {t(clock.late ? 'tickets.late' : 'tickets.left', { time: clock.text })}
    </Typography.Text>
  );
}
