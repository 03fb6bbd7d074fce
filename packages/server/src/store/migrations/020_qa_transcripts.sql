-- Call transcripts for QA speech analytics: from a recogniser behind the transcription port, or stored by an outside job.
CREATE TABLE qa_transcripts (
  call_id text PRIMARY KEY,
  segments jsonb NOT NULL,
  source text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
