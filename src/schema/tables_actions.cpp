#include <string>
#include <utility>

#include "kit/enums.hpp"
#include "model/actions/action.hpp"
#include "schema/builder.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

namespace {

// The wire names of a declared enumeration (model/actions/action.hpp), as the CHECK lists them.
template <class E>
std::vector<std::string> names() {
  const auto& wire = kit::kWireNames<E>;
  return {wire.begin(), wire.end()};
}

}  // namespace

std::vector<Table> actions() {
  namespace m = model::actions;
  TableBuilder t("actions",
                 "The unified CAPA register: corrective, preventive and improvement actions");
  t.id();
  t.reference_number("ACT");
  t.text("title", kRequired, 300);
  t.text("description", kRequired, 20000);
  t.enumeration("action_type", names<m::ActionType>(), kRequired, "corrective");
  t.enumeration("priority", names<m::ActionPriority>(), kRequired, "medium");
  t.enumeration("status", names<m::ActionStatus>(), kRequired, "open");
  // The source record (finding, incident, risk, complaint, ...) as a typed link, so actions can be
  // traced and reported by where they came from: exactly one is set. Sources are evidence and are
  // archived, never deleted, so RESTRICT.
  t.reference("finding_id", "audit_findings", FkAction::kRestrict, kOptional);
  t.reference("incident_id", "incidents", FkAction::kRestrict, kOptional);
  t.reference("risk_id", "risks", FkAction::kRestrict, kOptional);
  t.reference("complaint_id", "complaints", FkAction::kRestrict, kOptional);
  t.reference("collision_id", "road_traffic_collisions", FkAction::kRestrict, kOptional);
  t.reference("policy_id", "policies", FkAction::kRestrict, kOptional);
  t.reference("management_review_id", "management_reviews", FkAction::kRestrict, kOptional,
              "The management review whose output raised it (ISO 9.3.3)");
  t.check("one_source",
          "num_nonnulls(finding_id, incident_id, risk_id, complaint_id, collision_id, policy_id, "
          "management_review_id) = 1");
  t.user_ref("owner_id", kOptional);
  t.date("due_date", kOptional);
  t.timestamptz("completed_at", kOptional, std::nullopt,
                "Implementation done, awaiting verification");
  t.text("completion_notes", kOptional);
  t.user_ref("completed_by_id", kOptional, "Whoever completed it may not verify it");
  t.check("completed_by", "completed_by_id IS NULL OR completed_at IS NOT NULL");
  t.timestamptz("verified_at", kOptional);
  t.user_ref("verified_by_id", kOptional);
  t.check("verified", "(verified_at IS NULL) = (verified_by_id IS NULL)");
  // Verified means verified by someone (stamped by the move to verified, withdrawn by a reopen),
  // never by the person who completed it.
  t.check("verified_status", "(status = 'verified') = (verified_at IS NOT NULL)");
  t.check("verifier", "verified_by_id <> completed_by_id");
  t.text("verification_notes", kOptional);
  t.date("effectiveness_review_date", kOptional, "When to check that the action worked");
  t.column("is_effective", "boolean", kOptional, std::nullopt, "NULL until reviewed");
  t.text("effectiveness_notes", kOptional);
  t.timestamptz("effectiveness_reviewed_at", kOptional);
  t.user_ref("effectiveness_reviewed_by_id", kOptional);
  t.check("effectiveness_reviewed",
          "(effectiveness_reviewed_at IS NULL) = (effectiveness_reviewed_by_id IS NULL)");
  t.timestamptz("cancelled_at", kOptional);
  t.user_ref("cancelled_by_id", kOptional);
  t.text("cancellation_reason", kOptional, 2000);
  t.check("cancelled", "(status = 'cancelled') = (cancelled_at IS NOT NULL)");
  t.archivable();
  t.standard_columns();
  t.index("status", {"status"});
  t.index("owner_id_status", {"owner_id", "status"});
  t.index("created_at", {"created_at"});
  t.index("due_date_open", {"due_date"}, "status IN ('open', 'in_progress')");
  return {std::move(t).build(),
          // A residual assessment's reliance on actions (the risk's treatment plan): written with
          // the assessment, never changed (the assessment is immutable).
          build::link_table("risk_assessment_actions",
                            "Actions a risk assessment's residual rating relied on",
                            "assessment_id", "risk_assessments", FkAction::kCascade, "action_id",
                            "actions", FkAction::kRestrict)};
}

std::vector<Table> attachments() {
  TableBuilder t("attachments",
                 "Metadata of uploaded files (the bytes live in object storage under storage_key)");
  t.id();
  t.text("file_name", kRequired, 255);
  t.text("content_type", kRequired, 0, "MIME type");
  t.check("content_type",
          "content_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$' AND "
          "char_length(content_type) <= 255");
  t.column("size_bytes", "bigint", kRequired);
  t.check("size_bytes", "size_bytes > 0");
  t.text("sha256", kRequired, 0, "Hex SHA-256 of the content, for integrity evidence");
  t.check("sha256", "sha256 ~ '^[0-9a-f]{64}$'");
  t.text("storage_key", kRequired, 1024);
  t.text("description", kOptional, 2000);
  t.user_ref("uploaded_by_id", kRequired);
  t.timestamptz("uploaded_at", kRequired, "now()");
  // The owning record: exactly one is set. Owners are evidence, so RESTRICT.
  t.reference("incident_id", "incidents", FkAction::kRestrict, kOptional);
  t.reference("collision_id", "road_traffic_collisions", FkAction::kRestrict, kOptional);
  t.reference("complaint_id", "complaints", FkAction::kRestrict, kOptional);
  t.reference("risk_id", "risks", FkAction::kRestrict, kOptional);
  t.reference("policy_id", "policies", FkAction::kRestrict, kOptional);
  t.reference("run_id", "audit_runs", FkAction::kRestrict, kOptional);
  t.reference("response_id", "audit_responses", FkAction::kRestrict, kOptional,
              "Photo or signature answer");
  t.reference("finding_id", "audit_findings", FkAction::kRestrict, kOptional);
  t.reference("action_id", "actions", FkAction::kRestrict, kOptional);
  t.check("one_owner",
          "num_nonnulls(incident_id, collision_id, complaint_id, risk_id, policy_id, run_id, "
          "response_id, finding_id, action_id) = 1");
  t.archivable();
  t.standard_columns();
  t.unique({"storage_key"});
  t.index("sha256", {"sha256"});
  return {std::move(t).build()};
}

}  // namespace qgp::schema::tables
