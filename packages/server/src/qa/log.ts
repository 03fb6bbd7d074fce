import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { QaComment, QaLog, QaLogOverview, QaLogRow, QaLogSummary, QaSettings } from '@banzu/contract';
import { fromLocal, localDate, type Actor, type FormVersion, type ItemResult, type Role } from '@banzu/core';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { BadRequestError, ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import { sendWorkbook } from '../reports/index';
import { centerTime, exportLanguage, inLanguage, safeRow, type ExportLanguage } from '../spreadsheet/index';
import type { Queryable } from '../store/index';
import { scorers, type QaContext } from './evaluations';

/** Who keeps or reads a QA log (质检日志): inspectors their own, the floor's leads anyone's. */
const logReaders = ['qa', 'supervisor', 'manager', 'admin'] as const;
/** Who reads another inspector's log and the day's overview: the QA lead's part, played by supervisors and managers. */
const logLeads: readonly Role[] = ['supervisor', 'manager', 'admin'];
/** The longest note of a day: a page of findings, not a report. */
const NOTE_MAX = 4000;

const date = z.iso.date({ message: 'qa.log_date' });
export const logQuerySchema = z.object({ date: date.optional(), inspector: z.string().min(1).max(200).optional() });
export const noteSchema = z.object({
  date,
  text: z.string({ message: 'qa.log_note_text' }).trim().max(NOTE_MAX, { message: 'qa.log_note_long' }),
});

type Ctx = Pick<QaContext, 'now' | 'timeZone'> & { settings: Pick<QaSettings, 'dailyTarget'> };

/** The center's day as instants: from its midnight to the next (23 or 25 hours across a clock change). */
function dayBounds(day: string, timeZone: string): [string, string] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return [new Date(fromLocal(y, m, d, 0, 0, timeZone)).toISOString(), new Date(fromLocal(y, m, d + 1, 0, 0, timeZone)).toISOString()];
}

/**
 * Whose log the caller asks for: the own by default; another's only for a lead (an inspector is
 * refused before learning whether the id exists); 404 for an id that is nobody who scores.
 */
async function inspectorOf(db: Queryable, actor: Actor, id: string | undefined): Promise<{ id: string; name: string }> {
  const wanted = id ?? actor.userId;
  if (wanted !== actor.userId && !logLeads.includes(actor.role)) throw new ForbiddenError(words('qa.log_other_inspector'));
  const [row] = await db.query<{ id: string; name: string }>('SELECT id, display_name AS name FROM users WHERE id = $1 AND role = ANY($2::text[])', [wanted, [...scorers]]);
  if (!row) throw new NotFoundError(words('qa.no_inspector', { id: wanted }));
  return row;
}

interface LogEvaluationRow {
  id: string;
  scored_at: Date;
  agent_id: string;
  agent_name: string;
  employee_no: string | null;
  call_id: string;
  call_started_at: Date;
  score: number;
  fatal: boolean;
  status: QaLogRow['status'];
  items: ItemResult[];
  comments: QaComment[];
  definition: FormVersion;
  disputed: boolean;
}

/** mm:ss of a comment pinned in the recording. */
const pinned = (seconds: number) => `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

function toRow(r: LogEvaluationRow): QaLogRow {
  const text = new Map(r.definition.sections.flatMap((s) => s.items).map((i) => [i.key, i.text]));
  return {
    evaluationId: r.id,
    scoredAt: r.scored_at.toISOString(),
    agentId: r.agent_id,
    agentName: r.agent_name,
    employeeNo: r.employee_no,
    callId: r.call_id,
    callStartedAt: r.call_started_at.toISOString(),
    score: r.score,
    fatal: r.fatal,
    status: r.status,
    failedItems: r.items.filter((i) => i.failed && !i.na).map((i) => ({ key: i.key, text: text.get(i.key) ?? i.key, fatal: i.fatal })),
    comment: r.comments.map((c) => (c.atSeconds === null ? c.text : `[${pinned(c.atSeconds)}] ${c.text}`)).join('；'),
  };
}

/** The figures of an inspector's day: heard against the target, average, fatal failures, disputes. */
function summarise(rows: readonly { score: number; fatal: boolean; disputed: boolean }[], calibrations: number, target: number): QaLogSummary {
  const heard = rows.length;
  return {
    heard,
    calibrations,
    target,
    progress: target > 0 ? heard / target : null,
    averageScore: heard ? rows.reduce((s, r) => s + r.score, 0) / heard : null,
    fatal: rows.filter((r) => r.fatal).length,
    disputes: rows.filter((r) => r.disputed).length,
  };
}

/**
 * An inspector's daily log (质检日志, seed 004): the evaluations scored on the center's `date`
 * (today when left out) in the order scored, the summary against the daily target — calibration
 * sheets counted apart, not as heard — and the inspector's note of the day. An inspector reads the
 * own; supervisors and managers anyone's.
 *
 * @example
 * const log = await qaLog(tx, actor, { date: '2026-12-05' }, ctx); // log.summary.heard / log.summary.target
 */
export async function qaLog(db: Queryable, actor: Actor, q: z.infer<typeof logQuerySchema>, ctx: Ctx): Promise<QaLog> {
  const day = q.date ?? localDate(ctx.now, ctx.timeZone);
  const inspector = await inspectorOf(db, actor, q.inspector);
  const [from, to] = dayBounds(day, ctx.timeZone);
  const rows = await db.query<LogEvaluationRow>(
    `SELECT e.id, e.scored_at, e.agent_id, a.display_name AS agent_name, ag.employee_no, e.call_id, e.call_started_at, e.score, e.fatal, e.status, e.items, e.comments,
            v.definition, e.disputed_at IS NOT NULL AS disputed
     FROM qa_evaluations e JOIN qa_form_versions v ON v.form_id = e.form_id AND v.version = e.form_version
     JOIN users a ON a.id = e.agent_id LEFT JOIN agents ag ON ag.user_id = e.agent_id
     WHERE e.inspector_id = $1 AND e.purpose = 'evaluation' AND e.scored_at >= $2 AND e.scored_at < $3
     ORDER BY e.scored_at, e.id`,
    [inspector.id, from, to],
  );
  const [calibrations] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM qa_evaluations WHERE inspector_id = $1 AND purpose = 'calibration' AND scored_at >= $2 AND scored_at < $3`,
    [inspector.id, from, to],
  );
  const [note] = await db.query<{ text: string; updated_at: Date }>('SELECT text, updated_at FROM qa_log_notes WHERE inspector_id = $1 AND day = $2', [inspector.id, day]);
  return {
    date: day,
    inspector,
    summary: summarise(rows, calibrations?.n ?? 0, ctx.settings.dailyTarget),
    rows: rows.map(toRow),
    note: note ? { text: note.text, updatedAt: note.updated_at.toISOString() } : null,
    mayWrite: inspector.id === actor.userId,
  };
}

