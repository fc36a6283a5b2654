-- revision: c00057
-- down_revision: (none)
-- message: constraint-missing-not-valid bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_grade_check CHECK (grade IN ('minor', 'major')); -- expect: constraint-missing-not-valid
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_grade_check;
