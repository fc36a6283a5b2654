-- revision: c00002
-- down_revision: (none)
-- message: adding-stored-generated-column safe_new_table.sql
-- transactional: true
-- +upgrade
CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  quantity bigint NOT NULL,
  price_cents bigint NOT NULL
);
ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (quantity * price_cents) STORED;
-- +downgrade
DROP TABLE orders;
