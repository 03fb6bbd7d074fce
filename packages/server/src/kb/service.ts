import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { indexGrams, kbDocument, kbNotesQuery, kbQuery, kbScore, localDate, queryGrams, type Actor, type KbQuery } from '@banzu/core';
import { kbEditors, kbStatuses, type KbArticle, type KbSearchHit, type KbVersion } from '@banzu/contract';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { words } from '../http/messages';
import type { Queryable, Store } from '../store/index';

const label = z.string().trim().min(1, { message: 'kb.label_required' }).max(50, { message: 'kb.label_long' });
export const articleSchema = z.object({
  title: z.string({ message: 'kb.title_required' }).trim().min(1, { message: 'kb.title_required' }).max(200, { message: 'kb.title_long' }),
  body: z.string().max(20_000, { message: 'kb.body_long' }).default(''),
  category: z.string().trim().max(50, { message: 'kb.category_long' }).default(''),
  tags: z.array(label).max(20, { message: 'kb.tags_many' }).default([]),
  queueIds: z.array(z.string().min(1).max(100)).max(50, { message: 'kb.queues_many' }).default([]),
  products: z.array(label).max(20, { message: 'kb.products_many' }).default([]),
  validFrom: z.iso.date({ message: 'kb.valid_from' }).nullable().default(null),
  validTo: z.iso.date({ message: 'kb.valid_to' }).nullable().default(null),
  /** An editor's article is published at once unless it is a draft. */
  draft: z.boolean().default(false),
});
export type ArticleInput = z.infer<typeof articleSchema>;

