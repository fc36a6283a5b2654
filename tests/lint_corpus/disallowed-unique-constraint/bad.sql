-- revision: c00063
-- down_revision: (none)
-- message: disallowed-unique-constraint bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email); -- expect: disallowed-unique-constraint
-- +downgrade
ALTER TABLE users DROP CONSTRAINT users_email_key;
