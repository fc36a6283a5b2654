-- revision: c00009
-- down_revision: (none)
-- message: prefer-bigint-over-int safe.sql
-- transactional: true
-- +upgrade
CREATE TABLE tickets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  priority integer NOT NULL
);
-- +downgrade
DROP TABLE tickets;
