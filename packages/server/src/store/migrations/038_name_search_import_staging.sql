-- Search by part of a name without reading every customer, and all-or-nothing imports that do not
-- hold the store while the file is read.

-- The characters (with `singles`) and character pairs of a text, lower case, without white space:
-- '张三丰' → {张,三,丰,张三,三丰}. A name contains a text only if its grams hold the text's pairs (or,
-- for one character, that character), so a GIN index over them finds the few names LIKE then checks.
-- (pg_trgm would need an extension on the server and finds nothing for two characters: 张三, zs.)
-- PL/pgSQL: as a SQL function each call cost five times as much, on every insert.
CREATE FUNCTION search_grams(t text, singles boolean) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  s text := lower(t);
  n integer := length(s);
  grams text[] := '{}';
BEGIN
  FOR i IN 1..n LOOP
    CONTINUE WHEN substr(s, i, 1) ~ '\s';
    IF singles THEN grams := grams || substr(s, i, 1); END IF;
    IF i < n AND substr(s, i + 1, 1) !~ '\s' THEN grams := grams || substr(s, i, 2); END IF;
  END LOOP;
  RETURN grams;
END
$$;
-- A small pending list: new names are merged into the index a few hundred at a time (on the embedded
-- store nothing else merges it; 4 MB at once stalled the process, and no list at all made every insert
-- update the long lists of common characters).
CREATE INDEX customers_name_grams ON customers USING gin (search_grams(name, true)) WITH (gin_pending_list_limit = 256);

-- The rows of an all-or-nothing import, put aside while the file is read and checked, then written to
-- customers in one transaction at the end: the store is not held while the file is read. Unlogged: an
-- import cut off by a crash is failed anyway. Rows older than a day are left by a crash and removed.
CREATE UNLOGGED TABLE customer_import_rows (
  import_id uuid NOT NULL,
  row integer NOT NULL,
  -- the new customer's id, or with `known` the id of the customer with this external id, which it updates
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  known boolean NOT NULL DEFAULT false,
  external_id text,
  name text NOT NULL,
  initials text NOT NULL,
  class_code text,
  vip_level integer,
  tags text[] NOT NULL,
  owner text,
  notes text NOT NULL,
  since date,
  -- [{"e164": "+86…", "kind": "mobile"}]
  phones jsonb NOT NULL,
  staged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (import_id, row)
);
