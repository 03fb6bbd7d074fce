import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { kbRoutes } from './routes';

/**
 * The knowledge base (问题库): articles with category, tags, queues, products, validity and
 * versions, written and approved by editors and proposed by agents; Chinese full-text search
 * (character pairs and pinyin initials) and suggestions for the call in the desktop.
 *
 * @example
 * await app.register(kbPlugin);
 */
export const kbPlugin = fastifyPlugin(
  async (app: FastifyInstance) => {
    await app.register(kbRoutes);
  },
  { name: 'kb' },
);

export { createArticle, listArticles, loadArticle, searchArticles, suggestArticles, titleInitials } from './service';
