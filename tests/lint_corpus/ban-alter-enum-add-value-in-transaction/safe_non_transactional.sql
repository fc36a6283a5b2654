-- revision: c00074
-- down_revision: (none)
-- message: ban-alter-enum-add-value-in-transaction safe_non_transactional.sql
-- transactional: false
-- +upgrade
ALTER TYPE ticket_status ADD VALUE 'escalated' AFTER 'open';
-- +downgrade
SELECT 1;
