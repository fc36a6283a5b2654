-- revision: c00067
-- down_revision: (none)
-- message: adding-primary-key-constraint safe_using_index.sql
-- transactional: true
-- +upgrade
ALTER TABLE legacy_imports ADD CONSTRAINT legacy_imports_pkey PRIMARY KEY USING INDEX legacy_imports_id_key;
-- +downgrade
ALTER TABLE legacy_imports DROP CONSTRAINT legacy_imports_pkey;
