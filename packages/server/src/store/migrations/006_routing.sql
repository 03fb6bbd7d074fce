-- A queue's routing settings (strategy, ring and wrap-up times, overflow, hours, widening, members …),
-- validated by the server against core's QueueConfig; '{}' means the defaults.
ALTER TABLE queues ADD COLUMN routing jsonb NOT NULL DEFAULT '{}';

-- The running router's memory, so a restart resumes instead of logging everyone out: the last
-- snapshot and every input handled after it (re-handled at its time on start).
CREATE TABLE router_snapshots (
  id bigserial PRIMARY KEY,
  -- The last router_inputs.seq the snapshot includes.
  input_seq bigint NOT NULL,
  at double precision NOT NULL,
  snapshot jsonb NOT NULL,
  -- What the floor around the router needs back (the agents the demo simulation drove).
  meta jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE router_inputs (
  -- Numbered by the floor as it handles them, so a snapshot knows the last one it includes.
  seq bigint PRIMARY KEY,
  at double precision NOT NULL,
  input jsonb NOT NULL
);
