-- Admission by breadth (issue 29): a new referrer host, campaign or missing path gets its own row in
-- metric_daily_keys only once it was sent from 2 distinct networks (IPv4 /24, IPv6 /48) that day, so a
-- flood from one network cannot take the day's 500 places before a real value arrives. Both tables hold
-- only the day being counted: the hourly retention deletes their rows when it closes the day.

-- Which networks vouched for a value not yet admitted (a network is the daily-salted hash of its prefix,
-- unreadable once the salt is gone). Its rows per (day, dimension, network) are that network's budget
-- of new values: 25 a day per dimension.
CREATE TABLE metric_key_networks (
  day TEXT NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  network TEXT NOT NULL,
  PRIMARY KEY (day, dimension, key, network)
) STRICT, WITHOUT ROWID;
CREATE INDEX metric_key_networks_budget ON metric_key_networks (day, dimension, network);

-- What a vouched-for value counted while waiting: these counts are also in the day's '(other)' row, and
-- move from it to the value's own row when the value is admitted.
CREATE TABLE metric_pending_keys (
  day TEXT NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (day, dimension, key)
) STRICT, WITHOUT ROWID;
