-- Every KPI true to its definition (issue 19).

-- Calls that arrived after hours (forwarded to the duty phone or told the center is closed) count in
-- the total of calls; abandons within the service-level threshold are met in one service-level variant.
ALTER TABLE interval_tallies ADD COLUMN after_hours double precision NOT NULL DEFAULT 0;
ALTER TABLE interval_tallies ADD COLUMN abandoned_within_threshold double precision NOT NULL DEFAULT 0;
ALTER TABLE day_tallies ADD COLUMN after_hours double precision NOT NULL DEFAULT 0;
ALTER TABLE day_tallies ADD COLUMN abandoned_within_threshold double precision NOT NULL DEFAULT 0;

-- Queue time, placement, ring and direction are defined anew: the reports projection rebuilds its
-- records and tallies from the event log with the new definitions.
DELETE FROM call_records;
DELETE FROM interval_tallies;
DELETE FROM day_tallies;
DELETE FROM agent_status_current;
DELETE FROM projection_checkpoints WHERE name = 'reports';

-- The center's settings that are not organisation: service-level variant, cost, FCR window,
-- dispositions, not-ready reasons, wallboard thresholds (absent keys take the defaults in code).
ALTER TABLE centers ADD COLUMN settings jsonb NOT NULL DEFAULT '{}';

-- A leader's reason (原因) and improvement plan (改善计划) for a team's month against a metric's target.
CREATE TABLE target_notes (
  metric_id text NOT NULL,
  team_id text NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  month text NOT NULL,
  reason text NOT NULL DEFAULT '',
  plan text NOT NULL DEFAULT '',
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (metric_id, team_id, month)
);
