/**
 * Workforce management over HTTP: the center calendar (holidays, make-up working days 调休), and a
 * queue's forecast with the agents it requires (from its own calls or imported history); a team's
 * month of shifts generated with HiGHS, breaks placed, published, exported to Excel and seen by each
 * agent; leave (请假), shift swaps (换班) and overtime (加班) asked for and approved, changing the
 * roster at once; the shift solver for the CLI.
 *
 * @example
 * await app.register(wfmPlugin);
 */
import type { FastifyInstance } from 'fastify';
import { attendanceRoutes } from './attendance';
import { availabilityRoutes } from './availability';
import { calendarRoutes } from './calendar';
import { forecastRoutes } from './forecast';
import { leaveRoutes } from './leave';
import { overtimeRoutes } from './overtime';
import { rosterRoutes } from './roster';
import { swapRoutes } from './swaps';

export { loggedInSpans, teamAttendance } from './attendance';
export { agentQuarters, publishedSchedules, spansOf } from './adherence';
export { unavailableSpansOf } from './availability';
export { loadCenterCalendar } from './calendar';
export { leaveDays, leaveOn, monthRange } from './leave';
export { queueForecast, queueHistory } from './forecast';
export { loadRoster } from './roster';
export { solveCovering, solveLp } from './solver';

export async function wfmPlugin(app: FastifyInstance) {
  await app.register(calendarRoutes);
  await app.register(forecastRoutes);
  await app.register(rosterRoutes);
  await app.register(attendanceRoutes);
  await app.register(leaveRoutes);
  await app.register(swapRoutes);
  await app.register(overtimeRoutes);
  await app.register(availabilityRoutes);
}
