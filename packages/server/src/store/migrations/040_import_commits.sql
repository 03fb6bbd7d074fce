-- An all-or-nothing import whose rows all passed writes them in short batches, so desk actions are not
-- held behind one long transaction (13-15 s for 100,000 rows on the embedded store). The decision to
-- write is recorded first; a crash in the middle is finished at start-up from the rows still put aside.

-- The rows put aside must outlive a crash once the import has decided to write them: logged from now on.
ALTER TABLE customer_import_rows SET LOGGED;

-- An import decided to be written whole: its rows still to write are its rows in customer_import_rows
-- (each batch removes the rows it wrote), and the counts say what the batches wrote so far.
CREATE TABLE customer_import_commits (
  import_id uuid PRIMARY KEY,
  -- the import job the upload runs as (null: the command line)
  job_id uuid REFERENCES import_jobs (id) ON DELETE SET NULL,
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  file_name text NOT NULL,
  -- rows in the file, for the audit log
  file_rows integer NOT NULL,
  imported integer NOT NULL DEFAULT 0,
  updated integer NOT NULL DEFAULT 0,
  decided_at timestamptz NOT NULL DEFAULT now()
);
