-- revision: 912cabe96258
-- down_revision: 05a436b6c927
-- message: application role privileges
-- transactional: true
-- +upgrade
-- The service connects as a member of qgp_app, a role that owns nothing (ADR-0008): it may read and
-- write the application's tables, only read and append the audit trail, and only read the
-- migration engine's bookkeeping. Roles belong to the cluster: create it once, grant per database.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'qgp_app') THEN
    CREATE ROLE qgp_app NOLOGIN;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO qgp_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO qgp_app;
REVOKE UPDATE, DELETE ON public.audit_log FROM qgp_app;
REVOKE INSERT, UPDATE, DELETE ON public.qgp_schema_version, public.qgp_schema_history FROM qgp_app;
-- Tables later revisions create (as this same migrating role) get the same DML grants; one that
-- must be append-only revokes what it must in its own revision.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO qgp_app;
-- +downgrade
-- Every grant goes; the role stays, since other databases of the cluster may still use it.
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM qgp_app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM qgp_app;
REVOKE USAGE ON SCHEMA public FROM qgp_app;
