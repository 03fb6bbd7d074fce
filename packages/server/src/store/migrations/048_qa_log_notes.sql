-- The QA inspector's daily log (质检日志, seed 004): the day's note — common problems found and
-- suggestions — written by the inspector and read by the QA lead. One per inspector and center day.
CREATE TABLE qa_log_notes (
  inspector_id text NOT NULL REFERENCES users (id),
  day date NOT NULL,
  text text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (inspector_id, day)
);

-- The log lists an inspector's evaluations of one day by when they were scored.
CREATE INDEX qa_evaluations_inspector ON qa_evaluations (inspector_id, scored_at);
