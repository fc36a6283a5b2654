-- revision: nn0003
-- down_revision: nn0002
-- message: adding-not-nullable-field safe_later_revision 20260101_000003_nn0003_set_not_null.sql
-- transactional: true
-- +upgrade
ALTER TABLE incidents ALTER COLUMN reported_by SET NOT NULL;
ALTER TABLE incidents DROP CONSTRAINT incidents_reported_by_nn;
-- +downgrade
ALTER TABLE incidents ADD CONSTRAINT incidents_reported_by_nn CHECK (reported_by IS NOT NULL) NOT VALID;
ALTER TABLE incidents ALTER COLUMN reported_by DROP NOT NULL;
