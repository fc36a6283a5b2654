-- revision: c00042
-- down_revision: (none)
-- message: ban-duplicate-column-assignments safe.sql
-- transactional: true
-- +upgrade
UPDATE users SET status = 'active', updated_at = now() WHERE status = 'new';
INSERT INTO settings (key, value) VALUES ('a', 'b') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
-- +downgrade
DELETE FROM settings WHERE key = 'a';
UPDATE users SET status = 'new' WHERE status = 'active';
