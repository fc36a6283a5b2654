-- revision: nn0001
-- down_revision: (none)
-- message: adding-not-nullable-field safe_later_revision 20260101_000001_nn0001_check.sql
-- transactional: true
-- +upgrade
ALTER TABLE incidents ADD CONSTRAINT incidents_reported_by_nn CHECK (reported_by IS NOT NULL) NOT VALID;
-- +downgrade
ALTER TABLE incidents DROP CONSTRAINT incidents_reported_by_nn;
