-- revision: c00029
-- down_revision: (none)
-- message: irreversible-destructive-upgrade bad_truncate.sql
-- transactional: true
-- +upgrade
TRUNCATE login_attempts; -- expect: irreversible-destructive-upgrade
-- +downgrade
DO $$ BEGIN RAISE EXCEPTION 'cannot bring the attempts back'; END $$;
