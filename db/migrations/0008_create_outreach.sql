-- Figures staff import from the campaign's other channels (spots, posts, paid media, e-mail, SMS, INETEL),
-- as the quarterly reports print them. Empty text is '' (not NULL) so the natural keys compare; a value the
-- report does not give is NULL, never 0. Printed totals are kept as rows flagged is_reported_total = 1 and
-- are never added to the detail.

-- One figure of one campaign item. The key is the contract's (period, channel, platform, item, date, metric)
-- plus the link: the 2022 report lists two Instagram posts with the same text and day, told apart by link.
CREATE TABLE outreach_figures (
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  area TEXT NOT NULL,
  channel TEXT NOT NULL,
  platform TEXT NOT NULL,
  item TEXT NOT NULL,
  format TEXT NOT NULL,
  date TEXT NOT NULL,
  date_end TEXT NOT NULL,
  segment TEXT NOT NULL,
  link TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL,
  value_qualifier TEXT NOT NULL,
  is_reported_total INTEGER NOT NULL CHECK (is_reported_total IN (0, 1)),
  source TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (period_start, period_end, channel, platform, item, date, metric, link)
) STRICT;

-- INETEL outbound calls by outcome.
CREATE TABLE outreach_inetel_calls (
  process TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  call_type TEXT NOT NULL,
  entity TEXT NOT NULL,
  outcome TEXT NOT NULL,
  outcome_label_es TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  is_reported_total INTEGER NOT NULL CHECK (is_reported_total IN (0, 1)),
  source TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (period_start, period_end, call_type, entity, outcome)
) STRICT;

-- INETEL inbound contacts by subject, and within it by topic, origin or channel.
CREATE TABLE outreach_inetel_contacts (
  process TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  subject TEXT NOT NULL,
  dimension TEXT NOT NULL,
  category TEXT NOT NULL,
  category_label_es TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  unit TEXT NOT NULL,
  is_reported_total INTEGER NOT NULL CHECK (is_reported_total IN (0, 1)),
  source TEXT NOT NULL,
  note TEXT NOT NULL,
  PRIMARY KEY (period_start, period_end, subject, dimension, category)
) STRICT;
