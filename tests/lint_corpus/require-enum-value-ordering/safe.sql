-- revision: c00044
-- down_revision: (none)
-- message: require-enum-value-ordering safe.sql
-- transactional: false
-- +upgrade
ALTER TYPE ticket_status ADD VALUE 'escalated' AFTER 'open';
-- +downgrade
SELECT 1;
