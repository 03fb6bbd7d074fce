-- A call is scored once per agent (issue 16): two real evaluations of one call and agent both
-- counted in 监听分值 and the QA star, and a second fatal failure moved the agent up the penalty
-- ladder from a single call. Calibration sheets (purpose 'calibration') stay many per call: each
-- invited inspector scores the same call.
--
-- Existing duplicates: the earliest evaluation (by scored_at, then id) is kept and the later ones
-- are removed, after what pointed at them (the work queue, the library, coaching) is pointed at
-- the kept one. Each removal is written to the audit log with its score. The event log keeps their
-- scoring events, so report tallies built before this migration still hold them until rebuilt.
CREATE TEMPORARY TABLE qa_duplicate_evaluations ON COMMIT DROP AS
SELECT id, kept
FROM (
  SELECT id,
         first_value(id) OVER (PARTITION BY call_id, agent_id ORDER BY scored_at, id) AS kept
  FROM qa_evaluations
  WHERE purpose = 'evaluation'
) ranked
WHERE id <> kept;

UPDATE qa_queue q SET evaluation_id = d.kept FROM qa_duplicate_evaluations d WHERE q.evaluation_id = d.id;
UPDATE qa_library l SET evaluation_id = d.kept FROM qa_duplicate_evaluations d WHERE l.evaluation_id = d.id;
UPDATE qa_coaching c SET evaluation_id = d.kept FROM qa_duplicate_evaluations d WHERE c.evaluation_id = d.id;

INSERT INTO audit_log (user_id, action, subject, row_count, detail)
SELECT NULL, 'qa_duplicate_removed', 'qa_evaluations', 1,
       jsonb_build_object('evaluationId', e.id, 'keptEvaluationId', d.kept, 'callId', e.call_id, 'agentId', e.agent_id, 'score', e.score, 'fatal', e.fatal)
FROM qa_evaluations e JOIN qa_duplicate_evaluations d ON d.id = e.id;

DELETE FROM qa_evaluations e USING qa_duplicate_evaluations d WHERE e.id = d.id;

CREATE UNIQUE INDEX qa_evaluations_one_per_call_agent ON qa_evaluations (call_id, agent_id) WHERE purpose = 'evaluation';
