import { monthTotals, type PointStatus } from '@banzu/core';
import { centerMonth } from '../org/index';
import type { Queryable } from '../store/index';

/**
 * Each agent's discipline points of a month (YYYY-MM in the center's time zone): the points of the
 * month's items that are not withdrawn; a contested item counts until the leader decides. Every agent
 * asked for is in the answer, 0 without items.
 *
 * @example
 * const totals = await monthlyPointTotals(store, '2026-01', ['u-8001', 'u-8002']);
 * totals.get('u-8001'); // 4
 */
export async function monthlyPointTotals(db: Queryable, month: string, agentIds: readonly string[]): Promise<Map<string, number>> {
  const { from, to } = await centerMonth(db, month);
  const rows =
    agentIds.length === 0
      ? []
      : await db.query<{ agentId: string; points: number; status: PointStatus }>(
          `SELECT agent_id AS "agentId", points, status FROM discipline_points
            WHERE agent_id = ANY($1::text[]) AND occurred_at >= $2 AND occurred_at < $3`,
          [[...agentIds], from, to],
        );
  return monthTotals(rows, agentIds);
}
