import type { Queryable } from '../store/index';
import { BadRequestError } from '../http/errors';
import { words } from '../http/messages';

type Table = 'teams' | 'sites' | 'skills' | 'centers';
const things = { teams: 'thing.team', sites: 'thing.site', skills: 'thing.skill', centers: 'thing.center' } as const;

/** A reference in a request body must name an existing record; the error names the field. */
export async function assertExists(db: Queryable, table: Table, ids: string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new BadRequestError(words('org.no_such', { thing: words(things[table]), ids: missing.join('、') }), { field, missing });
  }
}
