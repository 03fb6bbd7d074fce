import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';
import { reportsEn, reportsZh } from '../reports/messages';
import { campaignsEn, campaignsZh } from '../campaigns/messages';
import { crmEn, crmZh } from '../crm/messages';
import { softphoneEn, softphoneZh } from '../desktop/softphone/messages';
import { qaEn, qaZh } from '../qa/messages';
import { ticketsEn, ticketsZh } from '../tickets/messages';
import { switchStatusEn, switchStatusZh } from '../wallboard/switch-messages';
import { adherenceEn, adherenceZh } from '../wallboard/adherence-messages';
import { centerSettingsEn, centerSettingsZh } from '../admin/settings-messages';
import { adminConsoleEn, adminConsoleZh } from '../admin/console-messages';
import { ticketAdminEn, ticketAdminZh } from '../admin/ticket-admin-messages';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'banzu.language';

/** Simplified Chinese unless the user chose English before. */
export function initialLanguage(): Language {
  return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(language: Language): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, language);
}

/**
 * i18next with the console's two languages.
 *
 * @example
 * await initI18n('zh-CN');
 */
export function initI18n(language: Language = initialLanguage()) {
  return i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: {
      'zh-CN': {
        translation: {
          ...zhCN,
          reports: reportsZh,
          campaigns: campaignsZh,
          crm: crmZh,
          softphone: softphoneZh,
          qa: qaZh,
          tickets: ticketsZh,
          switchStatus: switchStatusZh,
          adherence: adherenceZh,
          centerSettings: centerSettingsZh,
          adminConsole: adminConsoleZh,
          ticketAdmin: ticketAdminZh,
        },
      },
      en: {
        translation: {
          ...en,
          reports: reportsEn,
          campaigns: campaignsEn,
          crm: crmEn,
          softphone: softphoneEn,
          qa: qaEn,
          tickets: ticketsEn,
          switchStatus: switchStatusEn,
          adherence: adherenceEn,
          centerSettings: centerSettingsEn,
          adminConsole: adminConsoleEn,
          ticketAdmin: ticketAdminEn,
        },
      },
    },
    interpolation: { escapeValue: false },
  });
}

export { i18next };
