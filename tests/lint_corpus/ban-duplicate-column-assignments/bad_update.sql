-- revision: c00040
-- down_revision: (none)
-- message: ban-duplicate-column-assignments bad_update.sql
-- transactional: true
-- +upgrade
UPDATE users SET status = 'active', status = 'enabled' WHERE status = 'new'; -- expect: ban-duplicate-column-assignments
-- +downgrade
UPDATE users SET status = 'new' WHERE status = 'enabled';
