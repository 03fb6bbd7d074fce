-- Call recordings: where each recorded call's audio file is, relative to the recordings directory
-- (BANZU_RECORDINGS_DIR), so the directory can move without touching the rows.
CREATE TABLE recordings (
  call_id text PRIMARY KEY,
  path text NOT NULL,
  started_at timestamptz NOT NULL,
  duration_ms integer NOT NULL CHECK (duration_ms >= 0),
  bytes integer NOT NULL CHECK (bytes >= 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recordings_created ON recordings (created_at, call_id);
