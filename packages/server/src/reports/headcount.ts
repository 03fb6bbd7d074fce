import { teamSpells, type TeamSpell } from '@banzu/core';
import type { Queryable } from '../store/index';

/**
 * The employment spells behind turnover (agentTurnover): from the staff records (员工档案) and the
 * team moves org records, each agent's days split by the team the agent was in, over the range and
 * in the filters. A team filter keeps the spells in that team; days outside the range are cut later.
 *
 * @example
 * await headcountSpells(store, { from: '2026-01-01', to: '2026-01-31', timeZone: 'Asia/Shanghai', teamId });
 */
export async function headcountSpells(db: Queryable, query: { from: string; to: string; timeZone: string; teamId?: string; agentId?: string }): Promise<TeamSpell[]> {
  const params: unknown[] = [query.from, query.to];
  const agentFilter = query.agentId ? `AND s.agent_id = $${params.push(query.agentId)}` : '';
  const records = await db.query<{ agentId: string; hireDate: string; leaveDate: string | null; teamId: string | null }>(
    `SELECT s.agent_id AS "agentId", to_char(s.hire_date, 'YYYY-MM-DD') AS "hireDate", to_char(s.leave_date, 'YYYY-MM-DD') AS "leaveDate", u.team_id AS "teamId"
     FROM staff_records s JOIN users u ON u.id = s.agent_id
     WHERE s.hire_date <= $2::date AND (s.leave_date IS NULL OR s.leave_date >= $1::date) ${agentFilter}`,
    params,
  );
  if (records.length === 0) return [];
  const moves = await db.query<{ userId: string; at: Date; fromTeamId: string | null; toTeamId: string | null }>(
    `SELECT user_id AS "userId", moved_at AS at, from_team_id AS "fromTeamId", to_team_id AS "toTeamId" FROM team_moves WHERE user_id = ANY($1::text[])`,
    [records.map((r) => r.agentId)],
  );
  const spells = records.flatMap((r) =>
    teamSpells({ ...r, moves: moves.filter((m) => m.userId === r.agentId).map((m) => ({ at: m.at.getTime(), fromTeamId: m.fromTeamId, toTeamId: m.toTeamId })) }, query.timeZone),
  );
  return query.teamId ? spells.filter((s) => s.teamId === query.teamId) : spells;
}
