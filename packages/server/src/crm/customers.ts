import {
  canSeeCustomer,
  mayChangeCustomerStanding,
  mayMakeCustomerOwner,
  normalizePhone,
  parseCustomerQuery,
  seesFullNumbers,
  showPhone,
  teamScope,
  type Actor,
  type PhoneKind,
} from '@banzu/core';
import { z } from 'zod';
import type { Customer, CustomerPage } from '@banzu/contract';
import { customerScopeCondition } from '../access/index';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { missing, words } from '../http/messages';
import type { Queryable } from '../store/index';
import { nameInitials } from './pinyin';

interface CustomerDbRow {
  id: string;
  external_id: string | null;
  name: string;
  class_code: string;
  name_zh: string;
  name_en: string;
  vip_level: number;
  vip_override: number | null;
  tags: string[];
  owner_user_id: string | null;
  owner_name: string | null;
  team_id: string | null;
  notes: string;
  phones: { e164: string; kind: PhoneKind }[] | null;
  created_at: Date;
  updated_at: Date;
}

/** The select of a customer with its class, owner and phones (in their order). */
export const customerSelect = `SELECT c.id, c.external_id, c.name, c.class_code, cc.name_zh, cc.name_en,
    coalesce(c.vip_level, cc.vip_level) AS vip_level, c.vip_level AS vip_override, c.tags, c.owner_user_id,
    u.display_name AS owner_name, c.team_id, c.notes, c.created_at, c.updated_at,
    (SELECT json_agg(json_build_object('e164', p.number_e164, 'kind', p.kind) ORDER BY p.position, p.number_e164)
       FROM customer_phones p WHERE p.customer_id = c.id) AS phones
  FROM customers c JOIN customer_classes cc ON cc.code = c.class_code LEFT JOIN users u ON u.id = c.owner_user_id`;

