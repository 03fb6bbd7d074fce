-- When an agent cannot work (可用性, issue 15), as the agent or the team leader states it: a weekly
-- window (周三 18:00-24:00, 周三晚上不能上班) or one date's window (a whole day is 00:00-24:00).
-- Roster generation schedules no shift overlapping one; the leader sees them on the team's month.
CREATE TABLE wfm_unavailability (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agent_id text NOT NULL REFERENCES users (id),
  -- the agent's team when stated: whose leader sees and may change it
  team_id text REFERENCES teams (id),
  -- ISO weekday, 1 Monday to 7 Sunday, for a weekly window; null for one date
  weekday smallint CHECK (weekday BETWEEN 1 AND 7),
  date date,
  -- local times in the center's zone, HH:MM; 24:00 ends the day
  start_time text NOT NULL,
  end_time text NOT NULL,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL REFERENCES users (id),
  CHECK ((weekday IS NULL) <> (date IS NULL)),
  CHECK (end_time > start_time)
);
CREATE INDEX wfm_unavailability_agent ON wfm_unavailability (agent_id);
CREATE INDEX wfm_unavailability_team ON wfm_unavailability (team_id);

-- Half-day leave (半天假) says which half: 上午 (am) or 下午 (pm); the agent works the other half of the shift.
-- Rows from before say neither.
ALTER TABLE leave_requests ADD COLUMN half text CHECK (half IN ('am', 'pm'));
ALTER TABLE leave_requests ADD CONSTRAINT leave_requests_half_of_half_day CHECK (half IS NULL OR half_day);
