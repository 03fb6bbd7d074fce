-- The numbers callers dial to reach a queue (issue 14, real voice): the SIP switch sends a call to
-- the number's queue. A number reaches one queue only; the primary key keeps it so.
CREATE TABLE queue_numbers (
  number text PRIMARY KEY,
  queue_id text NOT NULL REFERENCES queues(id) ON DELETE CASCADE
);
CREATE INDEX queue_numbers_queue ON queue_numbers (queue_id);
