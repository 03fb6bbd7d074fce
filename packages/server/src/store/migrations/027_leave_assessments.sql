-- Leave (请假, issue 17): an agent asks for days off of a kind, the team leader approves or refuses.
-- The days are counted on the center calendar when read, so a holiday set later is not a day of leave.
CREATE TABLE leave_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id text NOT NULL REFERENCES users (id),
  -- the agent's team when asked: the leader who decides
  team_id text REFERENCES teams (id),
  kind text NOT NULL CHECK (kind IN ('sick', 'personal', 'annual', 'marriage', 'maternity', 'bereavement')),
  -- local dates in the center's calendar, inclusive
  start_date date NOT NULL,
  end_date date NOT NULL,
  -- half a day (半天), only for a one-day leave
  half_day boolean NOT NULL DEFAULT false,
  reason text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'refused', 'cancelled')),
  requested_at timestamptz NOT NULL,
  requested_by text NOT NULL REFERENCES users (id),
  decided_at timestamptz,
  decided_by text REFERENCES users (id),
  decision_note text NOT NULL DEFAULT '',
  CHECK (end_date >= start_date),
  CHECK (NOT half_day OR start_date = end_date)
);
CREATE INDEX leave_requests_agent ON leave_requests (agent_id, start_date);
CREATE INDEX leave_requests_team ON leave_requests (team_id, start_date);

-- The monthly assessment (考核, issue 17): the center's weights and bonus rules (seed 003 by default when no row).
CREATE TABLE assessment_rules (
  center_id text PRIMARY KEY REFERENCES centers (id),
  -- {"weights":{kpi,qa,attendance,points,exam},"bonus":{...}} as core/assessment reads them
  rules jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text REFERENCES users (id)
);

-- One agent's sheet of a month: the leader's comment and the agent's confirmation, which freezes the figures.
CREATE TABLE assessment_sheets (
  agent_id text NOT NULL REFERENCES users (id),
  -- YYYY-MM in the center's calendar
  month text NOT NULL,
  team_id text REFERENCES teams (id),
  comment text NOT NULL DEFAULT '',
  commented_at timestamptz,
  commented_by text REFERENCES users (id),
  confirmed_at timestamptz,
  confirmed_by text REFERENCES users (id),
  -- the sheet as the agent confirmed it (components, score, bonus): later data does not change it
  frozen jsonb,
  PRIMARY KEY (agent_id, month)
);
