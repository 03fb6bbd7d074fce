/** The shapes the API returns, taken from the server's own types so they cannot drift. */
export type { AgentStatus, CallStatus, Role } from '@banzu/core';
export type { Profile, Queue, Skill, Team } from '@banzu/server';
// The server's package entry does not re-export the live floor's contract yet; the file is the source.
export type {
  DesktopMessage,
  FloorAgent,
  FloorAlert,
  FloorAlertKind,
  FloorCall,
  FloorInterval,
  FloorPatch,
  FloorQueue,
  FloorSnapshot,
  FloorThresholds,
} from '../../../server/src/floor/types';
