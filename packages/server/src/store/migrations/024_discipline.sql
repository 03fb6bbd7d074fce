-- Discipline points (扣分) and recognition (表扬, 树标杆), issue 17.

-- The center's catalogue: filled with seed 000's rules (core's defaultDisciplineCatalogue) on first use.
CREATE TABLE discipline_rules (
  code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9_-]{1,20}$'),
  text text NOT NULL CHECK (text <> ''),
  points numeric NOT NULL CHECK (points >= 0 AND points <= 100),
  category text NOT NULL,
  source text NOT NULL DEFAULT '',
  after_warning boolean NOT NULL DEFAULT false,
  -- switched off rather than deleted: recorded items keep their rule
  active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  updated_at timestamptz,
  updated_by text REFERENCES users (id)
);

CREATE TABLE discipline_points (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id text NOT NULL REFERENCES users (id),
  -- the agent's team when it was recorded: the leader's scope
  team_id text REFERENCES teams (id),
  rule_code text NOT NULL REFERENCES discipline_rules (code),
  -- the rule's text and points when it was recorded: a later catalogue edit does not change the past
  rule_text text NOT NULL,
  points numeric NOT NULL,
  occurred_at timestamptz NOT NULL,
  note text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('recorded', 'contested', 'upheld', 'withdrawn')),
  recorded_by text NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  contest_reason text,
  contested_at timestamptz,
  decided_by text REFERENCES users (id),
  decided_at timestamptz,
  decision_note text
);
CREATE INDEX discipline_points_agent ON discipline_points (agent_id, occurred_at);
CREATE INDEX discipline_points_team ON discipline_points (team_id, occurred_at);

-- What the system found in its own data, for the leader to accept (it becomes an item) or dismiss.
CREATE TABLE discipline_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the finding, proposed once however often the leader looks
  key text NOT NULL UNIQUE,
  kind text NOT NULL,
  agent_id text NOT NULL REFERENCES users (id),
  team_id text REFERENCES teams (id),
  rule_code text NOT NULL REFERENCES discipline_rules (code),
  occurred_at timestamptz NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('open', 'accepted', 'dismissed')),
  found_at timestamptz NOT NULL,
  decided_by text REFERENCES users (id),
  decided_at timestamptz,
  point_id uuid REFERENCES discipline_points (id)
);
CREATE INDEX discipline_proposals_team ON discipline_proposals (team_id, status, occurred_at);

-- Praise (表扬): recorded as the faults are.
CREATE TABLE discipline_praise (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id text NOT NULL REFERENCES users (id),
  team_id text REFERENCES teams (id),
  text text NOT NULL CHECK (text <> ''),
  occurred_at timestamptz NOT NULL,
  recorded_by text NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX discipline_praise_team ON discipline_praise (team_id, occurred_at);

-- The team's model agent of the week (树标杆), chosen by the leader; the week is its Monday.
CREATE TABLE discipline_models (
  team_id text NOT NULL REFERENCES teams (id),
  week date NOT NULL,
  agent_id text NOT NULL REFERENCES users (id),
  reason text NOT NULL DEFAULT '',
  chosen_by text NOT NULL REFERENCES users (id),
  chosen_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, week)
);
