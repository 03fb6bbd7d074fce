-- Failed logins per account and per address (issue 21): enough failures within the window lock the
-- key for a while. Kept in the store so a restart forgets nothing and several nodes count together.
CREATE TABLE login_throttle (
  -- 'account:<username, lower case>' or 'address:<client address>'
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);
