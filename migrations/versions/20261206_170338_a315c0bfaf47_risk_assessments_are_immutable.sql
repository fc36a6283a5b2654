-- revision: a315c0bfaf47
-- down_revision: bf5b59926bed
-- message: risk assessments are immutable
-- transactional: true
-- +upgrade
-- add trigger trg_risk_assessments_immutable on risk_assessments
CREATE TRIGGER trg_risk_assessments_immutable BEFORE UPDATE ON public.risk_assessments FOR EACH ROW EXECUTE FUNCTION public.qgp_audit_log_append_only();
-- +downgrade
-- drop trigger trg_risk_assessments_immutable on risk_assessments
DROP TRIGGER trg_risk_assessments_immutable ON public.risk_assessments;
