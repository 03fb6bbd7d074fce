import type { Assignee, CallbackResult, EscalationLevel, Role, SlaBasis, SlaStanding, TicketPriority, TicketStatus } from '@banzu/core';

/**
 * Tickets (工单) and the knowledge base (问题库) as `/api/v1/tickets`, `/api/v1/ticket-types` and
 * `/api/v1/kb` answer them. Times are ISO 8601 strings.
 */

/** Who accepts tickets (受理): whoever takes calls or runs the floor. */
export const ticketCreators: readonly Role[] = ['agent', 'team_leader', 'supervisor', 'manager', 'admin'];
/** Who assigns (交办) and reassigns: team leaders for their team's tickets, and the floor's managers. */
export const ticketDispatchers: readonly Role[] = ['team_leader', 'supervisor', 'manager', 'admin'];
/** Who sets the ticket types and their SLA. */
export const ticketTypeAdmins: readonly Role[] = ['manager', 'admin'];
/** Who writes and approves knowledge base articles; agents may propose drafts. */
export const kbEditors: readonly Role[] = ['team_leader', 'trainer', 'supervisor', 'manager', 'admin'];

export interface TicketTypeSla {
  hours: number;
  basis: SlaBasis;
  byPriority: Partial<Record<TicketPriority, number>>;
}

export interface TicketType {
  code: string;
  name: string;
  sla: TicketTypeSla;
  /** Its own register (市长专线): its own list and report. */
  register: boolean;
  /**
   * Closing one with no knowledge base article used proposes its question and answer as an article
   * for review (咨询 by default). The server always says it; a type sent back without it keeps it.
   */
  proposesArticle?: boolean;
}

/**
 * How a ticket came in: a call, a transfer from the mayor's hotline (市长专线), the website, a
 * letter, e-mail, WeChat, or a visit in person.
 */
export const ticketChannels = ['phone', 'mayor_hotline', 'web', 'letter', 'email', 'wechat', 'visit'] as const;
export type TicketChannel = (typeof ticketChannels)[number];

/** The names the assign dialog offers: departments and field teams assigned to before, the most used first. */
export interface TicketAssigneeNames {
  departments: string[];
  fieldTeams: string[];
}

/** The lists a team leader works from. */
export const ticketViews = ['mine', 'team', 'near_deadline', 'overdue', 'callback'] as const;
export type TicketView = (typeof ticketViews)[number];

export interface Ticket {
  id: string;
  /** The number people quote: GD000123. */
  no: string;
  type: string;
  typeName: string;
  title: string;
  description: string;
  priority: TicketPriority;
  /** One of `ticketChannels` (a ticket of before they were listed may carry another word). */
  channel: string;
  status: TicketStatus;
  customerId: string | null;
  customerName: string | null;
  /** The call it was accepted from. */
  callId: string | null;
  /** Every call about it, the first one first; a later one linked while it was open was a repeat contact. */
  callIds: string[];
  /** The caller's number as the reader may see it (masked for QA and trainers). */
  caller: string | null;
  serviceRecordId: string | null;
  /** First-contact owner (首问负责人). */
  ownerId: string;
  ownerName: string;
  teamId: string | null;
  assignee: Assignee | null;
  bounces: number;
  reopens: number;
  callback: CallbackResult | null;
  /** Closed and waiting for its callback (回访). */
  callbackDue: boolean;
  clockStartedAt: string;
  remindAt: string;
  dueAt: string;
  managerAt: string;
  /** Against the clock now; closed tickets are 'on_time' or 'overdue' by when they closed. */
  standing: SlaStanding;
  /** The highest escalation taken since the clock started. */
  escalation: EscalationLevel | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface TicketStep {
  id: number;
  at: string;
  userId: string | null;
  /** null: the system (supervision). */
  userName: string | null;
  /** accept, assign, note, bounce, close, reopen, callback, reminder, escalation, article, call */
  action: string;
  detail: Record<string, unknown>;
}

export interface TicketDetail extends Ticket {
  steps: TicketStep[];
}

export interface TicketPage {
  total: number;
  items: Ticket[];
}

export interface TicketNotification {
  id: number;
  ticketId: string;
  ticketNo: string;
  /** assigned, reminder, escalation, bounced, reopened */
  kind: string;
  message: string;
  at: string;
  read: boolean;
}

/** Ticket figures of a group or of the whole report (definitions: the ticket metrics of docs/metrics.md). */
export interface TicketFigures {
  tickets: number;
  closed: number;
  /** Closed by the deadline, of those closed. */
  onTimeRate: number | null;
  /** Mean clock hours (自然小时) from acceptance to the last closing. */
  averageHandlingHours: number | null;
  reopenRate: number | null;
  bounces: number;
  /** Mean satisfaction 1-5 of the callbacks. */
  satisfaction: number | null;
}

/** Figures per group (type, team, assignee, month, customer), as GET /api/v1/tickets/report answers them. */
export interface TicketReportRow extends TicketFigures {
  /** The group's id; '' for tickets of none (no assignee, no customer): the row 未分配. */
  key: string;
  label: string;
}

export interface TicketReport {
  by: 'type' | 'team' | 'assignee' | 'month' | 'customer';
  rows: TicketReportRow[];
  /** Every ticket of the report once: the rows add up to it. */
  total: TicketFigures;
  /** Customers on file at the end of the period: tickets per customer's denominator. */
  customers: number;
  /** 平均每名顾客提交工单 (seed 002 P11): the total's tickets over the customers on file. */
  ticketsPerCustomer: number | null;
}

export const kbStatuses = ['draft', 'pending', 'published', 'archived'] as const;
export type KbStatus = (typeof kbStatuses)[number];

export interface KbArticle {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  /** Queue ids the article applies to; empty: every queue. */
  queueIds: string[];
  products: string[];
  validFrom: string | null;
  validTo: string | null;
  status: KbStatus;
  version: number;
  authorId: string;
  authorName: string;
  approvedBy: string | null;
  opened: number;
  helpful: number;
  createdAt: string;
  updatedAt: string;
  /** The ticket whose closing proposed it (问题库 loop), shown to its reviewers (editors); null (or absent) otherwise. */
  fromTicket?: KbSourceTicket | null;
}

/** The ticket a proposed article came from: its number, title and type, to open it from the review. */
export interface KbSourceTicket {
  id: string;
  no: string;
  title: string;
  typeName: string;
}

/** An article as one editor saved it: what it said and what it applied to. */
export interface KbVersion {
  version: number;
  title: string;
  body: string;
  category: string;
  tags: string[];
  queueIds: string[];
  products: string[];
  validFrom: string | null;
  validTo: string | null;
  at: string;
  byName: string;
}

export interface KbSearchHit {
  id: string;
  title: string;
  score: number;
  category: string;
  /** The start of the body, for the list. */
  snippet: string;
}

export interface KbSearchResult {
  items: KbSearchHit[];
}
