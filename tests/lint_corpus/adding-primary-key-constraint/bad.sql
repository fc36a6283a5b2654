-- revision: c00066
-- down_revision: (none)
-- message: adding-primary-key-constraint bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE legacy_imports ADD PRIMARY KEY (id); -- expect: adding-primary-key-constraint
-- +downgrade
ALTER TABLE legacy_imports DROP CONSTRAINT legacy_imports_pkey;
