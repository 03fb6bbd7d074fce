-- Customers (CRM): classes, customers and their phone numbers, orders, service records,
-- field visits, import jobs, and a generic audit log that any feature may write to.

-- A customer class; the built-in ones cannot be removed, a center may add its own.
CREATE TABLE customer_classes (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,31}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  -- the VIP level of the class's customers unless a customer has its own
  vip_level integer NOT NULL DEFAULT 0 CHECK (vip_level BETWEEN 0 AND 9),
  built_in boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO customer_classes (code, name_zh, name_en, vip_level, built_in) VALUES
  ('prospect', '意向客户', 'Prospect', 0, true),
  ('high_value', '优质客户', 'High value', 5, true),
  ('ordinary', '普通客户', 'Ordinary', 0, true),
  ('blacklisted', '黑名单', 'Blacklisted', 0, true);

CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- the id in the center's own system (ERP, old CRM); re-imports update by it
  external_id text UNIQUE,
  name text NOT NULL CHECK (name <> ''),
  -- pinyin initials of the name ('zs' for 张三), for search
  name_initials text COLLATE "C" NOT NULL DEFAULT '',
  class_code text NOT NULL DEFAULT 'ordinary' REFERENCES customer_classes (code),
  -- an explicit VIP level; NULL means the class's
  vip_level integer CHECK (vip_level BETWEEN 0 AND 9),
  tags text[] NOT NULL DEFAULT '{}',
  owner_user_id text REFERENCES users (id) ON DELETE SET NULL,
  -- the team whose members may see the customer; NULL: every team
  team_id text REFERENCES teams (id) ON DELETE SET NULL,
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_initials ON customers (name_initials);
CREATE INDEX customers_name ON customers (name text_pattern_ops);
CREATE INDEX customers_class ON customers (class_code);
CREATE INDEX customers_team ON customers (team_id);
CREATE INDEX customers_owner ON customers (owner_user_id);
CREATE INDEX customers_tags ON customers USING gin (tags);
CREATE INDEX customers_created ON customers (created_at, id);

-- Phone numbers in E.164 (+8613812345678); the screen pop looks a caller up by this index.
CREATE TABLE customer_phones (
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  number_e164 text COLLATE "C" NOT NULL,
  kind text NOT NULL DEFAULT 'mobile' CHECK (kind IN ('mobile', 'landline', 'other')),
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (customer_id, number_e164)
);
CREATE INDEX customer_phones_number ON customer_phones (number_e164);

CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  order_no text NOT NULL,
  product text NOT NULL,
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity > 0),
  -- in the smallest unit (fen for CNY)
  amount_cents bigint NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
  currency text NOT NULL DEFAULT 'CNY',
  status text NOT NULL DEFAULT 'placed' CHECK (status IN ('placed', 'paid', 'shipped', 'delivered', 'cancelled', 'returned')),
  ordered_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer ON orders (customer_id, ordered_at DESC);

-- Repairs and after-sales service, with the customer's feedback.
CREATE TABLE service_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('repair', 'installation', 'maintenance', 'return', 'complaint', 'consultation')),
  subject text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  opened_at timestamptz NOT NULL,
  closed_at timestamptz,
  feedback text NOT NULL DEFAULT '',
  -- 1 (very unsatisfied) .. 5 (very satisfied)
  satisfaction integer CHECK (satisfaction BETWEEN 1 AND 5),
  by_user_id text REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_records_customer ON service_records (customer_id, opened_at DESC);

-- Visits by sales staff, at the customer's or remote (phone, video).
CREATE TABLE field_visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  by_user_id text REFERENCES users (id) ON DELETE SET NULL,
  visited_at timestamptz NOT NULL,
  remote boolean NOT NULL DEFAULT false,
  opinion text NOT NULL DEFAULT '',
  intention text NOT NULL DEFAULT 'unknown' CHECK (intention IN ('high', 'medium', 'low', 'none', 'unknown')),
  -- the expected purchase or service date, in the center's calendar
  expected_date date,
  requests text NOT NULL DEFAULT '',
  next_step text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX field_visits_customer ON field_visits (customer_id, visited_at DESC);

-- An import: the uploaded file kept between preview and commit, then its progress and result.
CREATE TABLE import_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  subject text NOT NULL,
  file_name text NOT NULL,
  format text NOT NULL CHECK (format IN ('xlsx', 'csv')),
  file bytea,
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'running', 'done', 'failed')),
  mode text CHECK (mode IN ('all-or-nothing', 'valid-only')),
  mapping jsonb,
  total_rows integer NOT NULL DEFAULT 0,
  processed_rows integer NOT NULL DEFAULT 0,
  imported integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  -- [{"row", "column", "code", "message"}]
  errors jsonb NOT NULL DEFAULT '[]',
  failure text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX import_jobs_created ON import_jobs (created_at);

-- Who did what to which data: exports, imports and other sensitive actions.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- NULL for the command line
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  action text NOT NULL,
  subject text NOT NULL,
  row_count integer NOT NULL DEFAULT 0,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
