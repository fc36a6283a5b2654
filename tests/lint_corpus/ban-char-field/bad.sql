-- revision: c00004
-- down_revision: (none)
-- message: ban-char-field bad.sql
-- transactional: true
-- +upgrade
CREATE TABLE countries ( -- expect: ban-char-field
  code char(2) PRIMARY KEY,
  name text NOT NULL
);
-- +downgrade
DROP TABLE countries;
