-- Issue 15: shift swaps (换班), overtime (加班), changes to a published roster and the agent's notice
-- of them, the plan a roster covers (for the required-vs-scheduled curve), and imported call history.

-- 换班 (seed 003): the requester gives the shift of requester_date to the partner, and takes the
-- partner's shift of partner_date in return (an exchange) or owes one back within a month (替班,
-- repaid by a later swap the other way). The partner consents, then the team leader approves.
CREATE TABLE wfm_swaps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams (id),
  requester_id text NOT NULL REFERENCES users (id),
  partner_id text NOT NULL REFERENCES users (id),
  requester_date date NOT NULL,
  partner_date date,
  -- the earlier cover (替班) this swap repays (还班): it does not count against the month's limit
  repays uuid REFERENCES wfm_swaps (id),
  reason text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('proposed', 'consented', 'declined', 'approved', 'refused', 'cancelled')),
  requested_at timestamptz NOT NULL,
  consented_at timestamptz,
  decided_at timestamptz,
  decided_by text REFERENCES users (id),
  decision_note text NOT NULL DEFAULT '',
  CHECK (requester_id <> partner_id)
);
CREATE INDEX wfm_swaps_team ON wfm_swaps (team_id, requester_date);
CREATE INDEX wfm_swaps_requester ON wfm_swaps (requester_id, requester_date);

-- 加班 (seed 000): recorded like normal attendance, approved by the team leader; work on a holiday
-- is paid (加班费), other overtime is taken back as time off (调休).
CREATE TABLE wfm_overtime (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id text NOT NULL REFERENCES users (id),
  team_id text REFERENCES teams (id),
  date date NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  compensation text NOT NULL CHECK (compensation IN ('pay', 'time_off')),
  reason text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'cancelled')),
  requested_at timestamptz NOT NULL,
  requested_by text NOT NULL REFERENCES users (id),
  decided_at timestamptz,
  decided_by text REFERENCES users (id),
  decision_note text NOT NULL DEFAULT '',
  CHECK (ends_at > starts_at)
);
CREATE INDEX wfm_overtime_team ON wfm_overtime (team_id, date);
CREATE INDEX wfm_overtime_agent ON wfm_overtime (agent_id, date);

-- A published roster's changes, one row per agent and day changed: the audit of who changed what,
-- and the agent's notice until read.
CREATE TABLE wfm_schedule_changes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id text NOT NULL,
  date date NOT NULL,
  -- the shift's name before and after (null: off that day)
  before_shift text,
  after_shift text,
  -- leave, swap, overtime, edit
  cause text NOT NULL,
  note text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  by_user text REFERENCES users (id),
  read_at timestamptz
);
CREATE INDEX wfm_schedule_changes_user ON wfm_schedule_changes (user_id, id);

-- What a roster covers, kept for the required-vs-scheduled curve and predicted service level:
-- {"intervalMinutes","shrinkage","thresholdSeconds","intervals":[{"start","calls","aht","required"}]}
ALTER TABLE wfm_rosters ADD COLUMN plan jsonb;

-- Call history imported from a CSV (the system before Banzu): a queue's calls and AHT per local
-- interval start; a day with Banzu's own calls uses those instead.
CREATE TABLE wfm_history (
  queue_id text NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  interval_start timestamptz NOT NULL,
  calls double precision NOT NULL,
  aht double precision,
  PRIMARY KEY (queue_id, interval_start)
);

-- The breaks placed inside each shift's windows (午休): [{"name","start","end"}], ISO 8601 instants.
ALTER TABLE wfm_roster_shifts ADD COLUMN breaks jsonb NOT NULL DEFAULT '[]';

-- A planner's override of one forecast interval of a queue (audited): the calls, and the AHT when
-- given, planned for instead of the forecast's. Keyed by the interval's start and length.
CREATE TABLE wfm_forecast_overrides (
  queue_id text NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
  interval_start timestamptz NOT NULL,
  interval_minutes integer NOT NULL,
  calls double precision NOT NULL,
  aht double precision,
  note text NOT NULL DEFAULT '',
  set_at timestamptz NOT NULL,
  set_by text REFERENCES users (id),
  PRIMARY KEY (queue_id, interval_start, interval_minutes)
);
