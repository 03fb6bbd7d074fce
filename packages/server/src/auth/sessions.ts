import { createHash, randomBytes } from 'node:crypto';
import type { Actor, Role } from '@banzu/core';
import type { Queryable } from '../store/index';

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface Session {
  token: string;
  expiresAt: Date;
}

/** Only the token's hash is stored: a copy of the database does not let anyone log in. */
export async function createSession(db: Queryable, userId: string, now: number, ttlHours: number): Promise<Session> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + ttlHours * 3_600_000);
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < $2', [userId, new Date(now)]);
  await db.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [hashToken(token), userId, expiresAt]);
  return { token, expiresAt };
}

export type SessionLookup = { actor: Actor; username: string } | 'expired' | 'unknown';

export async function resolveSession(db: Queryable, token: string, now: number): Promise<SessionLookup> {
  const rows = await db.query<{ user_id: string; role: Role; team_id: string | null; username: string; expires_at: Date }>(
    `SELECT s.user_id, s.expires_at, u.role, u.team_id, u.username
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND NOT u.disabled`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return 'unknown';
  if (row.expires_at.getTime() <= now) return 'expired';
  return { actor: { userId: row.user_id, role: row.role, teamId: row.team_id }, username: row.username };
}

export async function endSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

/** Ends every session of the user, but the one of `keepToken` when given (the user who changed the own password stays logged in there). */
export async function endUserSessions(db: Queryable, userId: string, keepToken?: string): Promise<void> {
  if (keepToken) await db.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [userId, hashToken(keepToken)]);
  else await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
