#pragma once

// Audit findings: the one declaration of what a finding is (ADR-0010). Parsing, rendering, the
// OpenAPI components, list parameters, the store's SQL and row mapping, the audit change set and
// the declared schema's columns all come from here.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"

namespace qgp::model::audits {

QGP_KIT_ENUM(FindingGrade, kMajorNonconformity, kMinorNonconformity, kObservation,
             kOpportunityForImprovement)
QGP_KIT_ENUM(FindingStatus, kOpen, kInProgress, kPendingVerification, kClosed)

// Nonconformities (major and minor) need closure notes and are what certification bodies count.
constexpr bool is_nonconformity(FindingGrade grade) {
  return grade == FindingGrade::kMajorNonconformity || grade == FindingGrade::kMinorNonconformity;
}

struct Finding : kit::Record {
  std::string reference_number;
  std::int64_t run_id = 0;
  std::string run_reference_number;
  std::optional<std::int64_t> question_id;
  std::optional<std::int64_t> response_id;
  std::string title;
  std::string description;
  FindingGrade grade{};
  FindingStatus status = FindingStatus::kOpen;
  std::vector<FindingStatus> allowed_transitions;
  bool is_auto_created = false;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<kit::Date> due_date;
  std::optional<kit::Timestamp> verified_at;
  std::optional<std::int64_t> verified_by_id;
  std::optional<std::string> verification_notes;
  std::optional<kit::Timestamp> closed_at;
  std::optional<std::int64_t> closed_by_id;
  std::optional<std::string> closure_notes;
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
  std::vector<std::int64_t> risk_ids;
  std::vector<std::int64_t> action_ids;
};

constexpr auto describe(kit::Tag<Finding> /*unused*/) {
  using kit::field;
  using kit::OnDelete;
  using F = Finding;
  return kit::record_resource<F>(
             {.name = "Finding",
              .noun = "finding",
              .entity = "audit_finding",
              .table = "audit_findings",
              .alias = "f",
              .joins = "JOIN audit_runs r ON r.id = f.run_id",
              .where = "f.archived_at IS NULL",
              .order = "f.created_at DESC",
              .path = "/api/v1/audits/findings"},
             field("reference_number", &F::reference_number).server().sort().search(),
             field("run_id", &F::run_id)
                 .create_only()
                 .filter()
                 .references("audit_runs", OnDelete::kRestrict),
             field("run_reference_number", &F::run_reference_number)
                 .expression("r.reference_number"),
             field("question_id", &F::question_id)
                 .create_only()
                 .references("audit_questions", OnDelete::kSetNull),
             field("response_id", &F::response_id)
                 .server()
                 .references("audit_responses", OnDelete::kSetNull)
                 .describe("The answer that triggered an auto-created finding"),
             field("title", &F::title).text(1, 300).sort().search(),
             field("description", &F::description).text(1, 10000).search(),
             field("grade", &F::grade).filter().sort(),
             field("status", &F::status)
                 .server()
                 .as(kit::Role::kStatus)
                 .filter()
                 .sort()
                 .db_default(),
             field("allowed_transitions", &F::allowed_transitions)
                 .computed()
                 .as(kit::Role::kTransitions)
                 .describe("The statuses you may move this finding to now"),
             field("is_auto_created", &F::is_auto_created).server(),
             field("assigned_to_id", &F::assigned_to_id).filter().user(),
             field("due_date", &F::due_date).sort(), field("verified_at", &F::verified_at).server(),
             field("verified_by_id", &F::verified_by_id).server().user(),
             field("verification_notes", &F::verification_notes).server(),
             field("closed_at", &F::closed_at).server(),
             field("closed_by_id", &F::closed_by_id).server(),
             field("closure_notes", &F::closure_notes).server(),
             field("clause_ids", &F::clause_ids)
                 .linked("finding_clauses", "finding_id", "clause_id")
                 .filter(),
             field("control_ids", &F::control_ids)
                 .linked("finding_controls", "finding_id", "control_id")
                 .filter(),
             field("risk_ids", &F::risk_ids)
                 .linked("finding_risks", "finding_id", "risk_id")
                 .filter(),
             field("action_ids", &F::action_ids)
                 .expression("(SELECT string_agg(x.id::text, ',' ORDER BY x.id) FROM actions x "
                             "WHERE x.finding_id = f.id AND x.archived_at IS NULL)")
                 .describe("The actions raised from this finding (POST /actions with finding_id); "
                           "when all that are not cancelled are verified, the finding moves to "
                           "pending_verification by itself"))
      .with_filters(kit::Filter{
          .name = "overdue",
          .kind = kit::FilterKind::kFlag,
          .sql = "f.due_date < (now() AT TIME ZONE 'UTC')::date AND f.status <> 'closed'",
          .doc = "true: only findings past their due date and not closed"});
}

namespace finding_flow {
constexpr bool always(const Finding& /*unused*/) {
  return true;
}
constexpr bool graded_nonconformity(const Finding& finding) {
  return is_nonconformity(finding.grade);
}
// Closing is verification: who verified, when, and what was verified.
inline void verify(Finding& finding, const core::Actor& actor,
                   const std::optional<std::string>& note) {
  finding.verified_at = kit::Timestamp::now();
  finding.verified_by_id = actor.user_id;
  finding.verification_notes = note;
  finding.closure_notes = note;
}
// Reopening withdraws the verification (its notes stay as history).
inline void reopen(Finding& finding, const core::Actor& /*actor*/,
                   const std::optional<std::string>& /*note*/) {
  finding.verified_at = std::nullopt;
  finding.verified_by_id = std::nullopt;
  finding.closure_notes = std::nullopt;
}
}  // namespace finding_flow

constexpr auto workflow(kit::Tag<Finding> /*unused*/) {
  using S = FindingStatus;
  using E = kit::Edge<Finding, S>;
  constexpr std::string_view kWrite = "findings:write";
  return kit::Workflow<Finding, S, 6>{
      .status = &Finding::status,
      .edges = {E{.from = S::kOpen, .to = S::kInProgress, .permission = kWrite},
                E{.from = S::kOpen, .to = S::kPendingVerification, .permission = kWrite},
                E{.from = S::kInProgress, .to = S::kPendingVerification, .permission = kWrite},
                E{.from = S::kPendingVerification, .to = S::kInProgress, .permission = kWrite},
                E{.from = S::kPendingVerification,
                  .to = S::kClosed,
                  .permission = "findings:verify",
                  .needs_note = finding_flow::graded_nonconformity,
                  .note_rule =
                      "closing a nonconformity needs closure notes: what was done and verified",
                  .effect = finding_flow::verify},
                E{.from = S::kClosed,
                  .to = S::kOpen,
                  .permission = kWrite,
                  .needs_note = finding_flow::always,
                  .note_rule = "reopening a finding needs a note saying why",
                  .effect = finding_flow::reopen}},
      .closed = S::kClosed,
      .closed_at = &Finding::closed_at,
      .closed_by_id = &Finding::closed_by_id};
}

}  // namespace qgp::model::audits
