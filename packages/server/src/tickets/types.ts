import { z } from 'zod';
import { slaBases, ticketPriorities, type TicketSla } from '@banzu/core';
import type { TicketType } from '@banzu/contract';
import { BadRequestError, ConflictError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable } from '../store/index';

/** Hours, fractions allowed (0.25 is a quarter of an hour), up to a year. */
const hours = z
  .number({ message: 'tickets.sla_hours' })
  .positive({ message: 'tickets.sla_positive' })
  .max(24 * 365, { message: 'tickets.sla_long' });

export const ticketTypeSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'tickets.type_code'),
  /** Kept as it is when a type that exists is changed without it; a new type without one is named by its code. */
  name: z.string().trim().min(1, { message: 'tickets.type_name_required' }).max(50, { message: 'tickets.type_name_long' }).optional(),
  sla: z.object({
    hours,
    basis: z.enum(slaBases, { message: 'tickets.sla_basis' }),
    byPriority: z.partialRecord(z.enum(ticketPriorities), hours).default({}),
  }),
  register: z.boolean().default(false),
  /**
   * Closing one with no knowledge base article used proposes its question and answer as an article
   * for review (问题库). Kept as it is when a type that exists is changed without it; a new type
   * without it proposes none.
   */
  proposesArticle: z.boolean({ message: 'tickets.proposes_article' }).optional(),
});
export type TicketTypeInput = z.infer<typeof ticketTypeSchema>;

interface TypeRow {
  code: string;
  name: string;
  sla_hours: string;
  sla_basis: TicketSla['basis'];
  sla_by_priority: TicketSla['byPriority'];
  register: boolean;
  proposes_article: boolean;
}

const toType = (row: TypeRow): TicketType => ({
  code: row.code,
  name: row.name,
  sla: { hours: Number(row.sla_hours), basis: row.sla_basis, byPriority: row.sla_by_priority ?? {} },
  register: row.register,
  proposesArticle: row.proposes_article,
});

export async function listTicketTypes(db: Queryable): Promise<TicketType[]> {
  const rows = await db.query<TypeRow>('SELECT code, name, sla_hours, sla_basis, sla_by_priority, register, proposes_article FROM ticket_types ORDER BY position, code');
  return rows.map(toType);
}

/** A ticket type by code; 400 naming the known codes when there is none (the caller sent it). */
export async function ticketType(db: Queryable, code: string): Promise<TicketType> {
  const types = await listTicketTypes(db);
  const type = types.find((t) => t.code === code);
  if (!type) throw new BadRequestError(words('tickets.no_type', { code, known: types.map((t) => t.code).join('、') }), { type: code, known: types.map((t) => t.code) });
  return type;
}

/** Adds or changes one type; open tickets keep the deadlines they were given. */
export async function putTicketType(db: Queryable, input: TicketTypeInput): Promise<void> {
  await db.query(
    `INSERT INTO ticket_types (code, name, sla_hours, sla_basis, sla_by_priority, register, proposes_article, position)
     VALUES ($1, coalesce($2, $1), $3, $4, $5, $6, coalesce($7, false), (SELECT coalesce(max(position), 0) + 1 FROM ticket_types))
     ON CONFLICT (code) DO UPDATE SET name = coalesce($2, ticket_types.name), sla_hours = $3, sla_basis = $4, sla_by_priority = $5, register = $6,
       proposes_article = coalesce($7, ticket_types.proposes_article)`,
    [input.code, input.name ?? null, input.sla.hours, input.sla.basis, JSON.stringify(input.sla.byPriority), input.register, input.proposesArticle ?? null],
  );
}

/**
 * Replaces the set of types: each listed one is added or changed in the order given; one left out
 * is removed, unless tickets of it exist (409 naming it).
 */
export async function replaceTicketTypes(db: Queryable, inputs: TicketTypeInput[]): Promise<void> {
  const codes = inputs.map((t) => t.code);
  if (new Set(codes).size !== codes.length) throw new BadRequestError(words('tickets.type_twice'), { codes });
  const used = await db.query<{ type: string }>('SELECT DISTINCT type FROM tickets WHERE NOT (type = ANY($1::text[]))', [codes]);
  if (used.length > 0) throw new ConflictError(words('tickets.type_in_use', { types: used.map((u) => u.type).join('、') }), { types: used.map((u) => u.type) });
  await db.query('DELETE FROM ticket_types WHERE NOT (code = ANY($1::text[]))', [codes]);
  for (const [position, input] of inputs.entries()) {
    await putTicketType(db, input);
    await db.query('UPDATE ticket_types SET position = $2 WHERE code = $1', [input.code, position + 1]);
  }
}
