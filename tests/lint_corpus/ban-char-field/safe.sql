-- revision: c00006
-- down_revision: (none)
-- message: ban-char-field safe.sql
-- transactional: true
-- +upgrade
CREATE TABLE countries (
  code text PRIMARY KEY CHECK (char_length(code) = 2),
  name text NOT NULL
);
-- +downgrade
DROP TABLE countries;
