import { fromLocal } from '@banzu/core';
import { BadRequestError } from '../http/errors';
import type { Queryable } from '../store/index';

/** The center's time zone, in which months begin. */
export async function centerTimeZone(db: Queryable): Promise<string> {
  const [center] = await db.query<{ time_zone: string }>('SELECT time_zone FROM centers ORDER BY created_at LIMIT 1');
  return center?.time_zone ?? 'Asia/Shanghai';
}

/** A month 'YYYY-MM' in the center's zone as instants [from, to). */
export function monthInstants(month: string, timeZone: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) throw new BadRequestError(`月份“${month}”格式不对，应为 YYYY-MM`);
  const year = Number(match[1]);
  const m = Number(match[2]);
  return { from: new Date(fromLocal(year, m, 1, 0, 0, timeZone)), to: new Date(fromLocal(year, m + 1, 1, 0, 0, timeZone)) };
}
