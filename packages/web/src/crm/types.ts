/** Customers as the API answers them (packages/server/src/crm). */
export interface Customer {
  id: string;
  externalId: string | null;
  name: string;
  classCode: string;
  className: { zh: string; en: string };
  vipLevel: number;
  tags: string[];
  ownerName: string | null;
  teamId: string | null;
  notes: string;
  phones: { number: string; kind: 'mobile' | 'landline' | 'other' }[];
  phonesMasked: boolean;
  createdAt: string;
}

export interface CustomerClass {
  code: string;
  nameZh: string;
  nameEn: string;
  vipLevel: number;
  builtIn: boolean;
}

export interface Order {
  id: string;
  orderNo: string;
  product: string;
  amountCents: number;
  currency: string;
  status: string;
  orderedAt: string;
}

export interface ServiceRecord {
  id: string;
  kind: string;
  subject: string;
  status: string;
  openedAt: string;
  feedback: string;
  satisfaction: number | null;
}

export interface Visit {
  id: string;
  visitedAt: string;
  remote: boolean;
  opinion: string;
  intention: string;
  expectedDate?: string | null;
  requests?: string;
  nextStep: string;
  byName?: string | null;
}

export interface CustomerCall {
  callId: string;
  direction: string;
  startedAt: string;
  outcome: string | null;
  agentName: string | null;
  disposition: string | null;
  talkSeconds: number | null;
  recordingUrl: string | null;
}

export interface CustomerProfileData extends Customer {
  orders: Order[];
  serviceRecords: ServiceRecord[];
  visits: Visit[];
  calls: CustomerCall[];
}

/** An amount in fen as yuan: ¥3,299.00. */
export function money(cents: number, currency = 'CNY'): string {
  return new Intl.NumberFormat('zh-CN', { style: 'currency', currency }).format(cents / 100);
}
