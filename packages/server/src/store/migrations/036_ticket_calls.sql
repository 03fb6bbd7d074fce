-- The calls about a ticket (工单): the one it was accepted from and every later one linked to it.
-- A call linked while the ticket was still open is a repeat contact (`repeat`): the reports count
-- neither it nor the ticket's earlier calls as first-contact resolution.

CREATE TABLE ticket_calls (
  ticket_id uuid NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  call_id text NOT NULL,
  linked_at timestamptz NOT NULL,
  user_id text REFERENCES users (id) ON DELETE SET NULL,
  repeat boolean NOT NULL,
  PRIMARY KEY (ticket_id, call_id)
);
CREATE INDEX ticket_calls_call ON ticket_calls (call_id);

INSERT INTO ticket_calls (ticket_id, call_id, linked_at, user_id, repeat)
SELECT id, call_id, created_at, owner_id, false FROM tickets WHERE call_id IS NOT NULL;
