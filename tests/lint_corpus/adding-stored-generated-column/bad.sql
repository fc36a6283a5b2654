-- revision: c00001
-- down_revision: (none)
-- message: adding-stored-generated-column bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED; -- expect: adding-stored-generated-column
-- +downgrade
ALTER TABLE orders DROP COLUMN total_cents;
