import type { Handover } from '@banzu/contract';
import { handoverItemNames, handoverItems, localParts } from '@banzu/core';
import { tableWorkbook, type SheetColumn } from '../reports/excel';

/** A time in the center's zone as people read it: 2026-01-05 09:30. */
function local(isoTime: string | null, timeZone: string): string {
  if (!isoTime) return '';
  const p = localParts(Date.parse(isoTime), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The handover log as the paper 交接班记录 has it: one row a shift, the five items, who handed over and
 * who took over when, and when the shift closed.
 *
 * @example
 * sendWorkbook(reply, 'handovers.xlsx', await handoversWorkbook(items, 'Asia/Shanghai'));
 */
export function handoversWorkbook(handovers: readonly Handover[], timeZone: string): Promise<Buffer> {
  const columns: SheetColumn[] = [
    { title: '日期', width: 11 },
    { title: '班次', width: 8 },
    { title: '班组', width: 14 },
    { title: '交班人', width: 10 },
    ...handoverItems.map((item) => ({ title: handoverItemNames[item].zh, width: 36 })),
    { title: '交班时间', width: 17 },
    { title: '接班人', width: 10 },
    { title: '接班时间', width: 17 },
    { title: '接班反馈', width: 24 },
    { title: '结班时间', width: 17 },
  ];
  const rows = handovers.map((h) => [
    h.date,
    h.shift,
    h.teamName,
    h.outgoing.name,
    ...handoverItems.map((item) => h.items[item]),
    local(h.createdAt, timeZone),
    h.incoming.name,
    local(h.acknowledgedAt, timeZone),
    h.acknowledgement ?? '',
    local(h.closedAt, timeZone),
  ]);
  return tableWorkbook(`交接班记录 Handovers · ${handovers.length}`, columns, rows);
}
