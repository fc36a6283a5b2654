-- revision: c00003
-- down_revision: (none)
-- message: adding-stored-generated-column safe_plain_column.sql
-- transactional: true
-- +upgrade
ALTER TABLE orders ADD COLUMN total_cents bigint;
-- +downgrade
ALTER TABLE orders DROP COLUMN total_cents;
