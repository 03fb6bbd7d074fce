-- 班前会 and 班后会 (issue 17, seed 002): a team's briefing of a day, who attended or read it, and
-- the problems raised at debriefs (those not solved carry over to the next briefing).

CREATE TABLE briefings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams (id),
  -- the local date in the center's calendar
  date date NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  -- the day's goal (seed 002: "工单错误量控制在0!") and the leader's own points
  goal text NOT NULL DEFAULT '',
  items jsonb NOT NULL DEFAULT '[]',
  -- the agenda as it was published (figures, QA items, knowledge, schedule, carried-over problems); null while a draft
  agenda jsonb,
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_by text NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  published_by text REFERENCES users (id),
  published_at timestamptz,
  UNIQUE (team_id, date)
);

-- The roll of a published briefing: every agent of the team then; the leader marks attendance at the
-- meeting, the agent confirms having read it on the desktop (seed 000 早会制度: counted in the assessment).
CREATE TABLE briefing_attendance (
  briefing_id uuid NOT NULL REFERENCES briefings (id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES users (id),
  attended_at timestamptz,
  attended_marked_by text REFERENCES users (id),
  confirmed_at timestamptz,
  PRIMARY KEY (briefing_id, agent_id)
);
CREATE INDEX briefing_attendance_agent ON briefing_attendance (agent_id);

CREATE TABLE debrief_problems (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the order they were raised in, when two arrive within the same instant
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  team_id text NOT NULL REFERENCES teams (id),
  -- the local date of the debrief it was raised at
  date date NOT NULL,
  text text NOT NULL CHECK (text <> ''),
  raised_by text NOT NULL REFERENCES users (id),
  raised_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'solved', 'unsolved')),
  answer text NOT NULL DEFAULT '',
  decided_by text REFERENCES users (id),
  decided_at timestamptz
);
CREATE INDEX debrief_problems_team ON debrief_problems (team_id, date);
