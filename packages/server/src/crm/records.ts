import { phoneVariants, type Actor } from '@banzu/core';
import { z } from 'zod';
import {
  orderStatuses,
  serviceKinds,
  serviceStatuses,
  visitIntentions,
  type CustomerCall,
  type CustomerProfile,
  type Order,
  type ServiceRecord,
  type Visit,
} from '@banzu/contract';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { loadCustomer } from './customers';

export const orderSchema = z.object({
  orderNo: z.string().trim().min(1).max(64),
  product: z.string().trim().min(1).max(200),
  quantity: z.number().int().min(1).max(1_000_000).default(1),
  /** In fen (分) for CNY. */
  amountCents: z.number().int().min(0).max(1e13).default(0),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  status: z.enum(orderStatuses).default('placed'),
  orderedAt: z.iso.datetime({ offset: true }),
});

export const serviceRecordSchema = z.object({
  kind: z.enum(serviceKinds),
  subject: z.string().trim().min(1).max(200),
  description: z.string().max(4000).default(''),
  status: z.enum(serviceStatuses).default('open'),
  openedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  feedback: z.string().max(4000).default(''),
  satisfaction: z.number().int().min(1).max(5).nullable().default(null),
});

export const visitSchema = z.object({
  visitedAt: z.iso.datetime({ offset: true }),
  /** By phone or video instead of at the customer's. */
  remote: z.boolean().default(false),
  opinion: z.string().max(4000).default(''),
  intention: z.enum(visitIntentions).default('unknown'),
  expectedDate: z.iso.date().nullable().default(null),
  requests: z.string().max(4000).default(''),
  nextStep: z.string().max(2000).default(''),
});

/** A timestamp column as the API sends it, the way JSON writes a Date: 2026-01-02T03:00:00.000Z. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const orderSelect = `SELECT id, order_no AS "orderNo", product, quantity, amount_cents AS "amountCents", currency, status,
  ${iso('ordered_at')} AS "orderedAt" FROM orders`;
const serviceSelect = `SELECT id, kind, subject, description, status, ${iso('opened_at')} AS "openedAt", ${iso('closed_at')} AS "closedAt",
  feedback, satisfaction, by_user_id AS "byUserId" FROM service_records`;
const visitSelect = `SELECT v.id, ${iso('v.visited_at')} AS "visitedAt", v.remote, v.opinion, v.intention, to_char(v.expected_date, 'YYYY-MM-DD') AS "expectedDate",
  v.requests, v.next_step AS "nextStep", v.by_user_id AS "byUserId", u.display_name AS "byName", ${iso('v.updated_at')} AS "updatedAt"
  FROM field_visits v LEFT JOIN users u ON u.id = v.by_user_id`;

/** A customer's latest orders, newest first. */
export async function customerOrders(db: Queryable, customerId: string, limit: number): Promise<Order[]> {
  return db.query<Order>(`${orderSelect} WHERE customer_id = $1 ORDER BY ordered_at DESC LIMIT ${limit}`, [customerId]);
}

/** A customer's latest service records (repairs, after-sales), newest first. */
export async function customerServiceRecords(db: Queryable, customerId: string, limit: number): Promise<ServiceRecord[]> {
  return db.query<ServiceRecord>(`${serviceSelect} WHERE customer_id = $1 ORDER BY opened_at DESC LIMIT ${limit}`, [customerId]);
}

/** A customer's latest field visits, newest first. */
export async function customerVisits(db: Queryable, customerId: string, limit: number): Promise<Visit[]> {
  return db.query<Visit>(`${visitSelect} WHERE v.customer_id = $1 ORDER BY v.visited_at DESC LIMIT ${limit}`, [customerId]);
}

export async function addOrder(db: Queryable, customerId: string, input: z.infer<typeof orderSchema>): Promise<Order> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO orders (customer_id, order_no, product, quantity, amount_cents, currency, status, ordered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [customerId, input.orderNo, input.product, input.quantity, input.amountCents, input.currency, input.status, input.orderedAt],
  );
  return (await db.query<Order>(`${orderSelect} WHERE id = $1`, [row!.id]))[0]!;
}

export async function addServiceRecord(db: Queryable, actor: Actor | null, customerId: string, input: z.infer<typeof serviceRecordSchema>): Promise<ServiceRecord> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO service_records (customer_id, kind, subject, description, status, opened_at, closed_at, feedback, satisfaction, by_user_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [customerId, input.kind, input.subject, input.description, input.status, input.openedAt, input.closedAt, input.feedback, input.satisfaction, actor?.userId ?? null],
  );
  return (await db.query<ServiceRecord>(`${serviceSelect} WHERE id = $1`, [row!.id]))[0]!;
}

