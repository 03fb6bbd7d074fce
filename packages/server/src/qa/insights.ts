import type { QaCalibration, QaLibraryEntry, QaReport, QaReportRow, QaStarEntry } from '@banzu/contract';
import { calibrate, fromLocal, qaStars, type Actor, type FormVersion, type ItemResult } from '@banzu/core';
import { z } from 'zod';
import { reportTeam } from '../access/index';
import { writeAudit } from '../crm/index';
import { ForbiddenError } from '../http/errors';
import type { Queryable } from '../store/index';
import { notFound } from './forms';

export const libraryEntrySchema = z.object({
  callId: z.string().min(1).max(200),
  kind: z.enum(['good', 'bad']),
  category: z.string().trim().min(1).max(50),
  note: z.string().trim().max(2000).default(''),
  evaluationId: z.uuid().optional(),
});

/** 优秀录音 / 差录音: a call goes to the library trainers and leaders play in training (seed 004's two folders). */
export async function addToLibrary(tx: Queryable, actor: Actor, entry: z.infer<typeof libraryEntrySchema>, now: number): Promise<QaLibraryEntry> {
  const [call] = await tx.query<{ call_id: string }>('SELECT call_id FROM call_records WHERE call_id = $1', [entry.callId]);
  if (!call) throw notFound(`通话 ${entry.callId}`);
  const [row] = await tx.query<{ id: string }>(
    'INSERT INTO qa_library (call_id, kind, category, note, evaluation_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
    [entry.callId, entry.kind, entry.category, entry.note, entry.evaluationId ?? null, actor.userId, new Date(now).toISOString()],
  );
  await writeAudit(tx, { userId: actor.userId, action: 'qa_library_add', subject: 'qa_library', rowCount: 1, detail: { callId: entry.callId, kind: entry.kind } });
  return (await library(tx, { id: row!.id }))[0]!;
}

export async function library(db: Queryable, f: { id?: string; kind?: 'good' | 'bad'; category?: string }): Promise<QaLibraryEntry[]> {
  const params: unknown[] = [];
  const where = ['true'];
  if (f.id) where.push(`l.id = $${params.push(f.id)}`);
  if (f.kind) where.push(`l.kind = $${params.push(f.kind)}`);
  if (f.category) where.push(`l.category = $${params.push(f.category)}`);
  const rows = await db.query<QaLibraryEntry & { createdAt: Date }>(
    `SELECT l.id, l.call_id AS "callId", l.kind, l.category, l.note, l.evaluation_id AS "evaluationId", u.display_name AS "agentName",
            c.display_name AS "createdBy", l.created_at AS "createdAt"
     FROM qa_library l LEFT JOIN call_records r ON r.call_id = l.call_id LEFT JOIN users u ON u.id = r.agent_id JOIN users c ON c.id = l.created_by
     WHERE ${where.join(' AND ')} ORDER BY l.created_at DESC, l.id LIMIT 500`,
    params,
  );
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/** The local day or month holding `date`, as instants. */
function localPeriod(date: string, period: 'day' | 'month', timeZone: string): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return period === 'day'
    ? [fromLocal(y, m, d, 0, 0, timeZone), fromLocal(y, m, d + 1, 0, 0, timeZone)]
    : [fromLocal(y, m, 1, 0, 0, timeZone), fromLocal(y, m + 1, 1, 0, 0, timeZone)];
}

/** 质检明星 of the day or month per team: confirmed scores of calls in the period, with the center's minimum of evaluations. */
export async function stars(db: Queryable, date: string, period: 'day' | 'month', minEvaluations: number, timeZone: string): Promise<QaStarEntry[]> {
  const [from, to] = localPeriod(date, period, timeZone);
  const rows = await db.query<{ agent_id: string; team_id: string | null; score: number }>(
    `SELECT agent_id, team_id, score FROM qa_evaluations WHERE purpose = 'evaluation' AND status = 'confirmed' AND call_started_at >= $1 AND call_started_at < $2`,
    [new Date(from).toISOString(), new Date(to).toISOString()],
  );
  const best = qaStars(
    rows.map((r) => ({ agentId: r.agent_id, teamId: r.team_id, score: r.score })),
    minEvaluations,
  );
  if (best.length === 0) return [];
  const names = await db.query<{ id: string; name: string }>(
    `SELECT id, display_name AS name FROM users WHERE id = ANY($1::text[]) UNION ALL SELECT id, name FROM teams WHERE id = ANY($2::text[])`,
    [best.map((b) => b.agentId), best.map((b) => b.teamId).filter((t) => t !== null)],
  );
  const name = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
  const byTeamName = (a: QaStarEntry, b: QaStarEntry) => ((a.teamName ?? '') < (b.teamName ?? '') ? -1 : (a.teamName ?? '') > (b.teamName ?? '') ? 1 : 0);
  return best.map((b) => ({ ...b, teamName: name(b.teamId), agentName: name(b.agentId) ?? b.agentId })).sort(byTeamName);
}

export const reportQuerySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  by: z.enum(['agent', 'team', 'inspector']).default('agent'),
  teamId: z.string().min(1).optional(),
});

/**
 * The QA report over calls of local dates from..to: per agent, team or inspector the average score,
 * 致命项率 and 非致命项率, disputes and how many changed the score; the most-failed items; the
 * daily trend. A team leader sees the own team.
 */
