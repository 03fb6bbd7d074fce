-- Workforce management (issue 15). The center calendar: holidays stay in centers.holidays (routing's
-- opening hours and tickets' working hours read them); make-up working days (调休: a weekend day
-- worked in exchange for a holiday) are kept beside them.
ALTER TABLE centers ADD COLUMN workdays jsonb NOT NULL DEFAULT '[]';