export async function updateServiceRecord(db: Queryable, customerId: string, id: string, patch: Partial<z.infer<typeof serviceRecordSchema>>): Promise<ServiceRecord> {
  const [current] = await db.query<ServiceRecord>(`${serviceSelect} WHERE id = $1 AND customer_id = $2`, [id, customerId]);
  if (!current) throw new NotFoundError(missing('service_record', id));
  const n = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  await db.query(
    `UPDATE service_records SET kind = $2, subject = $3, description = $4, status = $5, opened_at = $6, closed_at = $7, feedback = $8,
       satisfaction = $9 WHERE id = $1`,
    [id, n.kind, n.subject, n.description, n.status, n.openedAt, n.closedAt, n.feedback, n.satisfaction],
  );
  return (await db.query<ServiceRecord>(`${serviceSelect} WHERE id = $1`, [id]))[0]!;
}

/** A field visit by the caller (sales staff), at the customer's or remote. */
export async function addVisit(db: Queryable, actor: Actor | null, customerId: string, input: z.infer<typeof visitSchema>): Promise<Visit> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO field_visits (customer_id, by_user_id, visited_at, remote, opinion, intention, expected_date, requests, next_step)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [customerId, actor?.userId ?? null, input.visitedAt, input.remote, input.opinion, input.intention, input.expectedDate, input.requests, input.nextStep],
  );
  return (await db.query<Visit>(`${visitSelect} WHERE v.id = $1`, [row!.id]))[0]!;
}

/** Changes a visit record: its author, or a team leader and above. */
export async function updateVisit(db: Queryable, actor: Actor, customerId: string, id: string, patch: Partial<z.infer<typeof visitSchema>>): Promise<Visit> {
  const [current] = await db.query<Visit>(`${visitSelect} WHERE v.id = $1 AND v.customer_id = $2`, [id, customerId]);
  if (!current) throw new NotFoundError(missing('visit', id));
  if (actor.role === 'agent' && current.byUserId !== actor.userId) throw new ForbiddenError(words('crm.visit_not_yours'));
  const n = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  await db.query(
    `UPDATE field_visits SET visited_at = $2, remote = $3, opinion = $4, intention = $5, expected_date = $6, requests = $7, next_step = $8,
       updated_at = now() WHERE id = $1`,
    [id, n.visitedAt, n.remote, n.opinion, n.intention, n.expectedDate, n.requests, n.nextStep],
  );
  return (await db.query<Visit>(`${visitSelect} WHERE v.id = $1`, [id]))[0]!;
}

/**
 * The customer's calls, newest first: inbound from any of the numbers (in any form a switch
 * reports it), outbound to them; with the disposition and, when recorded, the recording's link.
 */
export async function customerCalls(db: Queryable, e164s: string[], limit = 20): Promise<CustomerCall[]> {
  const variants = e164s.flatMap(phoneVariants);
  if (variants.length === 0) return [];
  const rows = await db.query<Omit<CustomerCall, 'recordingUrl'> & { recorded: boolean }>(
    `SELECT r.call_id AS "callId", r.direction, ${iso('r.started_at')} AS "startedAt", r.outcome, r.agent_id AS "agentId", u.display_name AS "agentName",
            r.record->>'disposition' AS disposition, round((r.record->>'talkMs')::numeric / 1000) AS "talkSeconds",
            coalesce((r.record->>'recorded')::boolean, false) AS recorded
     FROM (SELECT * FROM call_records WHERE from_number = ANY($1::text[])
           UNION SELECT * FROM call_records WHERE direction = 'outbound' AND record->>'to' = ANY($1::text[])) r
     LEFT JOIN users u ON u.id = r.agent_id
     ORDER BY r.started_at DESC LIMIT ${limit}`,
    [variants],
  );
  return rows.map(({ recorded, ...r }) => ({ ...r, recordingUrl: recorded ? `/api/v1/calls/${encodeURIComponent(r.callId)}/recording` : null }));
}

/** The E.164 numbers of a customer, unmasked, for finding its calls. */
export async function numbersOf(db: Queryable, customerId: string): Promise<string[]> {
  return (await db.query<{ n: string }>('SELECT number_e164 AS n FROM customer_phones WHERE customer_id = $1', [customerId])).map((r) => r.n);
}

/**
 * The customer with orders, repairs and after-sales, field visits and calls, the latest `limit` of each.
 *
 * @example
 * const profile = await customerProfile(store, actor, id);
 */
export async function customerProfile(db: Queryable, actor: Actor | null, id: string, limit = 20): Promise<CustomerProfile> {
  const customer = await loadCustomer(db, actor, id);
  const [orders, serviceRecords, visits, calls] = await Promise.all([
    customerOrders(db, id, limit),
    customerServiceRecords(db, id, limit),
    customerVisits(db, id, limit),
    numbersOf(db, id).then((numbers) => customerCalls(db, numbers, limit)),
  ]);
  return { ...customer, orders, serviceRecords, visits, calls };
}
