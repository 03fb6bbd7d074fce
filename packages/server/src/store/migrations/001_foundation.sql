-- The event log: one global order. The single head row is locked by every append until it
-- commits, so sequence numbers are gap-free and commit in order, across processes too.
CREATE TABLE event_log_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL
);
INSERT INTO event_log_head (id, seq) VALUES (true, 0);

CREATE TABLE events (
  seq bigint PRIMARY KEY,
  type text NOT NULL,
  stream text NOT NULL,
  payload jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX events_stream_seq ON events (stream, seq);
CREATE INDEX events_type_seq ON events (type, seq);

-- A projection's checkpoint is written in the same transaction as its effects.
CREATE TABLE projection_checkpoints (
  name text PRIMARY KEY,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Organisation
CREATE TABLE centers (
  id text PRIMARY KEY,
  name text NOT NULL,
  time_zone text NOT NULL,
  -- {"mon":[["08:30","22:00"]], ...}; a missing day is closed
  hours jsonb NOT NULL,
  -- ["2026-10-01", ...] in the center's time zone
  holidays jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sites (
  id text PRIMARY KEY,
  center_id text NOT NULL REFERENCES centers (id),
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites (id),
  name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'team_leader', 'qa', 'trainer', 'supervisor', 'manager', 'admin')),
  team_id text REFERENCES teams (id),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- agents and team leaders belong to a team; the others to none or one
  CHECK (role NOT IN ('agent', 'team_leader') OR team_id IS NOT NULL)
);
CREATE INDEX users_team ON users (team_id);

-- An agent is a user with an employee number (工号).
CREATE TABLE agents (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  employee_no text NOT NULL UNIQUE
);

CREATE TABLE skills (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  description text NOT NULL DEFAULT ''
);

CREATE TABLE agent_skills (
  agent_id text NOT NULL REFERENCES agents (user_id) ON DELETE CASCADE,
  skill_id text NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (agent_id, skill_id)
);

CREATE TABLE queues (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  -- [{"skillId": "...", "minLevel": 1..5}]
  required_skills jsonb NOT NULL DEFAULT '[]',
  sl_threshold_seconds integer NOT NULL CHECK (sl_threshold_seconds > 0),
  sl_target numeric NOT NULL CHECK (sl_target > 0 AND sl_target <= 1),
  priority integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
