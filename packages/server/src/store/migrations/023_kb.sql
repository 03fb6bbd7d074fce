-- The knowledge base (问题库): articles with their versions, searched by character n-grams and pinyin initials.

CREATE TABLE kb_articles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (title <> ''),
  body text NOT NULL DEFAULT '',
  category text NOT NULL DEFAULT '',
  tags text[] NOT NULL DEFAULT '{}',
  -- the queues it applies to; empty: every queue
  queue_ids text[] NOT NULL DEFAULT '{}',
  products text[] NOT NULL DEFAULT '{}',
  valid_from date,
  valid_to date,
  -- draft: being written; pending: proposed, waiting for approval; published; archived
  status text NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'archived')),
  version integer NOT NULL DEFAULT 1,
  author_id text NOT NULL REFERENCES users (id),
  approved_by text REFERENCES users (id) ON DELETE SET NULL,
  -- search index: characters and character pairs of the title, tags, category and body; pinyin initials of the title
  grams text[] NOT NULL DEFAULT '{}',
  initials text NOT NULL DEFAULT '',
  opened integer NOT NULL DEFAULT 0,
  helpful integer NOT NULL DEFAULT 0,
  -- the consultation ticket whose closing proposed it
  from_ticket_id uuid REFERENCES tickets (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX kb_articles_grams ON kb_articles USING gin (grams);
CREATE INDEX kb_articles_status ON kb_articles (status);

CREATE TABLE kb_versions (
  article_id uuid NOT NULL REFERENCES kb_articles (id) ON DELETE CASCADE,
  version integer NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  category text NOT NULL,
  tags text[] NOT NULL,
  by_user_id text REFERENCES users (id) ON DELETE SET NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (article_id, version)
);