export const searchQuerySchema = z.object({
  q: z.string({ message: 'kb.query_required' }).trim().min(1, { message: 'kb.query_required' }).max(200, { message: 'kb.query_long' }),
  queueId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const articleQuerySchema = z.object({
  status: z.enum(kbStatuses, { message: 'kb.status' }).optional(),
  category: z.string().min(1).optional(),
});

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const articleSelect = `SELECT a.id, a.title, a.body, a.category, a.tags, a.queue_ids AS "queueIds", a.products, to_char(a.valid_from, 'YYYY-MM-DD') AS "validFrom",
  to_char(a.valid_to, 'YYYY-MM-DD') AS "validTo", a.status, a.version, a.author_id AS "authorId", u.display_name AS "authorName", a.approved_by AS "approvedBy",
  a.opened, a.helpful, ${iso('a.created_at')} AS "createdAt", ${iso('a.updated_at')} AS "updatedAt",
  CASE WHEN ft.id IS NULL THEN NULL ELSE json_build_object('id', ft.id, 'no', 'GD' || lpad(ft.seq::text, 6, '0'), 'title', ft.title, 'typeName', ftt.name) END AS "fromTicket"
  FROM kb_articles a JOIN users u ON u.id = a.author_id LEFT JOIN tickets ft ON ft.id = a.from_ticket_id LEFT JOIN ticket_types ftt ON ftt.code = ft.type`;

const isEditor = (actor: Actor) => kbEditors.includes(actor.role);
/** The ticket a proposal came from is the reviewers' to see: editors'. */
const asRead =
  (actor: Actor) =>
  (article: KbArticle): KbArticle =>
    isEditor(actor) ? article : { ...article, fromTicket: null };
const notFound = (id: string) => new NotFoundError(words('kb.not_found', { id }));

/** Pinyin initials of a title for search: 宽带故障 → 'kdgz'. */
export function titleInitials(title: string): string {
  return pinyin(title, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const gramsOf = (a: Pick<ArticleInput, 'title' | 'body' | 'category' | 'tags'>) => indexGrams([a.title, a.category, ...a.tags, a.body].join('\n'));

function checkDates(input: ArticleInput) {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) throw new BadRequestError(words('kb.valid_reversed'));
}

/**
 * A new article: an editor's (leaders, trainers, supervisors, managers) is published at once, or
 * kept as a draft; an agent's is a proposal waiting for approval. Version 1 is kept.
 */
export async function createArticle(db: Queryable, actor: Actor, input: ArticleInput, now: number, fromTicketId: string | null = null): Promise<string> {
  checkDates(input);
  const status = !isEditor(actor) || fromTicketId ? 'pending' : input.draft ? 'draft' : 'published';
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO kb_articles (title, body, category, tags, queue_ids, products, valid_from, valid_to, status, author_id, approved_by, grams, initials, from_ticket_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id`,
    [
      input.title,
      input.body,
      input.category,
      input.tags,
      input.queueIds,
      input.products,
      input.validFrom,
      input.validTo,
      status,
      actor.userId,
      status === 'published' ? actor.userId : null,
      gramsOf(input),
      titleInitials(input.title),
      fromTicketId,
      new Date(now),
    ],
  );
  await keepVersion(db, row!.id, actor, now);
  return row!.id;
}

/** Keeps the article as it now is, what it says and what it applies to (queues, products, validity), as its current version. */
async function keepVersion(db: Queryable, id: string, actor: Actor, now: number) {
  await db.query(
    `INSERT INTO kb_versions (article_id, version, title, body, category, tags, queue_ids, products, valid_from, valid_to, by_user_id, at)
     SELECT id, version, title, body, category, tags, queue_ids, products, valid_from, valid_to, $2, $3 FROM kb_articles WHERE id = $1`,
    [id, actor.userId, new Date(now)],
  );
}

/** One article: a published one to everyone; drafts and proposals to editors and their authors. */
export async function loadArticle(db: Queryable, actor: Actor, id: string): Promise<KbArticle> {
  if (!z.uuid().safeParse(id).success) throw notFound(id);
  const [article] = await db.query<KbArticle>(`${articleSelect} WHERE a.id = $1`, [id]);
  if (!article || (article.status !== 'published' && !isEditor(actor) && article.authorId !== actor.userId)) throw notFound(id);
  return asRead(actor)(article);
}

export async function listArticles(db: Queryable, actor: Actor, q: z.infer<typeof articleQuerySchema>): Promise<KbArticle[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (!isEditor(actor)) {
    params.push(actor.userId);
    where.push(`(a.status = 'published' OR a.author_id = $${params.length})`);
  }
  if (q.status) {
    params.push(q.status);
    where.push(`a.status = $${params.length}`);
  }
  if (q.category) {
    params.push(q.category);
    where.push(`a.category = $${params.length}`);
  }
  const articles = await db.query<KbArticle>(`${articleSelect} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.updated_at DESC, a.id LIMIT 500`, params);
  return articles.map(asRead(actor));
}

/** An editor changes an article: a new version, the previous ones kept. */
export async function updateArticle(store: Store, actor: Actor, id: string, input: ArticleInput, now: number): Promise<void> {
  checkDates(input);
  if (!isEditor(actor)) throw new ForbiddenError(words('kb.editors_only'));
  await store.transaction(async (tx) => {
    await loadArticle(tx, actor, id);
    await tx.query(
      `UPDATE kb_articles SET title = $2, body = $3, category = $4, tags = $5, queue_ids = $6, products = $7, valid_from = $8, valid_to = $9,
         grams = $10, initials = $11, version = version + 1, updated_at = $12 WHERE id = $1`,
      [
        id,
        input.title,
        input.body,
        input.category,
        input.tags,
        input.queueIds,
        input.products,
        input.validFrom,
        input.validTo,
        gramsOf(input),
        titleInitials(input.title),
        new Date(now),
      ],
    );
    await keepVersion(tx, id, actor, now);
  });
}

/** Approves a draft or a proposal (published), or archives an article. */
export async function setArticleStatus(db: Queryable, actor: Actor, id: string, status: 'published' | 'archived', now: number): Promise<void> {
  const article = await loadArticle(db, actor, id);
  if (article.status === status) throw new ConflictError(words(status === 'published' ? 'kb.already_published' : 'kb.already_archived'));
  await db.query('UPDATE kb_articles SET status = $2, approved_by = CASE WHEN $2 = $4 THEN $3 ELSE approved_by END, updated_at = $5 WHERE id = $1', [
    id,
    status,
    actor.userId,
    'published',
    new Date(now),
  ]);
}

export async function articleVersions(db: Queryable, actor: Actor, id: string): Promise<KbVersion[]> {
  await loadArticle(db, actor, id);
  return db.query<KbVersion>(
    `SELECT v.version, v.title, v.body, v.category, v.tags, v.queue_ids AS "queueIds", v.products, to_char(v.valid_from, 'YYYY-MM-DD') AS "validFrom",
       to_char(v.valid_to, 'YYYY-MM-DD') AS "validTo", ${iso('v.at')} AS at, coalesce(u.display_name, '') AS "byName" FROM kb_versions v LEFT JOIN users u ON u.id = v.by_user_id
     WHERE v.article_id = $1 ORDER BY v.version DESC`,
    [id],
  );
}

/** Counts an article opened or marked helpful. */
export async function countUsage(db: Queryable, actor: Actor, id: string, kind: 'opened' | 'helpful'): Promise<void> {
  await loadArticle(db, actor, id);
  await db.query(`UPDATE kb_articles SET ${kind === 'opened' ? 'opened = opened + 1' : 'helpful = helpful + 1'} WHERE id = $1`, [id]);
}

interface Candidate {
  id: string;
  title: string;
  body: string;
  category: string;
  tags: string[];
  initials: string;
  helpful: number;
}

const validToday = (param: string) => `(a.valid_from IS NULL OR a.valid_from <= ${param}::date) AND (a.valid_to IS NULL OR a.valid_to >= ${param}::date)`;
const forQueue = (param: string) => `(${param}::text IS NULL OR a.queue_ids = '{}' OR ${param} = ANY(a.queue_ids))`;
const hit = (c: Candidate, score: number): KbSearchHit => ({
  id: c.id,
  title: c.title,
  score: Math.round(score * 1000) / 1000,
  category: c.category,
  snippet: c.body.slice(0, 80),
});

/**
 * Published articles valid today (in the center's time zone) that answer the text, best first;
 * with a queue, those for that queue or every queue.
 *
 * @example
 * await searchArticles(store, '宽带 报修', { timeZone: 'Asia/Shanghai', now: clock.now() }); // [{ title: '宽带故障报修流程', score: 1, … }]
 */
export function searchArticles(db: Queryable, text: string, at: { timeZone: string; now: number }, options: { queueId?: string; limit?: number } = {}): Promise<KbSearchHit[]> {
  return findArticles(db, kbQuery(text), at, options);
}

async function findArticles(db: Queryable, query: KbQuery, at: { timeZone: string; now: number }, options: { queueId?: string; limit?: number }): Promise<KbSearchHit[]> {
  const grams = queryGrams(query);
  if (grams.length === 0) return [];
  const initials = query.terms.filter((t) => t.latin && /^[a-z]+$/.test(t.text)).map((t) => `%${t.text}%`);
  const candidates = await db.query<Candidate>(
    `SELECT a.id, a.title, a.body, a.category, a.tags, a.initials, a.helpful FROM kb_articles a
     WHERE a.status = 'published' AND ${validToday('$1')} AND ${forQueue('$2')} AND (a.grams && $3::text[] OR a.initials LIKE ANY($4::text[])) LIMIT 2000`,
    [localDate(at.now, at.timeZone), options.queueId ?? null, grams, initials],
  );
  return candidates
    .map((c) => ({ c, score: kbScore(query, kbDocument(c)) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || b.c.helpful - a.c.helpful || a.c.title.localeCompare(b.c.title))
    .slice(0, options.limit ?? 10)
    .map((r) => hit(r.c, r.score));
}

/**
 * What the desktop suggests during a call: articles sharing character pairs with the agent's notes
 * (free text, see kbNotesQuery) within the call's queue, or else the queue's most helpful articles.
 */
export async function suggestArticles(db: Queryable, text: string, at: { timeZone: string; now: number }, queueId: string | undefined): Promise<KbSearchHit[]> {
  const found = await findArticles(db, kbNotesQuery(text), at, { ...(queueId ? { queueId } : {}), limit: 5 });
  if (found.length > 0) return found;
  const rows = await db.query<Candidate>(
    `SELECT a.id, a.title, a.body, a.category, a.tags, a.initials, a.helpful FROM kb_articles a
     WHERE a.status = 'published' AND ${validToday('$1')} AND ${forQueue('$2')} ORDER BY a.helpful DESC, a.opened DESC, a.title LIMIT 5`,
    [localDate(at.now, at.timeZone), queueId ?? null],
  );
  return rows.map((c) => hit(c, 0));
}
