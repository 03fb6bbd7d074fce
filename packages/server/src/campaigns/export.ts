import { outboundMetricDictionary, type CampaignRules, type TaskStatus } from '@banzu/core';
import { metricHeader, type SheetColumn } from '../reports/excel';
import { centerTime, inLanguage, type ExportLanguage } from '../spreadsheet/index';
import type { NumberRow } from './reports';

/** Where a number stands, as the campaigns page names it. */
const statusNames: Record<TaskStatus, { zh: string; en: string }> = {
  open: { zh: '待拨', en: 'To dial' },
  callback: { zh: '待回访', en: 'Callback' },
  done: { zh: '已完成', en: 'Done' },
  exhausted: { zh: '已拨满', en: 'Max dials' },
  dnc: { zh: '免打扰', en: 'Do not call' },
};

/** The outbound metrics as columns: headers in the user's language, seconds with the unit in the header. */
export function outboundMetricColumns(language: ExportLanguage): SheetColumn[] {
  return outboundMetricDictionary.map((m) => ({
    title: metricHeader(m, language),
    numFmt: m.unit === 'ratio' ? '0.0%' : '0',
  }));
}

/**
 * The dial detail of a campaign as the leader reads it: statuses and results by their names in the
 * user's language, the last dial on the center's clock, never a raw code or a UTC time.
 *
 * @example
 * const { columns, rows } = numbersSheet(rows, campaign.rules, { language: 'zh', timeZone, number: (n) => n });
 */
export function numbersSheet(
  detail: readonly NumberRow[],
  rules: Pick<CampaignRules, 'dispositions'>,
  options: { language: ExportLanguage; timeZone: string; number: (n: string) => string },
): { columns: SheetColumn[]; rows: (string | number)[][] } {
  const { language, timeZone } = options;
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const result = (code: string | null) => {
    const d = code === null ? undefined : rules.dispositions.find((x) => x.code === code);
    return code === null ? '' : d ? say(d.zh, d.en) : code;
  };
  const status = (code: string) => {
    const name = statusNames[code as TaskStatus];
    return name ? say(name.zh, name.en) : code;
  };
  return {
    columns: [
      { title: say('客户', 'Customer'), width: 16 },
      { title: say('号码', 'Number'), width: 18 },
      { title: say('拨打次数', 'Dials') },
      { title: say('通话时长（秒）', 'Talk time (s)') },
      { title: say('状态', 'Status') },
      { title: say('最后结果', 'Last result') },
      { title: say('最后拨打', 'Last dial'), width: 20 },
    ],
    rows: detail.map((r) => [r.customerName, options.number(r.number), r.attempts, r.talkSeconds, status(r.status), result(r.lastResult), centerTime(r.lastDialAt, timeZone)]),
  };
}
