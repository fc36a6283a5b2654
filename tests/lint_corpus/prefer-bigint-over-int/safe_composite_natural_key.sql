-- revision: c00010
-- down_revision: (none)
-- message: prefer-bigint-over-int safe_composite_natural_key.sql
-- transactional: true
-- +upgrade
CREATE TABLE reference_counters (
  prefix text NOT NULL,
  year integer NOT NULL,
  last_value bigint DEFAULT 0 NOT NULL,
  PRIMARY KEY (prefix, year)
);
-- +downgrade
DROP TABLE reference_counters;
