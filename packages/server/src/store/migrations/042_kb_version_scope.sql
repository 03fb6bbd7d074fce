-- Each version of a knowledge base article (问题库) keeps what it applied to as well as what it said:
-- the queues, the products and the validity dates, so the history shows when an article was widened
-- to another queue or given an end date. Versions kept before this have the article's current values.
ALTER TABLE kb_versions ADD COLUMN queue_ids text[] NOT NULL DEFAULT '{}';
ALTER TABLE kb_versions ADD COLUMN products text[] NOT NULL DEFAULT '{}';
ALTER TABLE kb_versions ADD COLUMN valid_from date;
ALTER TABLE kb_versions ADD COLUMN valid_to date;
UPDATE kb_versions v SET queue_ids = a.queue_ids, products = a.products, valid_from = a.valid_from, valid_to = a.valid_to
  FROM kb_articles a WHERE a.id = v.article_id;
