-- A team's month of shifts (issue 15): generated as a draft, then published for the agents to see.
CREATE TABLE wfm_rosters (
  team_id text NOT NULL REFERENCES teams (id),
  -- YYYY-MM in the center's calendar
  month text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'published')),
  -- the shift templates it was built from: [{"name","start","end","cost"?}]
  shift_templates jsonb NOT NULL,
  -- intervals the people and rules could not cover: [{"start","required","scheduled"}]
  short jsonb NOT NULL DEFAULT '[]',
  generated_at timestamptz NOT NULL,
  generated_by text REFERENCES users (id),
  published_at timestamptz,
  published_by text REFERENCES users (id),
  PRIMARY KEY (team_id, month)
);

CREATE TABLE wfm_roster_shifts (
  team_id text NOT NULL,
  month text NOT NULL,
  user_id text NOT NULL REFERENCES users (id),
  date date NOT NULL,
  shift text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, date),
  FOREIGN KEY (team_id, month) REFERENCES wfm_rosters (team_id, month) ON DELETE CASCADE
);
CREATE INDEX wfm_roster_shifts_month ON wfm_roster_shifts (team_id, month);
