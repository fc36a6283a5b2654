-- revision: c00041
-- down_revision: (none)
-- message: ban-duplicate-column-assignments bad_insert.sql
-- transactional: true
-- +upgrade
INSERT INTO settings (key, value, key) VALUES ('a', 'b', 'c'); -- expect: ban-duplicate-column-assignments
-- +downgrade
DELETE FROM settings WHERE key = 'a';
