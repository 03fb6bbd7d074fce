import type { Actor, SlaStanding, TicketPriority, TicketStatus } from '@banzu/core';
import type { Ticket } from '@banzu/contract';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';
import { tableWorkbook, type SheetColumn } from '../reports/excel';
import { centerTime, inLanguage, type ExportLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';
import { listTickets, type TicketQuery } from './service';

/** The most tickets one workbook holds: a longer list is narrowed first and exported in parts. */
export const EXPORT_MAX_TICKETS = 10_000;
/** Read a page at a time, as the list pages them. */
const PAGE = 500;

/**
 * Every ticket of a list, in the list's order, for its export; a list longer than
 * `EXPORT_MAX_TICKETS` is refused with a 400 saying how many match and how to narrow it, never
 * cut short without a word.
 *
 * @example
 * const tickets = await ticketsToExport(store, leader, { view: 'team' }, clock.now());
 */
export async function ticketsToExport(db: Queryable, actor: Actor, query: Omit<TicketQuery, 'limit' | 'offset'>, now: number): Promise<Ticket[]> {
  const first = await listTickets(db, actor, { ...query, limit: PAGE, offset: 0 }, now);
  if (first.total > EXPORT_MAX_TICKETS)
    throw new BadRequestError(words('tickets.export_too_many', { total: first.total, max: EXPORT_MAX_TICKETS }), {
      total: first.total,
      max: EXPORT_MAX_TICKETS,
    });
  const tickets = [...first.items];
  while (tickets.length < first.total) {
    const page = await listTickets(db, actor, { ...query, limit: PAGE, offset: tickets.length }, now);
    if (page.items.length === 0) break;
    tickets.push(...page.items);
  }
  return tickets;
}

const statusNames: Record<TicketStatus, [string, string]> = { open: ['待交办', 'Open'], assigned: ['处理中', 'Assigned'], closed: ['已办结', 'Closed'] };
const priorityNames: Record<TicketPriority, [string, string]> = { low: ['低', 'Low'], normal: ['普通', 'Normal'], high: ['高', 'High'], urgent: ['紧急', 'Urgent'] };
const standingNames: Record<SlaStanding, [string, string]> = { on_time: ['正常', 'On time'], near_deadline: ['临近到期', 'Near deadline'], overdue: ['超时', 'Overdue'] };

/**
 * The listed tickets as a workbook, the way the leader's list shows them: headers and labels in
 * the user's language, times on the center's clock.
 *
 * @example
 * sendWorkbook(reply, 'tickets.xlsx', await ticketsWorkbook(page.items, 'Asia/Shanghai', 'zh'));
 */
export function ticketsWorkbook(tickets: readonly Ticket[], timeZone: string, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const name = ([zh, en]: [string, string]) => say(zh, en);
  const columns: SheetColumn[] = [
    { title: say('工单号', 'No.'), width: 11 },
    { title: say('类型', 'Type'), width: 10 },
    { title: say('标题', 'Title'), width: 30 },
    { title: say('优先级', 'Priority'), width: 8 },
    { title: say('状态', 'Status'), width: 9 },
    { title: say('时限', 'Deadline'), width: 9 },
    { title: say('客户', 'Customer'), width: 10 },
    { title: say('来电号码', 'Caller'), width: 15 },
    { title: say('首问负责人', 'Owner'), width: 10 },
    { title: say('承办', 'Assignee'), width: 12 },
    { title: say('受理时间', 'Created'), width: 17 },
    { title: say('办结时限', 'Due'), width: 17 },
    { title: say('办结时间', 'Closed'), width: 17 },
    { title: say('退单次数', 'Bounces'), width: 8 },
    { title: say('重开次数', 'Reopens'), width: 8 },
    { title: say('回访', 'Follow-up'), width: 10 },
  ];
  const callback = (t: Ticket) =>
    t.callback
      ? `${t.callback.solved ? say('已解决', 'Solved') : say('未解决', 'Not solved')}${t.callback.satisfaction ? say(` ${t.callback.satisfaction}分`, ` ${t.callback.satisfaction}/5`) : ''}`
      : t.callbackDue
        ? say('待回访', 'Due')
        : '';
  const rows = tickets.map((t) => [
    t.no,
    t.typeName,
    t.title,
    name(priorityNames[t.priority]),
    name(statusNames[t.status]),
    name(standingNames[t.standing]),
    t.customerName ?? '',
    t.caller ?? '',
    t.ownerName,
    t.assignee?.name ?? '',
    centerTime(t.createdAt, timeZone),
    centerTime(t.dueAt, timeZone),
    centerTime(t.closedAt, timeZone),
    t.bounces,
    t.reopens,
    callback(t),
  ]);
  return tableWorkbook(`${say('工单', 'Tickets')} · ${tickets.length}`, columns, rows);
}
