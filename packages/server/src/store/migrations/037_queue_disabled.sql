-- The short-abandon threshold is the center's setting (centers.settings.shortAbandonSeconds): the
-- queue column it replaced was read by nothing and set by nobody.
ALTER TABLE queues DROP COLUMN IF EXISTS short_abandon_seconds;

-- A queue taken out of service (停用) keeps its history in the reports, but its callers hear the
-- queue's after-hours treatment at all hours, and no other queue may send calls to it.
ALTER TABLE queues ADD COLUMN disabled boolean NOT NULL DEFAULT false;
