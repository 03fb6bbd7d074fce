import type { ColumnMapping, CustomerField, ImportError, PhoneKind, Role } from '@banzu/core';

/**
 * Customers (CRM) as `/api/v1/customers` and the desktop's screen pop answer them. Times are
 * ISO 8601 strings, amounts integers in the currency's smallest unit (fen for CNY).
 */
export interface CustomerPhone {
  /** Formatted (138 1234 5678) or masked (138****5678), as the caller may see it. */
  number: string;
  kind: PhoneKind;
}

export interface Customer {
  id: string;
  externalId: string | null;
  name: string;
  classCode: string;
  className: { zh: string; en: string };
  /** The customer's own VIP level, else the class's: routing serves higher levels first. */
  vipLevel: number;
  /** The customer's own level, null when it follows the class. */
  vipOverride: number | null;
  tags: string[];
  ownerUserId: string | null;
  ownerName: string | null;
  teamId: string | null;
  notes: string;
  phones: CustomerPhone[];
  phonesMasked: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One page of a customer search; counting stops past 10,000 (`totalCapped`). */
export interface CustomerPage {
  total: number;
  totalCapped: boolean;
  customers: Customer[];
}

export interface CustomerClass {
  code: string;
  nameZh: string;
  nameEn: string;
  vipLevel: number;
  /** The classes every center has; they cannot be removed. */
  builtIn: boolean;
}

export const orderStatuses = ['placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface Order {
  id: string;
  orderNo: string;
  product: string;
  quantity: number;
  amountCents: number;
  currency: string;
  status: OrderStatus;
  orderedAt: string;
}

export const serviceKinds = ['repair', 'installation', 'maintenance', 'return', 'complaint', 'consultation'] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const serviceStatuses = ['open', 'in_progress', 'closed'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** A repair, installation or other after-sales case. */
export interface ServiceRecord {
  id: string;
  kind: ServiceKind;
  subject: string;
  description: string;
  status: ServiceStatus;
  openedAt: string;
  closedAt: string | null;
  /** What the customer said of the service. */
  feedback: string;
  /** 1 (very unsatisfied) to 5 (very satisfied). */
  satisfaction: number | null;
  byUserId: string | null;
}

export const visitIntentions = ['high', 'medium', 'low', 'none', 'unknown'] as const;
export type VisitIntention = (typeof visitIntentions)[number];

/** A field visit by sales staff, at the customer's or remote (by phone or video). */
export interface Visit {
  id: string;
  visitedAt: string;
  remote: boolean;
  opinion: string;
  intention: VisitIntention;
  /** The expected purchase or service date (YYYY-MM-DD). */
  expectedDate: string | null;
  requests: string;
  nextStep: string;
  byUserId: string | null;
  byName: string | null;
  updatedAt: string;
}

/**
 * Who may listen to call recordings (GET /api/v1/calls/:callId/recording): QA, trainers (who keep the
 * library of typical calls) and the floor's managers every call, team leaders their team's, agents
 * their own.
 */
export const recordingListeners: readonly Role[] = ['agent', 'team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin'];

/** A call from or to one of the customer's numbers. */
export interface CustomerCall {
  callId: string;
  direction: string;
  startedAt: string;
  outcome: string | null;
  agentId: string | null;
  agentName: string | null;
  disposition: string | null;
  talkSeconds: number;
  /** Where to play the recording; null when the call was not recorded. */
  recordingUrl: string | null;
}

/** The customer with the latest orders, service records, field visits and calls. */
export interface CustomerProfile extends Customer {
  orders: Order[];
  serviceRecords: ServiceRecord[];
  visits: Visit[];
  calls: CustomerCall[];
}

/** The customer card of the screen pop: the latest three orders and service records, the last visit. */
export interface ScreenPopCustomer extends Customer {
  recentOrders: Order[];
  recentServiceRecords: ServiceRecord[];
  lastVisit: Visit | null;
}

/** The screen pop (弹屏) of a call: the caller, the customer when the CRM knows the number and the caller may see it. */
export interface ScreenPop {
  callId: string;
  /** The caller's number, masked for roles that do not need it. */
  from: string | null;
  vipLevel: number;
  customer: ScreenPopCustomer | null;
  previousCalls: { callId: string; startedAt: string; outcome: string | null; disposition: string | null; agentId: string | null }[];
}

/** Imports of a customer file: all-or-nothing writes nothing when a row is refused, valid-only the rows that pass. */
export const importModes = ['all-or-nothing', 'valid-only'] as const;
export type ImportMode = (typeof importModes)[number];

/** An uploaded customer file (.xlsx or .csv): its columns, the first rows and a suggested mapping of columns to fields. */
export interface CustomerImportUpload {
  id: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  headers: string[];
  /** The first rows as text, by header. */
  sample: Record<string, string>[];
  mapping: ColumnMapping;
  fields: readonly CustomerField[];
}

export interface ImportProgress {
  phase: 'checking' | 'writing' | 'done';
  /** 0-1 over both phases. */
  fraction: number;
  rows: number;
}

/** An import as it is polled: progress while it runs, then the result with the first 200 refused cells. */
export interface CustomerImport {
  id: string;
  fileName: string;
  status: 'uploaded' | 'running' | 'done' | 'failed';
  mode: ImportMode | null;
  progress: ImportProgress | null;
  imported: number;
  updated: number;
  rejected: number;
  errorCount: number;
  errors: ImportError[];
  /** Why a failed import stopped. */
  failure: string | null;
}

/**
 * Who may change customers and move them in and out of the system. Reading is open to every role
 * within its team scope; the server checks, the console only hides what would be refused.
 */
export const customerWriters: readonly Role[] = ['agent', 'team_leader', 'supervisor', 'manager', 'admin'];
export const customerDeleters: readonly Role[] = ['manager', 'admin'];
export const customerImporters: readonly Role[] = ['supervisor', 'manager', 'admin'];
export const customerExporters: readonly Role[] = ['team_leader', 'supervisor', 'manager', 'admin'];
export const auditReaders: readonly Role[] = ['manager', 'admin'];
export const classAdmins: readonly Role[] = ['manager', 'admin'];
