-- revision: 05a436b6c927
-- down_revision: 9788dfcac654
-- message: login attempts pending outcome
-- transactional: true
-- +upgrade
-- Logins reserve a `pending` attempt before the slow password comparison and settle it after, so
-- parallel guesses cannot all pass the throttle (ADR-0005).
-- drop check constraint login_attempts.login_attempts_failure_reason_check
ALTER TABLE public.login_attempts DROP CONSTRAINT login_attempts_failure_reason_check;
-- add check constraint login_attempts.login_attempts_failure_reason_check
ALTER TABLE public.login_attempts ADD CONSTRAINT login_attempts_failure_reason_check CHECK (failure_reason IN ('unknown_user', 'bad_password', 'disabled', 'locked', 'throttled', 'pending')) NOT VALID;
ALTER TABLE public.login_attempts VALIDATE CONSTRAINT login_attempts_failure_reason_check;
-- comment on column login_attempts.failure_reason
COMMENT ON COLUMN public.login_attempts.failure_reason IS 'pending: reserved before the password is compared, settled after it';
-- +downgrade
-- drop check constraint login_attempts.login_attempts_failure_reason_check
ALTER TABLE public.login_attempts DROP CONSTRAINT login_attempts_failure_reason_check;
-- Attempts still pending (in flight, or cut off by a crash) stay counted against the throttle.
UPDATE public.login_attempts SET failure_reason = 'bad_password' WHERE failure_reason = 'pending';
-- add check constraint login_attempts.login_attempts_failure_reason_check
ALTER TABLE public.login_attempts ADD CONSTRAINT login_attempts_failure_reason_check CHECK ((failure_reason = ANY (ARRAY['unknown_user'::text, 'bad_password'::text, 'disabled'::text, 'locked'::text, 'throttled'::text]))) NOT VALID;
ALTER TABLE public.login_attempts VALIDATE CONSTRAINT login_attempts_failure_reason_check;
-- comment on column login_attempts.failure_reason
COMMENT ON COLUMN public.login_attempts.failure_reason IS NULL;
