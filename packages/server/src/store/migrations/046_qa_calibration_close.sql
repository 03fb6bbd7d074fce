-- A calibration session is closed (结束) by whoever opened it or a floor lead (issue 16): it takes no
-- more sheets, its spread and kappa are final, and the invitations nobody scored leave the
-- invitees' queues. Open sessions have neither column.
ALTER TABLE qa_calibration_sessions ADD COLUMN closed_at timestamptz;
ALTER TABLE qa_calibration_sessions ADD COLUMN closed_by text REFERENCES users (id);
