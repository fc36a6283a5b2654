-- revision: c00090
-- down_revision: (none)
-- message: constraint-missing-not-valid bad_validate_same_transaction.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_grade_check CHECK (grade IN ('minor', 'major')) NOT VALID;
ALTER TABLE findings VALIDATE CONSTRAINT findings_grade_check; -- expect: constraint-missing-not-valid
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_grade_check;
