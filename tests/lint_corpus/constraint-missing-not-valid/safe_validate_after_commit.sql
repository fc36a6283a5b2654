-- revision: c00091
-- down_revision: (none)
-- message: constraint-missing-not-valid safe_validate_after_commit.sql
-- transactional: false
-- +upgrade
BEGIN;
ALTER TABLE findings ADD CONSTRAINT findings_grade_check CHECK (grade IN ('minor', 'major')) NOT VALID;
COMMIT;
ALTER TABLE findings VALIDATE CONSTRAINT findings_grade_check;
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_grade_check;
