/** An agent's SIP account as the console's user page shows it: never the password nor its digest. */
export interface SipAccountStatus {
  agentId: string;
  /** The SIP user: the agent's 工号. */
  user: string;
  passwordSet: boolean;
  /** When the password was last set (ISO). */
  updatedAt: string | null;
}

/** What the desktop's softphone registers with (JsSIP's `ha1` and `realm` options: the password itself never leaves the server). */
export interface SoftphoneSettings {
  /** SIP over WebSocket, on the host the console was reached at. */
  wsUrl: string;
  /** sip:<工号>@<address> */
  uri: string;
  realm: string;
  ha1: string;
  displayName: string;
}

/** GET /api/v1/desktop/softphone: the settings when the server runs the SIP switch and the agent has a SIP password. */
export interface SoftphoneAnswer {
  softphone: SoftphoneSettings | null;
  /** The SIP switch runs but a manager has not set this agent's SIP password yet. */
  passwordMissing: boolean;
}
