-- Agents' SIP accounts (issue 14, real voice): an agent's phone or the desktop's softphone registers
-- as sip:<工号>@… with a password a manager sets. Only the digest HA1 = md5(工号:realm:password) is
-- kept, never the password: Kamailio and JsSIP both authenticate with HA1.
CREATE TABLE sip_accounts (
  agent_id text PRIMARY KEY REFERENCES agents(user_id) ON DELETE CASCADE,
  realm text NOT NULL,
  ha1 text NOT NULL CHECK (ha1 ~ '^[0-9a-f]{32}$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
