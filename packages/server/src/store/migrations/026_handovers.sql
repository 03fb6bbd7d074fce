-- 交接班 (shift handover, seed 000), the system fault log (seed 003), and coaching (个别辅导) opened
-- from a KPI or a discipline item as well as from a QA evaluation.

-- Seed 003: "坐席出现任何系统故障，需及时上报技术考评科，并做好故障记录".
CREATE TABLE system_faults (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('system', 'equipment', 'tool')),
  title text NOT NULL CHECK (title <> ''),
  -- where it was seen; NULL: the whole floor
  team_id text REFERENCES teams (id),
  started_at timestamptz NOT NULL,
  effect text NOT NULL DEFAULT '',
  -- who was told (技术考评科, the system administrator …)
  told text NOT NULL DEFAULT '',
  resolution text,
  -- NULL while the fault lasts
  ended_at timestamptz,
  recorded_by text NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL,
  updated_by text REFERENCES users (id),
  updated_at timestamptz,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX system_faults_open ON system_faults (started_at) WHERE ended_at IS NULL;

-- One handover log per team and shift: the five items as the outgoing leader wrote them, and what was
-- open when it was written.
CREATE TABLE handovers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id text NOT NULL REFERENCES teams (id),
  -- the shift's local date and name (早班, 中班 …)
  shift_date date NOT NULL,
  shift text NOT NULL CHECK (shift <> ''),
  outgoing_id text NOT NULL REFERENCES users (id),
  incoming_id text NOT NULL REFERENCES users (id),
  -- {"situation","equipment","tools","quality","records"}
  items jsonb NOT NULL,
  open_matters jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('handed_over', 'acknowledged')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  -- what the incoming leader reports back
  acknowledgement text,
  UNIQUE (team_id, shift_date, shift)
);
CREATE INDEX handovers_incoming ON handovers (incoming_id, created_at);

CREATE TABLE shift_closes (
  team_id text NOT NULL REFERENCES teams (id),
  shift_date date NOT NULL,
  shift text NOT NULL,
  handover_id uuid NOT NULL REFERENCES handovers (id),
  closed_by text NOT NULL REFERENCES users (id),
  closed_at timestamptz NOT NULL,
  PRIMARY KEY (team_id, shift_date, shift)
);

-- Coaching opened from a KPI (the metric's id) or a discipline item (its id) has no evaluation; the
-- figure it was about is compared before and after at the follow-up.
ALTER TABLE qa_coaching ALTER COLUMN evaluation_id DROP NOT NULL;
ALTER TABLE qa_coaching ADD COLUMN source_kind text NOT NULL DEFAULT 'qa_evaluation' CHECK (source_kind IN ('qa_evaluation', 'kpi', 'discipline'));
ALTER TABLE qa_coaching ADD COLUMN source_id text;
ALTER TABLE qa_coaching ADD CONSTRAINT qa_coaching_source CHECK ((source_kind = 'qa_evaluation') = (evaluation_id IS NOT NULL) AND (source_kind = 'qa_evaluation' OR source_id IS NOT NULL));
