-- revision: c00007
-- down_revision: (none)
-- message: prefer-bigint-over-int bad_identity.sql
-- transactional: true
-- +upgrade
CREATE TABLE tickets ( -- expect: prefer-bigint-over-int
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL
);
-- +downgrade
DROP TABLE tickets;
