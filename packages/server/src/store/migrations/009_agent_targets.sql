-- Targets for one agent too (an agent's scorecard: own target, else the team's, else the center's).
ALTER TABLE metric_targets DROP CONSTRAINT metric_targets_scope_check;
ALTER TABLE metric_targets ADD CONSTRAINT metric_targets_scope_check CHECK (scope IN ('center', 'team', 'queue', 'agent'));
