import type { FaultKind, HandoverItem, HandoverStatus, OpenMatters } from '@banzu/core';

export type { FaultKind, HandoverItem, HandoverStatus, OpenMatters } from '@banzu/core';

/** A person on a handover: the outgoing or incoming leader. */
export interface HandoverPerson {
  id: string;
  name: string;
}

/** 交接班记录: one team's shift, the five items as written, and what was open when it was written (times in epoch ms). */
export interface Handover {
  id: string;
  teamId: string;
  teamName: string;
  /** The shift's local date, `YYYY-MM-DD`. */
  date: string;
  shift: string;
  outgoing: HandoverPerson;
  incoming: HandoverPerson;
  items: Record<HandoverItem, string>;
  open: OpenMatters;
  status: HandoverStatus;
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  /** What the incoming leader reported back. */
  acknowledgement: string | null;
  /** When the outgoing leader closed the shift, and who; null while it is open. */
  closedAt: string | null;
  closedBy: HandoverPerson | null;
}

/** The handover pre-filled for the outgoing leader to edit. */
export interface HandoverDraft {
  teamId: string;
  date: string;
  shift: string;
  items: Record<HandoverItem, string>;
  open: OpenMatters;
}

/** Someone a shift can be handed over to. */
export interface HandoverLeader {
  id: string;
  name: string;
  role: string;
  teamName: string | null;
}

/** 系统故障记录 (seed 003): when, what it did, who was told, how it was resolved and when it ended. */
export interface SystemFault {
  id: string;
  kind: FaultKind;
  title: string;
  /** Where it was seen; null for the whole floor. */
  teamId: string | null;
  teamName: string | null;
  startedAt: string;
  effect: string;
  told: string;
  resolution: string | null;
  /** null while it lasts. */
  endedAt: string | null;
  recordedBy: HandoverPerson;
  recordedAt: string;
}

/** A shift closed after its handover. */
export interface ShiftClose {
  teamId: string;
  date: string;
  shift: string;
  handoverId: string;
  closedBy: HandoverPerson;
  closedAt: string;
}
