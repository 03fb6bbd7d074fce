-- Whether an agent's desktop says that a supervisor listens in, whispers or barges in (issue 20,
-- item 14). Off by default: many centers monitor unannounced, so that the call heard is a usual one.
ALTER TABLE centers ADD COLUMN announce_monitoring boolean NOT NULL DEFAULT false;
