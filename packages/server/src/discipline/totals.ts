import { monthSpan, monthTotals, type PointStatus } from '@banzu/core';
import { BadRequestError } from '../http/errors';
import type { Queryable } from '../store/index';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The center's time zone: months and weeks are the center's. */
export async function centerTimeZone(db: Queryable): Promise<string> {
  const [center] = await db.query<{ time_zone: string }>('SELECT time_zone FROM centers ORDER BY id LIMIT 1');
  return center?.time_zone ?? 'Asia/Shanghai';
}

/** A month's instants [from, to) in the center's zone; 400 for anything but YYYY-MM. */
export async function monthRange(db: Queryable, month: string): Promise<{ from: Date; to: Date; timeZone: string }> {
  if (!MONTH.test(month)) throw new BadRequestError(`month: 月份格式应为 YYYY-MM,收到“${month}”`);
  const timeZone = await centerTimeZone(db);
  const span = monthSpan(month, timeZone);
  return { from: new Date(span.start), to: new Date(span.end), timeZone };
}

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
  const { from, to } = await monthRange(db, month);
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
