-- Campaign dial records become a projection of the event log (campaigns/projection.ts): the desk
-- appends campaign.dialed and campaign.result_saved, the call's own events bring the talk time
-- and the line result. What the desk decides on stays in the customer's task, written in one
-- transaction with the event: the dial still waiting for its result.

-- The dial whose result is not saved yet; it belongs to the agent holding the customer (locked_by)
-- and goes with the hold.
ALTER TABLE campaign_customers
  ADD COLUMN dial_call_id text,
  ADD COLUMN dial_number text;

UPDATE campaign_customers cc SET dial_call_id = a.call_id, dial_number = a.number_e164
FROM campaign_attempts a
WHERE a.campaign_id = cc.campaign_id AND a.customer_id = cc.customer_id AND a.agent_id = cc.locked_by AND a.result IS NULL;

-- The dials recorded before this migration, as events, so a rebuild from the log finds them too.
-- (Their line results were never in an event: a rebuild leaves those empty.)
WITH facts AS (
  SELECT a.id, 0 AS part, a.started_at AS at, a.campaign_id AS stream, 'campaign.dialed' AS type,
         jsonb_build_object('customerId', a.customer_id, 'agentId', a.agent_id, 'teamId', a.team_id, 'number', a.number_e164, 'callId', a.call_id) AS payload
  FROM campaign_attempts a
  UNION ALL
  SELECT a.id, 1, coalesce(a.recorded_at, a.started_at), a.campaign_id, 'campaign.result_saved',
         jsonb_build_object('customerId', a.customer_id, 'agentId', a.agent_id, 'callId', a.call_id, 'code', a.result, 'note', a.note,
                            'callbackAt', (extract(epoch FROM a.callback_at) * 1000)::bigint)
  FROM campaign_attempts a
  WHERE a.result IS NOT NULL
), head AS (
  UPDATE event_log_head SET seq = seq + (SELECT count(*) FROM facts) RETURNING seq - (SELECT count(*) FROM facts) AS base
)
INSERT INTO events (seq, type, stream, payload, occurred_at)
SELECT head.base + row_number() OVER (ORDER BY f.at, f.id, f.part), f.type, f.stream, f.payload, f.at
FROM facts f, head;
