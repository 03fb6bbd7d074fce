import { localParts, type SlaStanding, type TicketPriority, type TicketStatus } from '@banzu/core';
import type { Ticket } from '@banzu/contract';
import { tableWorkbook, type SheetColumn } from '../reports/excel';

const statusNames: Record<TicketStatus, string> = { open: '待交办', assigned: '处理中', closed: '已办结' };
const priorityNames: Record<TicketPriority, string> = { low: '低', normal: '普通', high: '高', urgent: '紧急' };
const standingNames: Record<SlaStanding, string> = { on_time: '正常', near_deadline: '临近到期', overdue: '超时' };

/** A time in the center's zone as people read it: 2026-01-05 09:30. */
function local(isoTime: string | null, timeZone: string): string {
  if (!isoTime) return '';
  const p = localParts(Date.parse(isoTime), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * The listed tickets as a workbook, the way the leader's list shows them, times in the center's zone.
 *
 * @example
 * sendWorkbook(reply, 'tickets.xlsx', await ticketsWorkbook(page.items, 'Asia/Shanghai'));
 */
export function ticketsWorkbook(tickets: readonly Ticket[], timeZone: string): Promise<Buffer> {
  const columns: SheetColumn[] = [
    { title: '工单号', width: 11 },
    { title: '类型', width: 10 },
    { title: '标题', width: 30 },
    { title: '优先级', width: 8 },
    { title: '状态', width: 9 },
    { title: '时限', width: 9 },
    { title: '客户', width: 10 },
    { title: '来电号码', width: 15 },
    { title: '首问负责人', width: 10 },
    { title: '承办', width: 12 },
    { title: '受理时间', width: 17 },
    { title: '办结时限', width: 17 },
    { title: '办结时间', width: 17 },
    { title: '退单次数', width: 8 },
    { title: '重开次数', width: 8 },
    { title: '回访', width: 10 },
  ];
  const rows = tickets.map((t) => [
    t.no,
    t.typeName,
    t.title,
    priorityNames[t.priority],
    statusNames[t.status],
    standingNames[t.standing],
    t.customerName ?? '',
    t.caller ?? '',
    t.ownerName,
    t.assignee?.name ?? '',
    local(t.createdAt, timeZone),
    local(t.dueAt, timeZone),
    local(t.closedAt, timeZone),
    t.bounces,
    t.reopens,
    t.callback ? `${t.callback.solved ? '已解决' : '未解决'}${t.callback.satisfaction ? ` ${t.callback.satisfaction}分` : ''}` : t.callbackDue ? '待回访' : '',
  ]);
  return tableWorkbook(`工单 Tickets · ${tickets.length}`, columns, rows);
}
