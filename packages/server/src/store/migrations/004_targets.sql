-- Targets per metric for the center, a team or a queue (seed 002: groups × months against a target).
CREATE TABLE metric_targets (
  metric_id text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('center', 'team', 'queue')),
  scope_id text NOT NULL DEFAULT '',
  target double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (metric_id, scope, scope_id)
);
