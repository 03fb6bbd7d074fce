import type { OpeningHours, QueueConfig, Role } from '@banzu/core';

/** The organisation as `/api/v1/center`, `/teams`, `/users`, `/skills` and `/queues` answer it. */
export interface Center {
  id: string;
  name: string;
  /** IANA, such as Asia/Shanghai: the center's day, hours and reports follow it. */
  timeZone: string;
  hours: Hours;
  /** ISO dates the center is closed all day. */
  holidays: string[];
  /** Whether an agent's desktop says that a supervisor monitors the call (off unless the center chooses it). */
  announceMonitoring?: boolean;
}

/** Opening hours per weekday as [open, close) pairs "HH:MM" in the center's time zone; a missing day is closed. */
export type Hours = OpeningHours['hours'];

export interface Team {
  id: string;
  name: string;
  siteId: string;
  leaderIds: string[];
  agentCount: number;
}

export interface Skill {
  id: string;
  name: string;
  description: string;
}

export interface SkillLevel {
  skillId: string;
  name: string;
  /** 1 (learning) to 5 (expert). */
  level: number;
}

/** A user as the API shows them: login reply, `/auth/me` and the user directory. */
export interface Profile {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  /** 工号, for agents. */
  employeeNo: string | null;
  disabled: boolean;
  skills: SkillLevel[];
}

/** Who is logged in, if anyone (`GET /api/v1/auth/session`): asked on the console's first load, answered without a 401. */
export interface AuthSession {
  user: Profile | null;
  /** The browser brought a session that has expired: the login page says so. */
  expired: boolean;
}

/**
 * How the router treats a queue's calls: core's `QueueConfig` without the fields kept elsewhere
 * (id, priority, required skills are the queue's own; the time zone is the center's). Absent
 * settings take core's defaults (docs/routing.md); absent `agents` means every enabled agent.
 */
export type QueueRouting = Omit<QueueConfig, 'id' | 'priority' | 'requiredSkills' | 'agents' | 'hours'> & {
  agents?: string[];
  /** Opening hours of this queue instead of the center's. */
  hours?: { hours: Hours; holidays: string[] };
};

export interface Queue {
  id: string;
  name: string;
  requiredSkills: { skillId: string; minLevel: number }[];
  /** Service level counts calls answered within this many seconds. */
  slThresholdSeconds: number;
  /** The share of calls to answer within the threshold, 0-1 (0.8 for 80/20). */
  slTarget: number;
  /** Higher is served first by an agent who is in several queues. */
  priority: number;
  routing: QueueRouting;
  /** The numbers callers dial to reach this queue over SIP (digits, an optional leading +); each reaches one queue only. */
  inboundNumbers: string[];
  /** Out of service (停用): callers get the after-hours treatment at all hours; the history stays in the reports. */
  disabled: boolean;
}
