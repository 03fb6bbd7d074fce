-- Issue 15: the team leader's correction of a shift's attendance (考勤), with the reason: a login the
-- system missed, a lateness excused. One per agent and roster date; the audit log keeps each change.
CREATE TABLE wfm_attendance_corrections (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  date date NOT NULL,
  status text NOT NULL CHECK (status IN ('present', 'late', 'early_leave', 'late_and_early', 'absent')),
  reason text NOT NULL CHECK (length(reason) > 0),
  corrected_by text NOT NULL REFERENCES users (id),
  corrected_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, date)
);
