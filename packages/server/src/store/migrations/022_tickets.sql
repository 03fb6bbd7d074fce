-- Tickets (工单): types with their SLA, tickets, every handling step, and notifications.

CREATE TABLE ticket_types (
  code text PRIMARY KEY,
  name text NOT NULL,
  sla_hours numeric NOT NULL CHECK (sla_hours > 0),
  sla_basis text NOT NULL CHECK (sla_basis IN ('clock', 'working')),
  -- {"urgent": 4}: hours of a priority that differs from sla_hours
  sla_by_priority jsonb NOT NULL DEFAULT '{}',
  -- a register of its own (市长专线): its own list and report
  register boolean NOT NULL DEFAULT false,
  position integer NOT NULL DEFAULT 0
);

INSERT INTO ticket_types (code, name, sla_hours, sla_basis, sla_by_priority, register, position) VALUES
  ('complaint', '投诉', 48, 'clock', '{"urgent": 24}', false, 1),
  ('repair', '报修', 24, 'working', '{"urgent": 8}', false, 2),
  ('consultation', '咨询', 8, 'working', '{}', false, 3),
  ('suggestion', '建议', 72, 'clock', '{}', false, 4),
  ('mayor_hotline', '市长专线', 48, 'clock', '{}', true, 5);

CREATE TABLE tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  type text NOT NULL REFERENCES ticket_types (code),
  title text NOT NULL CHECK (title <> ''),
  description text NOT NULL DEFAULT '',
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  channel text NOT NULL DEFAULT 'phone',
  status text NOT NULL CHECK (status IN ('open', 'assigned', 'closed')),
  customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  call_id text,
  caller text,
  -- the service record the ticket follows, when it was opened from one
  service_record_id uuid REFERENCES service_records (id) ON DELETE SET NULL,
  -- first-contact ownership (首问负责制): who accepted it, and that person's team (the ticket's team scope)
  owner_id text NOT NULL REFERENCES users (id),
  team_id text REFERENCES teams (id),
  assignee_kind text CHECK (assignee_kind IN ('user', 'team', 'department', 'field_team')),
  assignee_id text,
  assignee_name text,
  bounces integer NOT NULL DEFAULT 0,
  reopens integer NOT NULL DEFAULT 0,
  -- the last callback's answer {"solved","satisfaction"}; NULL while one is due
  callback jsonb,
  callback_at timestamptz,
  -- the SLA clock, from acceptance or the last reopening
  clock_started_at timestamptz NOT NULL,
  remind_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  manager_at timestamptz NOT NULL,
  -- supervision steps taken since the clock started: 'reminder', 'escalation:leader', 'escalation:manager'
  supervision text[] NOT NULL DEFAULT '{}',
  -- whether an article of the knowledge base was used while handling it
  article_used boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX tickets_status_due ON tickets (status, due_at);
CREATE INDEX tickets_owner ON tickets (owner_id, created_at);
CREATE INDEX tickets_team ON tickets (team_id, created_at);
CREATE INDEX tickets_assignee ON tickets (assignee_kind, assignee_id);
CREATE INDEX tickets_customer ON tickets (customer_id);
CREATE INDEX tickets_call ON tickets (call_id);

-- Every step: who (NULL: the system's supervision), when, what.
CREATE TABLE ticket_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX ticket_steps_ticket ON ticket_steps (ticket_id, id);

CREATE TABLE ticket_notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  kind text NOT NULL,
  message text NOT NULL,
  at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX ticket_notifications_user ON ticket_notifications (user_id, id);
