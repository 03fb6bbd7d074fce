-- Staff records (员工档案): hire date, probation, leaving; team moves; every edit with its before and after;
-- promotion interviews (面试评分规则): rubrics, rounds, candidates, interviewers and their score sheets.

CREATE TABLE staff_records (
  agent_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  hire_date date NOT NULL,
  probation_end date,
  -- the probation's outcome: pending until the leader decides; extended moves probation_end
  probation_outcome text NOT NULL DEFAULT 'pending' CHECK (probation_outcome IN ('pending', 'passed', 'extended', 'failed')),
  -- the last day at work; the agent counts in the headcount up to it and as a leaver on it
  leave_date date,
  leave_category text CHECK (leave_category IN ('resigned', 'dismissed', 'probation_failed', 'contract_ended', 'transferred_out', 'other')),
  leave_note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  updated_by text REFERENCES users (id) ON DELETE SET NULL,
  CHECK (leave_date IS NULL OR leave_date >= hire_date),
  CHECK (probation_end IS NULL OR probation_end >= hire_date),
  CHECK ((leave_date IS NULL) = (leave_category IS NULL))
);
CREATE INDEX staff_records_leave ON staff_records (leave_date);

-- Every change of a staff record: who, when (the server's clock), the fields before and after.
CREATE TABLE staff_record_changes (
  id bigserial PRIMARY KEY,
  agent_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  by_user text REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  before jsonb,
  after jsonb NOT NULL
);
CREATE INDEX staff_record_changes_agent ON staff_record_changes (agent_id, at);

-- A user moved between teams (org's PATCH /users/:id writes it with the move): the staff history and the
-- team an agent counted in on any past day, for turnover per team.
CREATE TABLE team_moves (
  id bigserial PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  from_team_id text REFERENCES teams (id) ON DELETE SET NULL,
  to_team_id text REFERENCES teams (id) ON DELETE SET NULL,
  moved_at timestamptz NOT NULL,
  moved_by text REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX team_moves_user ON team_moves (user_id, moved_at);

CREATE TABLE interview_rubrics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (name <> ''),
  -- [{code, title, kind, maxPoints, keyPoints, bands: [{min, max, description}], referenceAnswer}]
  questions jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL,
  updated_by text REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE interview_rounds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (title <> ''),
  -- the rubric as it was when the round opened: later edits of the template do not change its scores
  rubric_name text NOT NULL,
  questions jsonb NOT NULL,
  held_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL,
  created_by text REFERENCES users (id) ON DELETE SET NULL
);

CREATE TABLE interview_candidates (
  round_id uuid NOT NULL REFERENCES interview_rounds (id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (round_id, agent_id)
);

CREATE TABLE interview_interviewers (
  round_id uuid NOT NULL REFERENCES interview_rounds (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- set once the interviewer hands in the sheet: from then on it is final and counts in the totals
  submitted_at timestamptz,
  PRIMARY KEY (round_id, user_id)
);

CREATE TABLE interview_scores (
  round_id uuid NOT NULL,
  interviewer_id text NOT NULL,
  agent_id text NOT NULL,
  question_code text NOT NULL,
  points double precision NOT NULL CHECK (points >= 0),
  note text NOT NULL DEFAULT '',
  scored_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, interviewer_id, agent_id, question_code),
  FOREIGN KEY (round_id, interviewer_id) REFERENCES interview_interviewers (round_id, user_id) ON DELETE CASCADE,
  FOREIGN KEY (round_id, agent_id) REFERENCES interview_candidates (round_id, agent_id) ON DELETE CASCADE
);
