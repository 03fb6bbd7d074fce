import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { kbEditors } from '@banzu/contract';
import { actorOf } from '../auth/index';
import { loadCenter } from '../org/index';
import {
  articleQuerySchema,
  articleSchema,
  articleVersions,
  countUsage,
  createArticle,
  listArticles,
  loadArticle,
  searchArticles,
  searchQuerySchema,
  setArticleStatus,
  suggestArticles,
  updateArticle,
} from './service';

const tags = ['knowledge base'];
const idParams = z.object({ id: z.string().min(1) });

/** The knowledge base (问题库): search, suggestions for a call, articles with approval and versions, usage. */
export async function kbRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;
  const at = async () => ({ timeZone: (await loadCenter(store)).timeZone, now: clock.now() });

  routes.get(
    '/api/v1/kb/search',
    { config: { roles: 'any' }, schema: { tags, summary: 'Search published articles (Chinese words, pinyin initials)', querystring: searchQuerySchema } },
    async (request) => ({
      items: await searchArticles(store, request.query.q, await at(), { ...(request.query.queueId ? { queueId: request.query.queueId } : {}), limit: request.query.limit }),
    }),
  );

  routes.get(
    '/api/v1/kb/suggestions',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary: 'Articles for the call’s queue and the words of the agent’s notes',
        querystring: z.object({ queueId: z.string().min(1).optional(), text: z.string().max(2000).default('') }),
      },
    },
    async (request) => ({ items: await suggestArticles(store, request.query.text, await at(), request.query.queueId) }),
  );

  routes.get(
    '/api/v1/kb/articles',
    { config: { roles: 'any' }, schema: { tags, summary: 'Articles: published ones, and drafts and proposals to editors', querystring: articleQuerySchema } },
    async (request) => ({
      items: await listArticles(store, actorOf(request), request.query),
    }),
  );

  routes.post(
    '/api/v1/kb/articles',
    { config: { roles: 'any' }, schema: { tags, summary: 'Write an article (editors) or propose one (agents)', body: articleSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await store.transaction((tx) => createArticle(tx, actor, request.body, clock.now()));
      return reply.status(201).send(await loadArticle(store, actor, id));
    },
  );

  routes.get('/api/v1/kb/articles/:id', { config: { roles: 'any' }, schema: { tags, summary: 'One article', params: idParams } }, (request) =>
    loadArticle(store, actorOf(request), request.params.id),
  );

  routes.put(
    '/api/v1/kb/articles/:id',
    { config: { roles: kbEditors }, schema: { tags, summary: 'Change an article: a new version', params: idParams, body: articleSchema } },
    async (request) => {
      const actor = actorOf(request);
      await updateArticle(store, actor, request.params.id, request.body, clock.now());
      return loadArticle(store, actor, request.params.id);
    },
  );

  for (const [path, status, summary] of [
    ['approve', 'published', 'Approve a draft or proposal: published'],
    ['archive', 'archived', 'Archive an article'],
  ] as const) {
    routes.post(`/api/v1/kb/articles/:id/${path}`, { config: { roles: kbEditors }, schema: { tags, summary, params: idParams } }, async (request) => {
      const actor = actorOf(request);
      await setArticleStatus(store, actor, request.params.id, status, clock.now());
      return loadArticle(store, actor, request.params.id);
    });
  }

  routes.get('/api/v1/kb/articles/:id/versions', { config: { roles: 'any' }, schema: { tags, summary: 'Version history, newest first', params: idParams } }, async (request) => ({
    items: await articleVersions(store, actorOf(request), request.params.id),
  }));

  routes.post(
    '/api/v1/kb/articles/:id/usage',
    {
      config: { roles: 'any' },
      schema: {
        tags,
        summary: 'Count an article opened or marked helpful',
        params: idParams,
        body: z.object({ kind: z.enum(['opened', 'helpful'], { message: 'kb.usage_kind' }) }),
      },
    },
    async (request, reply) => {
      await countUsage(store, actorOf(request), request.params.id, request.body.kind);
      return reply.status(204).send();
    },
  );
}
