-- Which ticket types feed the knowledge base (问题库): closing one of them with no article used
-- proposes its question and answer as an article for review. It was the type coded 'consultation'
-- alone, so a center that renamed or replaced that type lost the loop without knowing.
ALTER TABLE ticket_types ADD COLUMN proposes_article boolean NOT NULL DEFAULT false;
UPDATE ticket_types SET proposes_article = true WHERE code = 'consultation';
