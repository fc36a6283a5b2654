-- revision: c00032
-- down_revision: (none)
-- message: ban-drop-database safe.sql
-- transactional: true
-- +upgrade
COMMENT ON TABLE reports IS 'DROP DATABASE scratch_reports; was run by hand in 2026';
-- +downgrade
COMMENT ON TABLE reports IS NULL;
