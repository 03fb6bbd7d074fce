import type { Handover } from '@banzu/contract';
import { handoverItemNames, handoverItems } from '@banzu/core';
import { tableWorkbook, type SheetColumn } from '../reports/excel';
import { centerTime, inLanguage, type ExportLanguage } from '../spreadsheet/index';

/**
 * The handover log as the paper 交接班记录 has it: one row a shift, the five items, who handed over and
 * who took over when, and when the shift closed; headers in the user's language, times on the
 * center's clock.
 *
 * @example
 * sendWorkbook(reply, 'handovers.xlsx', await handoversWorkbook(items, 'Asia/Shanghai', 'zh'));
 */
export function handoversWorkbook(handovers: readonly Handover[], timeZone: string, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const columns: SheetColumn[] = [
    { title: say('日期', 'Date'), width: 11 },
    { title: say('班次', 'Shift'), width: 8 },
    { title: say('班组', 'Team'), width: 14 },
    { title: say('交班人', 'Handed over by'), width: 10 },
    ...handoverItems.map((item) => ({ title: handoverItemNames[item][language], width: 36 })),
    { title: say('交班时间', 'Handed over'), width: 19 },
    { title: say('接班人', 'Taken over by'), width: 10 },
    { title: say('接班时间', 'Taken over'), width: 19 },
    { title: say('接班反馈', 'Report back'), width: 24 },
    { title: say('结班时间', 'Closed'), width: 19 },
  ];
  const rows = handovers.map((h) => [
    h.date,
    h.shift,
    h.teamName,
    h.outgoing.name,
    ...handoverItems.map((item) => h.items[item]),
    centerTime(h.createdAt, timeZone),
    h.incoming.name,
    centerTime(h.acknowledgedAt, timeZone),
    h.acknowledgement ?? '',
    centerTime(h.closedAt, timeZone),
  ]);
  return tableWorkbook(`${say('交接班记录', 'Handovers')} · ${handovers.length}`, columns, rows);
}
