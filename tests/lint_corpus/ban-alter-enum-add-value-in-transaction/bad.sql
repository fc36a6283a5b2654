-- revision: c00073
-- down_revision: (none)
-- message: ban-alter-enum-add-value-in-transaction bad.sql
-- transactional: true
-- +upgrade
ALTER TYPE ticket_status ADD VALUE 'escalated' AFTER 'open'; -- expect: ban-alter-enum-add-value-in-transaction
UPDATE tickets SET status = 'escalated' WHERE status = 'open' AND overdue;
-- +downgrade
UPDATE tickets SET status = 'open' WHERE status = 'escalated';
