-- revision: c00060
-- down_revision: (none)
-- message: adding-foreign-key-constraint bad.sql
-- transactional: true
-- +upgrade
ALTER TABLE findings ADD CONSTRAINT findings_run_fk FOREIGN KEY (run_id) REFERENCES audit_runs (id); -- expect: adding-foreign-key-constraint
-- +downgrade
ALTER TABLE findings DROP CONSTRAINT findings_run_fk;
