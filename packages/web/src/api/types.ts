/** The shapes the API returns, taken from the server's own types so they cannot drift. */
export type { Role } from '@banzu/core';
export type { Profile, Queue, Skill, Team } from '@banzu/server';
