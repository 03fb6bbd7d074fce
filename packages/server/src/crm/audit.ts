import { z } from 'zod';
import type { Queryable } from '../store/index';

export interface AuditEntry {
  /** null: the command line. */
  userId: string | null;
  /** What was done: 'export', 'import' … */
  action: string;
  /** To what: 'customers' … */
  subject: string;
  rowCount: number;
  detail?: Record<string, unknown>;
}

/**
 * Records who did what to which data and how many rows: every export and import of customer data.
 * Any feature may write here.
 *
 * @example
 * await writeAudit(tx, { userId: actor.userId, action: 'export', subject: 'customers', rowCount: 120, detail: { filter } });
 */
export async function writeAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (user_id, action, subject, row_count, detail) VALUES ($1, $2, $3, $4, $5)', [
    entry.userId,
    entry.action,
    entry.subject,
    entry.rowCount,
    JSON.stringify(entry.detail ?? {}),
  ]);
}

export const auditQuerySchema = z.object({
  action: z.string().min(1).max(50).optional(),
  subject: z.string().min(1).max(50).optional(),
  userId: z.string().min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The audit log, newest first, with the user's name. */
export async function listAudit(db: Queryable, q: z.infer<typeof auditQuerySchema>) {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (q.action) add('a.action = ?', q.action);
  if (q.subject) add('a.subject = ?', q.subject);
  if (q.userId) add('a.user_id = ?', q.userId);
  if (q.from) add('a.at >= ?', q.from);
  if (q.to) add('a.at < ?', q.to);
  return db.query(
    `SELECT a.id, a.at, a.user_id AS "userId", u.username, u.display_name AS "userName", a.action, a.subject, a.row_count AS "rowCount", a.detail
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.at DESC, a.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
    params,
  );
}