/** A stored customer as `actor` may see it (null: the command line, which sees everything). */
export function toCustomer(row: CustomerDbRow, full: boolean): Customer {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    classCode: row.class_code,
    className: { zh: row.name_zh, en: row.name_en },
    vipLevel: row.vip_level,
    vipOverride: row.vip_override,
    tags: row.tags,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    teamId: row.team_id,
    notes: row.notes,
    phones: (row.phones ?? []).map((p) => ({ number: showPhone(p.e164, full), kind: p.kind })),
    phonesMasked: !full,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export const customerQuerySchema = z.object({
  q: z.string().trim().max(100).optional().describe('A phone number or its start, pinyin initials ("zs" finds 张三), or part of a name'),
  class: z.string().min(1).max(32).optional(),
  tag: z.string().trim().min(1).max(32).optional(),
  teamId: z.string().min(1).optional(),
  ownerUserId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CustomerQueryInput = z.infer<typeof customerQuerySchema>;

/** Counting stops here: "more than 10,000" is as useful to a person as the exact number and far cheaper. */
const COUNT_CAP = 10_000;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE condition for a search within the caller's scope; fills `params`. */
export function customerFilter(actor: Actor | null, query: Omit<CustomerQueryInput, 'limit' | 'offset'>, params: unknown[]): string {
  const where = [customerScopeCondition(actor, 'c.team_id', params)];
  const parsed = query.q ? parseCustomerQuery(query.q) : null;
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  // The matching numbers first, then their customers: as `IN (subquery)` the planner walked every
  // customer newest first probing each one's numbers (5 s on 500,000 customers for a 7-digit start).
  const byNumber = (condition: string) => `c.id = ANY(ARRAY(SELECT customer_id FROM customer_phones WHERE ${condition}))`;
  if (parsed?.kind === 'phone') where.push(byNumber(`number_e164 = ${p(parsed.e164)}`));
  if (parsed?.kind === 'phone_prefix') {
    if (seesFullNumbers(actor)) where.push(byNumber(`number_e164 LIKE ${p(`${parsed.prefix}%`)}`));
    else {
      // Prefixes one digit at a time would spell out a masked number: the whole number or its last four digits only.
      const digits = query.q!.replace(/\D/g, '');
      if (digits.length !== 4) throw new BadRequestError(words('crm.masked_search'), { field: 'q' });
      where.push(byNumber(`right(number_e164, 4) = ${p(digits)}`));
    }
  }
  // Likewise the matching customers first: filtering newest first, a rare name read the whole table at random.
  const byName = (condition: string) => `c.id = ANY(ARRAY(SELECT id FROM customers WHERE ${condition}))`;
  // Part of a name, in any case: the names whose character pairs hold the text's (an index, migration
  // 038) and of those the ones that contain it; a LIKE '%…%' alone read all 500,000 names.
  const nameContains = (text: string) => {
    const q = p(text);
    return `search_grams(name, true) @> coalesce(nullif(search_grams(${q}, false), '{}'), search_grams(${q}, true)) AND lower(name) LIKE '%' || lower(${p(likeEscape(text))}) || '%'`;
  };
  if (parsed?.kind === 'initials') where.push(byName(`name_initials LIKE ${p(`${parsed.initials}%`)} UNION ALL SELECT id FROM customers WHERE ${nameContains(parsed.name)}`));
  if (parsed?.kind === 'name') where.push(byName(nameContains(parsed.name)));
  if (query.class) where.push(`c.class_code = ${p(query.class)}`);
  if (query.tag) where.push(`c.tags @> ARRAY[${p(query.tag)}]::text[]`);
  if (query.teamId) where.push(`c.team_id = ${p(query.teamId)}`);
  if (query.ownerUserId) where.push(`c.owner_user_id = ${p(query.ownerUserId)}`);
  return where.join(' AND ');
}

/**
 * One page of the customers the caller may see that match the search, newest first, and how many
 * match in all (up to 10,000; `totalCapped` beyond).
 *
 * @example
 * await searchCustomers(store, actor, { q: 'zs', limit: 20, offset: 0 });
 */
export async function searchCustomers(db: Queryable, actor: Actor | null, query: CustomerQueryInput): Promise<CustomerPage> {
  const params: unknown[] = [];
  const where = customerFilter(actor, query, params);
  const rows = await db.query<CustomerDbRow>(`${customerSelect} WHERE ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${query.limit} OFFSET ${query.offset}`, params);
  const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM (SELECT 1 FROM customers c WHERE ${where} LIMIT ${COUNT_CAP + 1}) x`, params);
  const total = Math.min(count?.n ?? 0, COUNT_CAP);
  return { total, totalCapped: (count?.n ?? 0) > COUNT_CAP, customers: rows.map((r) => toCustomer(r, seesFullNumbers(actor))) };
}

/** A customer the caller may see, or 404 (a customer out of scope is not admitted to exist). */
export async function loadCustomer(db: Queryable, actor: Actor | null, id: string): Promise<Customer> {
  if (!z.uuid().safeParse(id).success) throw new NotFoundError(missing('customer', id));
  const [row] = await db.query<CustomerDbRow>(`${customerSelect} WHERE c.id = $1`, [id]);
  if (!row || (actor && !canSeeCustomer(actor, row.team_id))) throw new NotFoundError(missing('customer', id));
  return toCustomer(row, seesFullNumbers(actor));
}

const phoneInput = z.object({ number: z.string().trim().min(1).max(40), kind: z.enum(['mobile', 'landline', 'other']).optional() });

export const customerSchema = z.object({
  externalId: z.string().trim().min(1).max(64).nullable().default(null),
  name: z.string().trim().min(1).max(100),
  classCode: z.string().min(1).max(32).default('ordinary'),
  vipLevel: z.number().int().min(0).max(9).nullable().default(null),
  tags: z.array(z.string().trim().min(1).max(32)).max(20).default([]),
  ownerUserId: z.string().min(1).nullable().default(null),
  teamId: z.string().min(1).nullable().optional(),
  notes: z.string().max(2000).default(''),
  phones: z.array(phoneInput).max(10).default([]),
});
export type CustomerInput = z.infer<typeof customerSchema>;

/** Phone numbers normalised, each refused with its reason, and none belonging to another customer. */
async function checkPhones(db: Queryable, phones: CustomerInput['phones'], customerId: string | null) {
  const out: { e164: string; kind: PhoneKind }[] = [];
  for (const [i, phone] of phones.entries()) {
    const n = normalizePhone(phone.number);
    if (!n.ok) throw new BadRequestError(words('crm.bad_phone', { value: phone.number, problem: `phone.${n.problem}` }), { field: `phones.${i}.number`, problem: n.problem });
    if (out.some((p) => p.e164 === n.e164)) throw new BadRequestError(words('crm.phone_twice', { value: phone.number }), { field: `phones.${i}.number` });
    out.push({ e164: n.e164, kind: phone.kind ?? n.kind });
  }
  const taken = await db.query<{ number_e164: string; name: string }>(
    `SELECT p.number_e164, c.name FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.number_e164 = ANY($1::text[]) AND p.customer_id IS DISTINCT FROM $2::uuid LIMIT 1`,
    [out.map((p) => p.e164), customerId],
  );
  if (taken[0]) throw new ConflictError(words('crm.phone_taken', { number: taken[0].number_e164, customer: taken[0].name }), { field: 'phones', number: taken[0].number_e164 });
  return out;
}

/** The team a new or changed customer belongs to: a team leader's and an agent's own team, or none. */
function teamFor(actor: Actor | null, requested: string | null | undefined, current: string | null): string | null {
  if (actor === null) return requested ?? current;
  const scope = teamScope(actor);
  if (scope.kind === 'all') return requested === undefined ? current : requested;
  const own = scope.kind === 'team' ? scope.teamId : null;
  if (requested === undefined) return current ?? own;
  if (requested !== null && requested !== own) throw new ForbiddenError(words('access.not_your_team', { team: requested }));
  return requested;
}

/** What changes: the new values, or for a new customer everything given. */
interface Change {
  classCode?: string;
  vipLevel?: number | null;
  teamChanged: boolean;
  ownerUserId?: string | null;
}

async function assertReferences(db: Queryable, actor: Actor | null, input: Pick<CustomerInput, 'classCode' | 'ownerUserId'>, teamId: string | null, change: Change) {
  const [cls] = await db.query<{ vip_level: number }>('SELECT vip_level FROM customer_classes WHERE code = $1', [input.classCode]);
  if (!cls) throw new BadRequestError(words('crm.no_class', { code: input.classCode }), { field: 'classCode' });
  // A VIP level or a VIP class puts the customer's calls first: an agent may not grant it (a new customer of a plain class is fine).
  const standing = (change.vipLevel ?? null) !== null || (change.classCode !== undefined && cls.vip_level > 0) || change.teamChanged;
  if (!mayChangeCustomerStanding(actor) && standing) throw new ForbiddenError(words('crm.agent_standing'));
  if (input.ownerUserId) {
    const [owner] = await db.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [input.ownerUserId]);
    if (!owner) throw new BadRequestError(words('org.no_such', { thing: words('thing.user'), ids: input.ownerUserId }), { field: 'ownerUserId' });
    if (actor && change.ownerUserId !== undefined && !mayMakeCustomerOwner(actor, { userId: input.ownerUserId, teamId: owner.team_id })) {
      throw new ForbiddenError(words(actor.role === 'agent' ? 'crm.agent_owns_own' : 'crm.owner_in_team'));
    }
  }
  if (teamId) {
    const [team] = await db.query('SELECT 1 FROM teams WHERE id = $1', [teamId]);
    if (!team) throw new BadRequestError(words('org.no_such', { thing: words('thing.team'), ids: teamId }), { field: 'teamId' });
  }
}

async function writePhones(db: Queryable, customerId: string, phones: { e164: string; kind: PhoneKind }[]) {
  await db.query('DELETE FROM customer_phones WHERE customer_id = $1', [customerId]);
  if (phones.length === 0) return;
  await db.query(
    `INSERT INTO customer_phones (customer_id, number_e164, kind, position)
     SELECT $1, p.e164, p.kind, p.pos FROM jsonb_to_recordset($2::jsonb) AS p(e164 text, kind text, pos int)`,
    [customerId, JSON.stringify(phones.map((p, pos) => ({ ...p, pos })))],
  );
}

/**
 * Creates a customer; returns its id.
 *
 * @example
 * const id = await createCustomer(tx, actor, { name: '张三', phones: [{ number: '13812345678' }] });
 */
export async function createCustomer(db: Queryable, actor: Actor | null, input: z.input<typeof customerSchema>): Promise<string> {
  const c = customerSchema.parse(input);
  const teamId = teamFor(actor, c.teamId, null);
  await assertReferences(db, actor, c, teamId, { classCode: c.classCode, vipLevel: c.vipLevel, teamChanged: false, ownerUserId: c.ownerUserId });
  const phones = await checkPhones(db, c.phones, null);
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO customers (external_id, name, name_initials, class_code, vip_level, tags, owner_user_id, team_id, notes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [c.externalId, c.name, nameInitials(c.name), c.classCode, c.vipLevel, c.tags, c.ownerUserId, teamId, c.notes],
  );
  await writePhones(db, row!.id, phones);
  return row!.id;
}

/** Changes the fields given; `phones` replaces the numbers as a whole. */
export async function updateCustomer(db: Queryable, actor: Actor, id: string, patch: Partial<CustomerInput>): Promise<void> {
  const current = await loadCustomer(db, actor, id);
  const [stored] = await db.query<{ class_code: string; vip_level: number | null; owner_user_id: string | null }>(
    'SELECT class_code, vip_level, owner_user_id FROM customers WHERE id = $1 FOR UPDATE',
    [id],
  );
  const next = {
    externalId: patch.externalId !== undefined ? patch.externalId : current.externalId,
    name: patch.name ?? current.name,
    classCode: patch.classCode ?? stored!.class_code,
    vipLevel: patch.vipLevel !== undefined ? patch.vipLevel : stored!.vip_level,
    tags: patch.tags ?? current.tags,
    ownerUserId: patch.ownerUserId !== undefined ? patch.ownerUserId : stored!.owner_user_id,
    notes: patch.notes ?? current.notes,
  };
  const teamId = teamFor(actor, patch.teamId, current.teamId);
  const changed = <T>(value: T | undefined, was: T) => (value !== undefined && value !== was ? value : undefined);
  await assertReferences(db, actor, next, teamId, {
    ...(changed(patch.classCode, stored!.class_code) === undefined ? {} : { classCode: next.classCode }),
    // The level shown (the class's when the customer has none of its own) sent back is no change either.
    ...(changed(patch.vipLevel, stored!.vip_level) === undefined || patch.vipLevel === current.vipLevel ? {} : { vipLevel: next.vipLevel ?? 0 }),
    teamChanged: patch.teamId !== undefined && teamId !== current.teamId,
    ...(changed(patch.ownerUserId, stored!.owner_user_id) === undefined ? {} : { ownerUserId: next.ownerUserId }),
  });
  await db.query(
    `UPDATE customers SET external_id = $2, name = $3, name_initials = $4, class_code = $5, vip_level = $6, tags = $7,
       owner_user_id = $8, team_id = $9, notes = $10, updated_at = now() WHERE id = $1`,
    [id, next.externalId, next.name, nameInitials(next.name), next.classCode, next.vipLevel, next.tags, next.ownerUserId, teamId, next.notes],
  );
  if (patch.phones !== undefined) await writePhones(db, id, await checkPhones(db, patch.phones, id));
}
