-- revision: c00030
-- down_revision: (none)
-- message: irreversible-destructive-upgrade safe.sql
-- transactional: true
-- +upgrade
-- qgp-lint: allow ban-drop-column reason: unused since release 3, archived in legacy_codes
ALTER TABLE users DROP COLUMN legacy_code; -- expect: ban-drop-column (waived)
-- +downgrade
ALTER TABLE users ADD COLUMN legacy_code text;
UPDATE users u SET legacy_code = l.code FROM legacy_codes l WHERE l.user_id = u.id;