export async function qaReport(db: Queryable, actor: Actor, q: z.infer<typeof reportQuerySchema>, timeZone: string): Promise<QaReport> {
  if (actor.role === 'agent') throw new ForbiddenError('你无权查看质检报表');
  const teamId = reportTeam(actor, q.teamId);
  const [from] = localPeriod(q.from, 'day', timeZone);
  const [, to] = localPeriod(q.to, 'day', timeZone);
  const params: unknown[] = [new Date(from).toISOString(), new Date(to).toISOString()];
  const team = teamId ? ` AND e.team_id = $${params.push(teamId)}` : '';
  const rows = await db.query<{
    agent_id: string;
    agent_name: string;
    team_id: string | null;
    team_name: string | null;
    inspector_id: string;
    inspector_name: string;
    score: number;
    fatal: boolean;
    items: ItemResult[];
    definition: FormVersion;
    disputed: boolean;
    changed: boolean;
    resolved: boolean;
    day: string;
  }>(
    `SELECT e.agent_id, a.display_name AS agent_name, e.team_id, t.name AS team_name, e.inspector_id, i.display_name AS inspector_name, e.score, e.fatal, e.items, v.definition,
            e.disputed_at IS NOT NULL AS disputed, e.confirmed_how = 'changed' AS changed, e.resolved_by IS NOT NULL AS resolved,
            to_char(e.call_started_at AT TIME ZONE $${params.push(timeZone)}, 'YYYY-MM-DD') AS day
     FROM qa_evaluations e JOIN users a ON a.id = e.agent_id JOIN users i ON i.id = e.inspector_id LEFT JOIN teams t ON t.id = e.team_id
     JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
     WHERE e.purpose = 'evaluation' AND e.call_started_at >= $1 AND e.call_started_at < $2${team}`,
    params,
  );
  const summarise = (key: string, name: string, of: typeof rows): QaReportRow => {
    const n = of.length;
    const resolved = of.filter((r) => r.resolved);
    return {
      key,
      name,
      evaluations: n,
      averageScore: n ? of.reduce((s, r) => s + r.score, 0) / n : null,
      fatalRate: n ? of.filter((r) => r.fatal).length / n : null,
      nonFatalRate: n ? of.filter((r) => r.items.some((i) => i.failed && !i.fatal && !i.na)).length / n : null,
      disputes: of.filter((r) => r.disputed).length,
      disputesChanged: resolved.length ? resolved.filter((r) => r.changed).length / resolved.length : 0,
    };
  };
  const keyOf = (r: (typeof rows)[number]): [string, string] =>
    q.by === 'agent' ? [r.agent_id, r.agent_name] : q.by === 'team' ? [r.team_id ?? '', r.team_name ?? ''] : [r.inspector_id, r.inspector_name];
  const groups = new Map<string, { name: string; rows: typeof rows }>();
  for (const r of rows) {
    const [key, name] = keyOf(r);
    const g = groups.get(key) ?? { name, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  const items = new Map<string, { key: string; text: string; failed: number; of: number; fatal: boolean }>();
  for (const r of rows) {
    const text = new Map(r.definition.sections.flatMap((s) => s.items).map((i) => [i.key, i] as const));
    for (const i of r.items) {
      if (i.na) continue;
      const it = items.get(i.key) ?? { key: i.key, text: text.get(i.key)?.text ?? i.key, failed: 0, of: 0, fatal: text.get(i.key)?.fatal ?? false };
      it.of += 1;
      if (i.failed) it.failed += 1;
      items.set(i.key, it);
    }
  }
  const days = new Map<string, { sum: number; n: number }>();
  for (const r of rows) {
    const d = days.get(r.day) ?? { sum: 0, n: 0 };
    d.sum += r.score;
    d.n += 1;
    days.set(r.day, d);
  }
  return {
    by: q.by,
    rows: [...groups].map(([key, g]) => summarise(key, g.name, g.rows)).sort((a, b) => (b.averageScore ?? 0) - (a.averageScore ?? 0) || a.key.localeCompare(b.key)),
    total: summarise('total', '合计', rows),
    items: [...items.values()].filter((i) => i.failed > 0).sort((a, b) => b.failed - a.failed || a.key.localeCompare(b.key)),
    trend: [...days].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, averageScore: d.sum / d.n, evaluations: d.n })),
  };
}

/** A calibration session's result: the inspectors' calibration sheets of one call on one form version, the spread per item and Fleiss' kappa. */
export async function calibration(db: Queryable, callId: string): Promise<QaCalibration> {
  const rows = await db.query<{ form_id: string; form_version: number; inspector_id: string; name: string; score: number; items: ItemResult[]; definition: FormVersion }>(
    `SELECT e.form_id, e.form_version, e.inspector_id, u.display_name AS name, e.score, e.items, v.definition
     FROM qa_evaluations e JOIN users u ON u.id = e.inspector_id JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
     WHERE e.call_id = $1 AND e.purpose = 'calibration' ORDER BY e.form_id, e.form_version DESC, e.scored_at`,
    [callId],
  );
  const first = rows[0];
  if (!first) throw notFound(`通话 ${callId} 的校准评分`);
  const sheets = rows.filter((r) => r.form_id === first.form_id && r.form_version === first.form_version);
  const result = calibrate(sheets.map((s) => s.items));
  const text = new Map(first.definition.sections.flatMap((s) => s.items).map((i) => [i.key, i.text]));
  return {
    callId,
    formId: first.form_id,
    formVersion: first.form_version,
    inspectors: sheets.map((s) => ({ id: s.inspector_id, name: s.name, score: s.score })),
    kappa: result.kappa,
    items: result.items.map((i) => ({ ...i, text: text.get(i.key) ?? i.key })),
  };
}
