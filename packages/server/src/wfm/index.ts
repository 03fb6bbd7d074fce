/**
 * Workforce management over HTTP: the center calendar (holidays, make-up working days 调休), and a
 * queue's forecast with the agents it requires; the shift solver for the CLI and the roster.
 *
 * @example
 * await app.register(wfmPlugin);
 */
import type { FastifyInstance } from 'fastify';
import { calendarRoutes } from './calendar';
import { forecastRoutes } from './forecast';

export { loadCenterCalendar } from './calendar';
export { queueHistory } from './forecast';
export { solveCovering, solveLp } from './solver';

export async function wfmPlugin(app: FastifyInstance) {
  await app.register(calendarRoutes);
  await app.register(forecastRoutes);
}
