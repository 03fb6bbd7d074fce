-- Daily rollup of interval_tallies (local calendar days of the center), kept by the same
-- projection: reports by day, week, month, agent, team or queue over months read a few rows a day.
CREATE TABLE day_tallies (
  day date NOT NULL,
  queue_id text NOT NULL DEFAULT '',
  agent_id text NOT NULL DEFAULT '',
  team_id text NOT NULL DEFAULT '',
  offered double precision NOT NULL DEFAULT 0,
  answered double precision NOT NULL DEFAULT 0,
  answered_within_threshold double precision NOT NULL DEFAULT 0,
  abandoned double precision NOT NULL DEFAULT 0,
  abandoned_short double precision NOT NULL DEFAULT 0,
  blocked double precision NOT NULL DEFAULT 0,
  overflowed double precision NOT NULL DEFAULT 0,
  forwarded double precision NOT NULL DEFAULT 0,
  callbacks_requested double precision NOT NULL DEFAULT 0,
  callbacks_completed double precision NOT NULL DEFAULT 0,
  queued double precision NOT NULL DEFAULT 0,
  answer_wait_seconds double precision NOT NULL DEFAULT 0,
  abandon_wait_seconds double precision NOT NULL DEFAULT 0,
  queue_seconds double precision NOT NULL DEFAULT 0,
  ring_seconds double precision NOT NULL DEFAULT 0,
  talk_seconds double precision NOT NULL DEFAULT 0,
  hold_seconds double precision NOT NULL DEFAULT 0,
  wrap_up_seconds double precision NOT NULL DEFAULT 0,
  transferred double precision NOT NULL DEFAULT 0,
  resolution_known double precision NOT NULL DEFAULT 0,
  resolved_first_contact double precision NOT NULL DEFAULT 0,
  logged_in_seconds double precision NOT NULL DEFAULT 0,
  available_seconds double precision NOT NULL DEFAULT 0,
  not_ready_seconds double precision NOT NULL DEFAULT 0,
  ringing_seconds double precision NOT NULL DEFAULT 0,
  on_call_seconds double precision NOT NULL DEFAULT 0,
  after_call_seconds double precision NOT NULL DEFAULT 0,
  outbound_seconds double precision NOT NULL DEFAULT 0,
  scheduled_seconds double precision NOT NULL DEFAULT 0,
  qa_score_sum double precision NOT NULL DEFAULT 0,
  qa_evaluations double precision NOT NULL DEFAULT 0,
  leavers double precision NOT NULL DEFAULT 0,
  headcount_days double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (day, queue_id, agent_id, team_id)
);
CREATE INDEX day_tallies_agent ON day_tallies (agent_id, day);
CREATE INDEX day_tallies_team ON day_tallies (team_id, day);

INSERT INTO day_tallies (day, queue_id, agent_id, team_id, offered, answered, answered_within_threshold, abandoned, abandoned_short, blocked, overflowed, forwarded, callbacks_requested, callbacks_completed, queued, answer_wait_seconds, abandon_wait_seconds, queue_seconds, ring_seconds, talk_seconds, hold_seconds, wrap_up_seconds, transferred, resolution_known, resolved_first_contact, logged_in_seconds, available_seconds, not_ready_seconds, ringing_seconds, on_call_seconds, after_call_seconds, outbound_seconds, scheduled_seconds, qa_score_sum, qa_evaluations, leavers, headcount_days)
SELECT (t.interval_start AT TIME ZONE c.time_zone)::date, t.queue_id, t.agent_id, t.team_id, sum(t.offered), sum(t.answered), sum(t.answered_within_threshold), sum(t.abandoned), sum(t.abandoned_short), sum(t.blocked), sum(t.overflowed), sum(t.forwarded), sum(t.callbacks_requested), sum(t.callbacks_completed), sum(t.queued), sum(t.answer_wait_seconds), sum(t.abandon_wait_seconds), sum(t.queue_seconds), sum(t.ring_seconds), sum(t.talk_seconds), sum(t.hold_seconds), sum(t.wrap_up_seconds), sum(t.transferred), sum(t.resolution_known), sum(t.resolved_first_contact), sum(t.logged_in_seconds), sum(t.available_seconds), sum(t.not_ready_seconds), sum(t.ringing_seconds), sum(t.on_call_seconds), sum(t.after_call_seconds), sum(t.outbound_seconds), sum(t.scheduled_seconds), sum(t.qa_score_sum), sum(t.qa_evaluations), sum(t.leavers), sum(t.headcount_days)
FROM interval_tallies t CROSS JOIN (SELECT time_zone FROM centers ORDER BY created_at LIMIT 1) c
GROUP BY 1, 2, 3, 4;
