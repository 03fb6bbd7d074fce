-- Call detail records: one row per call, the full record as the fold of its events.
CREATE TABLE call_records (
  call_id text PRIMARY KEY,
  direction text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  queue_id text,
  agent_id text,
  team_id text,
  outcome text,
  vip_level integer NOT NULL DEFAULT 0,
  from_number text,
  record jsonb NOT NULL
);
CREATE INDEX call_records_started ON call_records (started_at);
CREATE INDEX call_records_agent ON call_records (agent_id, started_at);
CREATE INDEX call_records_from ON call_records (from_number, started_at);

-- Additive tallies per local quarter-hour, queue, agent and team ('' where not applicable).
-- Reports sum rows and compute metrics once (packages/core/src/metrics), so 30/60-minute, day,
-- week and month figures, and agent, team and queue figures, all come from these rows.
CREATE TABLE interval_tallies (
  interval_start timestamptz NOT NULL,
  queue_id text NOT NULL DEFAULT '',
  agent_id text NOT NULL DEFAULT '',
  team_id text NOT NULL DEFAULT '',
  offered double precision NOT NULL DEFAULT 0,
  answered double precision NOT NULL DEFAULT 0,
  answered_within_threshold double precision NOT NULL DEFAULT 0,
  abandoned double precision NOT NULL DEFAULT 0,
  abandoned_short double precision NOT NULL DEFAULT 0,
  blocked double precision NOT NULL DEFAULT 0,
  overflowed double precision NOT NULL DEFAULT 0,
  forwarded double precision NOT NULL DEFAULT 0,
  callbacks_requested double precision NOT NULL DEFAULT 0,
  callbacks_completed double precision NOT NULL DEFAULT 0,
  queued double precision NOT NULL DEFAULT 0,
  answer_wait_seconds double precision NOT NULL DEFAULT 0,
  abandon_wait_seconds double precision NOT NULL DEFAULT 0,
  queue_seconds double precision NOT NULL DEFAULT 0,
  ring_seconds double precision NOT NULL DEFAULT 0,
  talk_seconds double precision NOT NULL DEFAULT 0,
  hold_seconds double precision NOT NULL DEFAULT 0,
  wrap_up_seconds double precision NOT NULL DEFAULT 0,
  transferred double precision NOT NULL DEFAULT 0,
  resolution_known double precision NOT NULL DEFAULT 0,
  resolved_first_contact double precision NOT NULL DEFAULT 0,
  logged_in_seconds double precision NOT NULL DEFAULT 0,
  available_seconds double precision NOT NULL DEFAULT 0,
  not_ready_seconds double precision NOT NULL DEFAULT 0,
  ringing_seconds double precision NOT NULL DEFAULT 0,
  on_call_seconds double precision NOT NULL DEFAULT 0,
  after_call_seconds double precision NOT NULL DEFAULT 0,
  outbound_seconds double precision NOT NULL DEFAULT 0,
  scheduled_seconds double precision NOT NULL DEFAULT 0,
  qa_score_sum double precision NOT NULL DEFAULT 0,
  qa_evaluations double precision NOT NULL DEFAULT 0,
  leavers double precision NOT NULL DEFAULT 0,
  headcount_days double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (interval_start, queue_id, agent_id, team_id)
);
CREATE INDEX interval_tallies_agent ON interval_tallies (agent_id, interval_start);
CREATE INDEX interval_tallies_team ON interval_tallies (team_id, interval_start);

-- Each agent's status since its last change, so the time in it can be tallied when it ends.
CREATE TABLE agent_status_current (
  agent_id text PRIMARY KEY,
  status text NOT NULL,
  since timestamptz NOT NULL,
  not_ready_reason text,
  outbound boolean NOT NULL DEFAULT false
);

-- Abandons this quick are not held against the queue (see docs/metrics.md).
ALTER TABLE queues ADD COLUMN short_abandon_seconds integer NOT NULL DEFAULT 5 CHECK (short_abandon_seconds >= 0);
