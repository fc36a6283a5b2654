-- revision: c00019
-- down_revision: (none)
-- message: ban-alter-domain-with-add-constraint safe_not_valid.sql
-- transactional: true
-- +upgrade
ALTER DOMAIN percent ADD CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100) NOT VALID;
-- +downgrade
ALTER DOMAIN percent DROP CONSTRAINT percent_range;
