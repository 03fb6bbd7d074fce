-- Quality assurance (质检): scoring sheets with immutable versions, evaluations of calls, the
-- inspectors' sampled queue, the model-call library, coaching records, and the center's QA settings.

-- One row: the center's QA settings (acknowledgement deadline, penalty ladder, sampling plan, QA star);
-- keys left out take core's defaults.
CREATE TABLE qa_settings (
  id text PRIMARY KEY DEFAULT 'default' CHECK (id = 'default'),
  settings jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE qa_forms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  current_version integer NOT NULL DEFAULT 1,
  archived boolean NOT NULL DEFAULT false,
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A version never changes: editing a form adds the next version, and an evaluation keeps the one it was scored on.
CREATE TABLE qa_form_versions (
  form_id uuid NOT NULL REFERENCES qa_forms (id),
  version integer NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  created_by text REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (form_id, version)
);

CREATE TABLE qa_evaluations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id text NOT NULL,
  form_id uuid NOT NULL,
  form_version integer NOT NULL,
  -- 'evaluation' counts (KPI, star, ladder); 'calibration' is one inspector's sheet of a calibration session only.
  purpose text NOT NULL DEFAULT 'evaluation' CHECK (purpose IN ('evaluation', 'calibration')),
  agent_id text NOT NULL REFERENCES users (id),
  team_id text,
  queue_id text,
  call_started_at timestamptz NOT NULL,
  inspector_id text NOT NULL REFERENCES users (id),
  answers jsonb NOT NULL,
  items jsonb NOT NULL,
  comments jsonb NOT NULL DEFAULT '[]',
  score double precision NOT NULL CHECK (score >= 0 AND score <= 100),
  fatal boolean NOT NULL,
  scored_at timestamptz NOT NULL,
  -- pending: waiting for the agent; disputed: waiting for a QA lead; confirmed: final.
  status text NOT NULL CHECK (status IN ('pending', 'disputed', 'confirmed')),
  due_at timestamptz,
  confirmed_how text CHECK (confirmed_how IN ('acknowledged', 'deadline', 'upheld', 'changed', 'automatic')),
  confirmed_at timestamptz,
  dispute_reason text,
  disputed_at timestamptz,
  resolved_by text REFERENCES users (id),
  resolution_reason text,
  original_score double precision,
  -- The penalty ladder's step for a confirmed fatal failure (code, zh, en, slip).
  penalty jsonb,
  FOREIGN KEY (form_id, form_version) REFERENCES qa_form_versions (form_id, version)
);
CREATE INDEX qa_evaluations_agent ON qa_evaluations (agent_id, scored_at);
CREATE INDEX qa_evaluations_call ON qa_evaluations (call_id);
CREATE INDEX qa_evaluations_status ON qa_evaluations (status, due_at);

-- The inspectors' work queue: sampled calls, why each was picked, and who hears it.
CREATE TABLE qa_queue (
  call_id text PRIMARY KEY,
  agent_id text NOT NULL,
  inspector_id text NOT NULL REFERENCES users (id),
  reasons text[] NOT NULL,
  sampled_at timestamptz NOT NULL,
  period_start date NOT NULL,
  evaluation_id uuid REFERENCES qa_evaluations (id)
);
CREATE INDEX qa_queue_inspector ON qa_queue (inspector_id, evaluation_id);

-- 优秀录音 / 差录音: calls kept for training.
CREATE TABLE qa_library (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('good', 'bad')),
  category text NOT NULL,
  note text NOT NULL DEFAULT '',
  evaluation_id uuid REFERENCES qa_evaluations (id),
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (call_id, kind)
);

-- 个别辅导: a leader's coaching record opened from an evaluation.
CREATE TABLE qa_coaching (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  evaluation_id uuid NOT NULL REFERENCES qa_evaluations (id),
  agent_id text NOT NULL REFERENCES users (id),
  coach_id text NOT NULL REFERENCES users (id),
  focus text NOT NULL,
  item_keys text[] NOT NULL DEFAULT '{}',
  actions text NOT NULL DEFAULT '',
  follow_up_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX qa_coaching_agent ON qa_coaching (agent_id, created_at);
