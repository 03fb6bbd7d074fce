-- Calibration sessions (校准) and the penalty ladder's follow-through (issue 16).

-- A QA lead picks a call and a sheet version and invites inspectors; each scores the call blind
-- (the others' sheets stay hidden until the own is in), then the session shows the spread per item
-- and Fleiss' kappa.
CREATE TABLE qa_calibration_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  call_id text NOT NULL,
  form_id uuid NOT NULL,
  form_version integer NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by text NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  FOREIGN KEY (form_id, form_version) REFERENCES qa_form_versions (form_id, version)
);
CREATE INDEX qa_calibration_sessions_created ON qa_calibration_sessions (created_at);

CREATE TABLE qa_calibration_invites (
  session_id uuid NOT NULL REFERENCES qa_calibration_sessions (id),
  inspector_id text NOT NULL REFERENCES users (id),
  -- The invitee's calibration sheet once scored (qa_evaluations.purpose = 'calibration').
  evaluation_id uuid UNIQUE REFERENCES qa_evaluations (id),
  PRIMARY KEY (session_id, inspector_id)
);
CREATE INDEX qa_calibration_invites_open ON qa_calibration_invites (inspector_id) WHERE evaluation_id IS NULL;

-- The leader carries out the step a confirmed fatal failure reached (the warning given, the
-- interview held, the slip signed on paper): when, by whom, with a note. A fine may be booked as a
-- discipline item (扣分), linked here.
ALTER TABLE qa_evaluations ADD COLUMN penalty_done_at timestamptz;
ALTER TABLE qa_evaluations ADD COLUMN penalty_done_by text REFERENCES users (id);
ALTER TABLE qa_evaluations ADD COLUMN penalty_note text;
ALTER TABLE qa_evaluations ADD COLUMN discipline_point_id uuid REFERENCES discipline_points (id);