/**
 * The inspector saves the own note of a day (今日发现的共性问题 / 建议): today or a day before, not
 * one to come; an empty text removes it. Audited with the text.
 */
export async function saveLogNote(tx: Queryable, actor: Actor, body: z.infer<typeof noteSchema>, ctx: Pick<QaContext, 'now' | 'timeZone'>): Promise<QaLog['note']> {
  if (body.date > localDate(ctx.now, ctx.timeZone)) throw new BadRequestError(words('qa.log_future', { date: body.date }));
  const at = new Date(ctx.now);
  if (body.text === '') await tx.query('DELETE FROM qa_log_notes WHERE inspector_id = $1 AND day = $2', [actor.userId, body.date]);
  else {
    await tx.query(
      `INSERT INTO qa_log_notes (inspector_id, day, text, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (inspector_id, day) DO UPDATE SET text = EXCLUDED.text, updated_at = EXCLUDED.updated_at`,
      [actor.userId, body.date, body.text, at.toISOString()],
    );
  }
  await writeAudit(tx, { userId: actor.userId, action: 'qa_log_note', subject: 'qa_log_notes', rowCount: 1, detail: { date: body.date, text: body.text } });
  return body.text === '' ? null : { text: body.text, updatedAt: at.toISOString() };
}

/**
 * The QA lead's view of a day: each inspector — everyone with the qa role, and anyone else who
 * scored that day — with heard against the target, average, fatal failures, disputes and whether
 * the note is written; the fewest heard first, so who is behind shows at the top.
 */
export async function logOverview(db: Queryable, day: string, ctx: Ctx): Promise<QaLogOverview> {
  const [from, to] = dayBounds(day, ctx.timeZone);
  const people = await db.query<{ id: string; name: string }>(
    `SELECT id, display_name AS name FROM users WHERE role = 'qa' AND NOT disabled
     UNION SELECT u.id, u.display_name FROM users u JOIN qa_evaluations e ON e.inspector_id = u.id WHERE e.scored_at >= $1 AND e.scored_at < $2`,
    [from, to],
  );
  const scored = await db.query<{ inspector_id: string; purpose: 'evaluation' | 'calibration'; score: number; fatal: boolean; disputed: boolean }>(
    `SELECT inspector_id, purpose, score, fatal, disputed_at IS NOT NULL AS disputed FROM qa_evaluations WHERE scored_at >= $1 AND scored_at < $2`,
    [from, to],
  );
  const noted = new Set((await db.query<{ inspector_id: string }>('SELECT inspector_id FROM qa_log_notes WHERE day = $1', [day])).map((n) => n.inspector_id));
  const rows = people.map((p) => {
    const own = scored.filter((s) => s.inspector_id === p.id);
    const heard = own.filter((s) => s.purpose === 'evaluation');
    return { inspectorId: p.id, name: p.name, noted: noted.has(p.id), ...summarise(heard, own.length - heard.length, ctx.settings.dailyTarget) };
  });
  return { date: day, rows: rows.sort((a, b) => a.heard - b.heard || a.name.localeCompare(b.name, 'zh-CN')) };
}

