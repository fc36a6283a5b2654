-- revision: c00005
-- down_revision: (none)
-- message: ban-char-field bad_alter.sql
-- transactional: true
-- +upgrade
ALTER TABLE sites ADD COLUMN country character(2); -- expect: ban-char-field
-- +downgrade
ALTER TABLE sites DROP COLUMN country;
