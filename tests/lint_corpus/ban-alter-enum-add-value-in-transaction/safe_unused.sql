-- revision: c00075
-- down_revision: (none)
-- message: ban-alter-enum-add-value-in-transaction safe_unused.sql
-- transactional: true
-- +upgrade
ALTER TYPE ticket_status ADD VALUE 'escalated' AFTER 'open';
-- +downgrade
SELECT 1;
