-- revision: c00046
-- down_revision: (none)
-- message: adding-not-nullable-field bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE incidents ALTER COLUMN reported_by SET NOT NULL; -- expect: adding-not-nullable-field
-- +downgrade
ALTER TABLE incidents ALTER COLUMN reported_by DROP NOT NULL;
