/** One agent's mark on one published briefing: attended (the leader's mark at the meeting) and read (the agent's confirmation). */
export interface BriefingMark {
  agentId: string;
  briefingId: string;
  attendedAt: string | null;
  confirmedAt: string | null;
}

/** An agent's briefings in a month, as the assessment counts them (seed 000 早会制度: 将早会情况列入当月考核). */
export interface BriefingAttendance {
  agentId: string;
  /** Published briefings of the agent's team the agent was on the roll of. */
  held: number;
  /** Marked present by the leader. */
  attended: number;
  /** Read and confirmed on the desktop (with or without attending). */
  confirmed: number;
  /** Neither attended nor confirmed. */
  missed: number;
}

/**
 * Counts each agent's briefings: held, attended, confirmed, and missed (neither); an agent without
 * a mark counts zeros, in the order asked.
 *
 * @example
 * briefingAttendance([{ agentId: 'a1', briefingId: 'b1', attendedAt: '2026-01-05T00:50:00Z', confirmedAt: null }], ['a1', 'a2']);
 * // [{ agentId: 'a1', held: 1, attended: 1, confirmed: 0, missed: 0 }, { agentId: 'a2', held: 0, … }]
 */
export function briefingAttendance(marks: readonly BriefingMark[], agentIds: readonly string[]): BriefingAttendance[] {
  return agentIds.map((agentId) => {
    const own = marks.filter((m) => m.agentId === agentId);
    return {
      agentId,
      held: own.length,
      attended: own.filter((m) => m.attendedAt !== null).length,
      confirmed: own.filter((m) => m.confirmedAt !== null).length,
      missed: own.filter((m) => m.attendedAt === null && m.confirmedAt === null).length,
    };
  });
}
