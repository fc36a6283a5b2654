-- revision: c00028
-- down_revision: (none)
-- message: irreversible-destructive-upgrade bad.sql
-- transactional: true
-- +upgrade
-- qgp-lint: allow ban-drop-column reason: unused since release 3, archived in legacy_codes
ALTER TABLE users DROP COLUMN legacy_code; -- expect: irreversible-destructive-upgrade -- expect: ban-drop-column (waived)
-- +downgrade
DO $$
BEGIN
  RAISE EXCEPTION 'users.legacy_code is gone for good';
END
$$;
