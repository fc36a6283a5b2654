-- revision: ct1001
-- down_revision: (none)
-- message: changing-column-type safe_binary_coercible 20260101_000001_ct1001_create.sql
-- transactional: true
-- +upgrade
CREATE TABLE invoices ( -- expect: prefer-text-field
  id bigint PRIMARY KEY,
  reference varchar(40) NOT NULL,
  amount numeric(10, 2) NOT NULL
);
-- +downgrade
DROP TABLE invoices;
