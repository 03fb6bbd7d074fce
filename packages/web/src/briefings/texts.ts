import { useTranslation } from 'react-i18next';
import { briefingsEn, briefingsZh } from './messages';

/** The page's texts in the console's language, and whether it is English (for the metric names). */
export function useBriefingTexts() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return { m: english ? briefingsEn : briefingsZh, english };
}

/** `MM-DD HH:MM` of an instant on the center's clock. */
export function shortTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
