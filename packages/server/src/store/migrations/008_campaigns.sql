-- Telemarketing campaigns (外呼任务): the campaign and its rules, its customer list with where the
-- work on each customer stands, every dial, and the agents' daily quotas.

CREATE TABLE campaigns (
  id text PRIMARY KEY,
  name text NOT NULL CHECK (name <> ''),
  script text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'running', 'paused', 'finished')),
  -- core's CampaignRules: dialing mode, distribution, calling hours, retries, dispositions, do-not-call list
  rules jsonb NOT NULL,
  -- the team that runs it; NULL: a center-wide campaign (managers, duty supervisors)
  team_id text REFERENCES teams (id) ON DELETE SET NULL,
  -- where the list came from: {"kind":"filter","classCodes":[…],"tags":[…]} or {"kind":"import","importId":…}
  source jsonb NOT NULL,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz
);
CREATE INDEX campaigns_team ON campaigns (team_id);

CREATE TABLE campaign_agents (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES agents (user_id) ON DELETE CASCADE,
  PRIMARY KEY (campaign_id, agent_id)
);
CREATE INDEX campaign_agents_agent ON campaign_agents (agent_id);

CREATE TABLE campaign_customers (
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  position integer NOT NULL,
  -- the customer's numbers (E.164) when the list was made, best first
  phones text[] NOT NULL,
  phone_index integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'callback', 'done', 'exhausted', 'dnc')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz,
  assigned_agent_id text REFERENCES users (id) ON DELETE SET NULL,
  callback_agent_id text REFERENCES users (id) ON DELETE SET NULL,
  -- the agent working the customer now; claimed with a compare-and-set so two agents never share one
  locked_by text REFERENCES users (id) ON DELETE SET NULL,
  locked_at timestamptz,
  last_result text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, customer_id)
);
-- An agent's next customer: fresh ones in list order, retries and callbacks by time (campaigns/store.ts).
CREATE INDEX campaign_customers_fresh ON campaign_customers (campaign_id, assigned_agent_id, position)
  WHERE status = 'open' AND next_attempt_at IS NULL AND locked_by IS NULL;
CREATE INDEX campaign_customers_dated ON campaign_customers (campaign_id, assigned_agent_id, next_attempt_at)
  WHERE next_attempt_at IS NOT NULL AND locked_by IS NULL;
CREATE INDEX campaign_customers_locked ON campaign_customers (locked_by) WHERE locked_by IS NOT NULL;
CREATE INDEX campaign_customers_callback ON campaign_customers (callback_agent_id, next_attempt_at) WHERE status = 'callback';

-- One row per dial. Talk time comes from the call's events; the result is the saved disposition.
CREATE TABLE campaign_attempts (
  id bigserial PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL,
  agent_id text NOT NULL REFERENCES users (id),
  -- the agent's team at the time of the dial, for team reports
  team_id text,
  number_e164 text NOT NULL,
  call_id text NOT NULL UNIQUE,
  started_at timestamptz NOT NULL,
  -- the center's local date of the dial, for daily and monthly reports
  local_date date NOT NULL,
  connected_at timestamptz,
  ended_at timestamptz,
  -- what the switch heard when nobody picked up: busy, no_answer, failed
  line_result text,
  talk_seconds integer NOT NULL DEFAULT 0,
  result text,
  callback_at timestamptz,
  note text NOT NULL DEFAULT '',
  recorded_at timestamptz
);
CREATE INDEX campaign_attempts_agent_day ON campaign_attempts (agent_id, local_date);
CREATE INDEX campaign_attempts_campaign ON campaign_attempts (campaign_id, local_date);
CREATE INDEX campaign_attempts_day ON campaign_attempts (local_date);
CREATE INDEX campaign_attempts_customer ON campaign_attempts (campaign_id, customer_id, started_at);

-- Daily quotas of effective calls: 50, 30 in the first two weeks of employment (seed 000), or an override.
CREATE TABLE quotas (
  agent_id text PRIMARY KEY REFERENCES agents (user_id) ON DELETE CASCADE,
  employed_since date NOT NULL,
  -- NULL: the policy's figure for the day
  daily_effective_calls integer CHECK (daily_effective_calls BETWEEN 0 AND 1000),
  updated_at timestamptz NOT NULL DEFAULT now()
);
