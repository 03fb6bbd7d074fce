-- Training (培训) and exams (考试): courses with their materials, exams with questions and a pass
-- mark published to teams or agents for a window, and the agents' marked answer sheets.

CREATE TABLE training_courses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (title <> ''),
  description text NOT NULL DEFAULT '',
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_by text NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL
);

-- A course's materials in order: a text, a link, or a call of QA's model-call library (linked, not copied).
CREATE TABLE training_materials (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  course_id uuid NOT NULL REFERENCES training_courses (id) ON DELETE CASCADE,
  position integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('text', 'link', 'library')),
  title text NOT NULL CHECK (title <> ''),
  -- the text, or the link's address
  body text NOT NULL DEFAULT '',
  library_id uuid REFERENCES qa_library (id) ON DELETE SET NULL,
  UNIQUE (course_id, position)
);

CREATE TABLE exams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (title <> ''),
  course_id uuid REFERENCES training_courses (id) ON DELETE SET NULL,
  -- core's ExamQuestion[], with the correct answers: never sent to an agent before they hand in
  questions jsonb NOT NULL,
  pass_percent numeric NOT NULL CHECK (pass_percent >= 0 AND pass_percent <= 100),
  max_attempts integer NOT NULL DEFAULT 1 CHECK (max_attempts BETWEEN 1 AND 5),
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  opens_at timestamptz,
  closes_at timestamptz,
  -- whom it was published to, as the trainer chose (teams and single agents)
  team_ids text[] NOT NULL DEFAULT '{}',
  agent_ids text[] NOT NULL DEFAULT '{}',
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  updated_by text NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  published_by text REFERENCES users (id),
  published_at timestamptz,
  CHECK (status = 'draft' OR (opens_at IS NOT NULL AND closes_at > opens_at))
);

-- Who takes a published exam: the agents of its teams at publishing, and the agents named.
CREATE TABLE exam_takers (
  exam_id uuid NOT NULL REFERENCES exams (id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES users (id),
  team_id text REFERENCES teams (id),
  PRIMARY KEY (exam_id, agent_id)
);
CREATE INDEX exam_takers_agent ON exam_takers (agent_id);

CREATE TABLE exam_submissions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exam_id uuid NOT NULL REFERENCES exams (id) ON DELETE CASCADE,
  agent_id text NOT NULL REFERENCES users (id),
  attempt integer NOT NULL CHECK (attempt >= 1),
  answers jsonb NOT NULL,
  -- core's QuestionMark[]
  marks jsonb NOT NULL,
  score numeric NOT NULL,
  total numeric NOT NULL,
  percent numeric NOT NULL CHECK (percent >= 0 AND percent <= 100),
  passed boolean NOT NULL,
  submitted_at timestamptz NOT NULL,
  UNIQUE (exam_id, agent_id, attempt)
);
CREATE INDEX exam_submissions_month ON exam_submissions (submitted_at, agent_id);