/**
 * The day's log as a workbook for the QA file: the summary, one row per evaluation as the page
 * lists it (times on the center's clock), and the note; headers in the user's language.
 */
export async function qaLogWorkbook(log: QaLog, timeZone: string, language: ExportLanguage): Promise<Buffer> {
  const say = (zh: string, en: string) => inLanguage(language, zh, en);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Banzu';
  const sheet = workbook.addWorksheet(say('质检日志', 'QA log'));
  sheet.addRow(safeRow([`${say('质检日志', 'QA log')} · ${log.date} · ${say('质检员', 'Inspector')} ${log.inspector.name}`])).font = { bold: true, size: 13 };
  const s = log.summary;
  sheet.addRow(
    safeRow([
      say('监听数', 'Heard'),
      s.heard,
      say('每日目标', 'Daily target'),
      s.target,
      say('完成率', 'Progress'),
      s.progress,
      say('平均分', 'Average score'),
      s.averageScore,
      say('致命项', 'Fatal'),
      s.fatal,
      say('申诉', 'Disputes'),
      s.disputes,
      say('校准', 'Calibrations'),
      s.calibrations,
    ]),
  );
  sheet.getCell(2, 6).numFmt = '0.0%';
  sheet.getCell(2, 8).numFmt = '0.0';
  sheet.addRow([]);
  const header = sheet.addRow([
    say('评分时间', 'Scored at'),
    say('座席', 'Agent'),
    say('工号', 'Employee no.'),
    say('通话开始', 'Call started'),
    say('得分', 'Score'),
    say('致命项', 'Fatal'),
    say('状态', 'Status'),
    say('失分项', 'Failed items'),
    say('评语', 'Comment'),
  ]);
  header.font = { bold: true };
  const status = { pending: say('待签字', 'Awaiting signature'), disputed: say('申诉中', 'Disputed'), confirmed: say('已确认', 'Confirmed') };
  for (const r of log.rows) {
    sheet.addRow(
      safeRow([
        centerTime(r.scoredAt, timeZone),
        r.agentName,
        r.employeeNo ?? '',
        centerTime(r.callStartedAt, timeZone),
        r.score,
        r.fatal ? say('是', 'Yes') : '',
        status[r.status],
        r.failedItems.map((i) => i.text).join('；'),
        r.comment,
      ]),
    );
  }
  sheet.addRow([]);
  sheet.addRow([say('今日发现的共性问题 / 建议', 'Common problems found / suggestions')]).font = { bold: true };
  sheet.addRow(safeRow([log.note?.text ?? '']));
  [20, 12, 12, 20, 8, 8, 12, 36, 48].forEach((width, i) => {
    sheet.getColumn(i + 1).width = width;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type WithQa = <T>(work: (tx: Queryable, ctx: QaContext) => Promise<T>) => Promise<T>;

/** The QA log's routes: the day's log, the note, its Excel export and the lead's overview. `withQa` is the QA plugin's transaction with its context. */
export function logRoutes(app: FastifyInstance, withQa: WithQa): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['qa'];

  routes.get(
    '/api/v1/qa/log',
    {
      config: { roles: logReaders },
      schema: {
        tags,
        summary:
          'An inspector’s daily log (质检日志): the day’s evaluations, heard against the daily target, average, fatal, disputes, and the note (QA: the own; leads: anyone’s)',
        querystring: logQuerySchema,
      },
    },
    (request) => withQa((tx, ctx) => qaLog(tx, actorOf(request), request.query, ctx)),
  );

  routes.put(
    '/api/v1/qa/log/note',
    {
      config: { roles: logReaders },
      schema: { tags, summary: 'Save the own note of a day (common problems found, suggestions); an empty text removes it; audited', body: noteSchema },
    },
    (request) => withQa((tx, ctx) => saveLogNote(tx, actorOf(request), request.body, ctx)),
  );

  routes.get(
    '/api/v1/qa/log/export.xlsx',
    {
      config: { roles: logReaders },
      schema: { tags, summary: 'An inspector’s daily log as an Excel workbook in the user’s language, on the center’s clock; audited', querystring: logQuerySchema },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const language = exportLanguage(request);
      const { log, xlsx } = await withQa(async (tx, ctx) => {
        const log = await qaLog(tx, actor, request.query, ctx);
        await writeAudit(tx, { userId: actor.userId, action: 'export', subject: 'qa_log', rowCount: log.rows.length, detail: { date: log.date, inspectorId: log.inspector.id } });
        return { log, xlsx: await qaLogWorkbook(log, ctx.timeZone, language) };
      });
      return sendWorkbook(reply, `qa-log-${log.date}.xlsx`, xlsx);
    },
  );

  routes.get(
    '/api/v1/qa/log/overview',
    {
      config: { roles: logLeads },
      schema: {
        tags,
        summary: 'Each inspector’s day for the QA lead: heard against the daily target, average, fatal, disputes, note written',
        querystring: z.object({ date: date.optional() }),
      },
    },
    (request) => withQa((tx, ctx) => logOverview(tx, request.query.date ?? localDate(ctx.now, ctx.timeZone), ctx)),
  );
}
