#pragma once

// The unified actions (CAPA) register, declared once (ADR-0010, ADR-0013): a corrective,
// preventive or improvement action raised from one source record, its workflow open ->
// in_progress -> completed -> verified (or cancelled with a reason; reopened with a note), the
// verification by someone other than the person who completed it, and the effectiveness review
// a corrective action of a major nonconformity needs before it is verified.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"

namespace qgp::model::actions {

// In the order of the columns' CHECK lists (the declared schema reads them from here).
QGP_KIT_ENUM(ActionType, kCorrective, kPreventive, kImprovement)
QGP_KIT_ENUM(ActionPriority, kCritical, kHigh, kMedium, kLow)
QGP_KIT_ENUM(ActionStatus, kOpen, kInProgress, kCompleted, kVerified, kCancelled)
// Where an action comes from: the one source column that is set.
QGP_KIT_ENUM(ActionSource, kFinding, kRisk, kIncident, kComplaint, kCollision, kPolicy,
             kManagementReview)

struct Action : kit::Record {
  std::string reference_number;
  std::string title;
  std::string description;
  ActionType action_type = ActionType::kCorrective;
  ActionPriority priority = ActionPriority::kMedium;
  ActionStatus status = ActionStatus::kOpen;
  std::vector<ActionStatus> allowed_transitions;
  ActionSource source_kind{};
  std::optional<std::int64_t> finding_id;
  std::optional<std::int64_t> risk_id;
  std::optional<std::int64_t> incident_id;
  std::optional<std::int64_t> complaint_id;
  std::optional<std::int64_t> collision_id;
  std::optional<std::int64_t> policy_id;
  std::optional<std::int64_t> management_review_id;
  std::optional<std::int64_t> owner_id;
  std::optional<kit::Date> due_date;
  bool overdue = false;
  std::optional<kit::Timestamp> completed_at;
  std::optional<std::int64_t> completed_by_id;
  std::optional<std::string> completion_notes;
  std::optional<kit::Timestamp> verified_at;
  std::optional<std::int64_t> verified_by_id;
  std::optional<std::string> verification_notes;
  bool effectiveness_required = false;
  std::optional<kit::Date> effectiveness_review_date;
  std::optional<bool> is_effective;
  std::optional<std::string> effectiveness_notes;
  std::optional<kit::Timestamp> effectiveness_reviewed_at;
  std::optional<std::int64_t> effectiveness_reviewed_by_id;
  std::optional<kit::Timestamp> cancelled_at;
  std::optional<std::int64_t> cancelled_by_id;
  std::optional<std::string> cancellation_reason;
};

// Computed from the clock, never stored (the field and the list filter): past its due date and
// still open or in progress.
inline constexpr std::string_view kOverdueSql =
    "coalesce(a.status IN ('open', 'in_progress') AND a.due_date < (now() AT TIME ZONE "
    "'UTC')::date, false)";
// A corrective action raised from a major nonconformity is verified only after an effectiveness
// review found it effective (ISO 9001 / ISO 45001 10.2: review the effectiveness of corrective
// action).
inline constexpr std::string_view kEffectivenessRequiredSql =
    "coalesce(a.action_type = 'corrective' AND EXISTS (SELECT 1 FROM audit_findings sf WHERE "
    "sf.id = a.finding_id AND sf.grade = 'major_nonconformity'), false)";
inline constexpr std::string_view kSourceKindSql =
    "CASE WHEN a.finding_id IS NOT NULL THEN 'finding' WHEN a.risk_id IS NOT NULL THEN 'risk' "
    "WHEN a.incident_id IS NOT NULL THEN 'incident' WHEN a.complaint_id IS NOT NULL THEN "
    "'complaint' WHEN a.collision_id IS NOT NULL THEN 'collision' WHEN a.policy_id IS NOT NULL "
    "THEN 'policy' ELSE 'management_review' END";
// The list's "my actions": replaced by owner_id = the caller before the store sees it.
inline constexpr std::string_view kMineFilter = "mine";

constexpr auto describe(kit::Tag<Action> /*unused*/) {
  using kit::field;
  using A = Action;
  return kit::record_resource<A>(
             {.name = "Action",
              .noun = "action",
              .entity = "action",
              .table = "actions",
              .alias = "a",
              .where = "a.archived_at IS NULL",
              .order = "a.created_at DESC",
              .path = "/api/v1/actions"},
             field("reference_number", &A::reference_number).server().sort().search(),
             field("title", &A::title).text(1, 300).trimmed().sort().search(),
             field("description", &A::description).text(1, 20000).trimmed().search(),
             field("action_type", &A::action_type).defaulted().filter_any().sort(),
             field("priority", &A::priority).defaulted().filter_any().sort(),
             field("status", &A::status)
                 .server()
                 .as(kit::Role::kStatus)
                 .filter_any()
                 .sort()
                 .db_default(),
             field("allowed_transitions", &A::allowed_transitions)
                 .computed()
                 .as(kit::Role::kTransitions)
                 .describe("The statuses you may move this action to now"),
             field("source_kind", &A::source_kind)
                 .expression(kSourceKindSql)
                 .filter_any()
                 .describe("Which of the source ids is set"),
             field("finding_id", &A::finding_id)
                 .create_only()
                 .filter()
                 .describe("The audit finding that raised the action (exactly one source is set)"),
             field("risk_id", &A::risk_id)
                 .create_only()
                 .filter()
                 .describe("The risk whose treatment plan this action is part of"),
             field("incident_id", &A::incident_id).create_only().filter(),
             field("complaint_id", &A::complaint_id).create_only().filter(),
             field("collision_id", &A::collision_id).create_only().filter(),
             field("policy_id", &A::policy_id).create_only().filter(),
             field("management_review_id", &A::management_review_id)
                 .create_only()
                 .filter()
                 .describe("The management review (9.3.3 output) that raised the action"),
             field("owner_id", &A::owner_id).filter().user().describe("Who carries it out"),
             field("due_date", &A::due_date).sort(),
             field("overdue", &A::overdue)
                 .expression(kOverdueSql)
                 .describe("Open or in progress and past its due date, today (UTC)"),
             field("completed_at", &A::completed_at).server().sort(),
             field("completed_by_id", &A::completed_by_id).server().user(),
             field("completion_notes", &A::completion_notes)
                 .server()
                 .describe("The note of the move to completed: what was done"),
             field("verified_at", &A::verified_at).server(),
             field("verified_by_id", &A::verified_by_id)
                 .server()
                 .user()
                 .describe("Never the person who completed it"),
             field("verification_notes", &A::verification_notes).server(),
             field("effectiveness_required", &A::effectiveness_required)
                 .expression(kEffectivenessRequiredSql)
                 .describe("A corrective action of a major nonconformity: verified only after an "
                           "effectiveness review found it effective"),
             field("effectiveness_review_date", &A::effectiveness_review_date)
                 .describe("When to review whether the action worked"),
             field("is_effective", &A::is_effective)
                 .server()
                 .describe("The effectiveness review's verdict; null until reviewed"),
             field("effectiveness_notes", &A::effectiveness_notes).server(),
             field("effectiveness_reviewed_at", &A::effectiveness_reviewed_at).server(),
             field("effectiveness_reviewed_by_id", &A::effectiveness_reviewed_by_id)
                 .server()
                 .user(),
             field("cancelled_at", &A::cancelled_at).server(),
             field("cancelled_by_id", &A::cancelled_by_id).server().user(),
             field("cancellation_reason", &A::cancellation_reason).server())
      .with_filters(
          kit::Filter{.name = "overdue",
                      .kind = kit::FilterKind::kFlag,
                      .sql = kOverdueSql,
                      .doc = "true: only open or in-progress actions past their due date"},
          kit::Filter{.name = kMineFilter,
                      .kind = kit::FilterKind::kFlag,
                      .sql = "true",
                      .doc = "true: only the actions you own (my actions)"},
          kit::Filter{.name = "due_before",
                      .kind = kit::FilterKind::kDate,
                      .sql = "a.due_date < {}::date",
                      .doc = "Only actions due before this date"},
          kit::Filter{.name = "due_after",
                      .kind = kit::FilterKind::kDate,
                      .sql = "a.due_date > {}::date",
                      .doc = "Only actions due after this date"});
}

namespace action_flow {
constexpr bool always(const Action& /*unused*/) {
  return true;
}
inline void complete(Action& action, const core::Actor& actor,
                     const std::optional<std::string>& note) {
  action.completed_at = kit::Timestamp::now();
  action.completed_by_id = actor.user_id;
  action.completion_notes = note;
}
inline void verify(Action& action, const core::Actor& actor,
                   const std::optional<std::string>& note) {
  action.verified_at = kit::Timestamp::now();
  action.verified_by_id = actor.user_id;
  action.verification_notes = note;
}
inline void cancel(Action& action, const core::Actor& actor,
                   const std::optional<std::string>& note) {
  action.cancelled_at = kit::Timestamp::now();
  action.cancelled_by_id = actor.user_id;
  action.cancellation_reason = note;
}
// Reopening withdraws the completion, the verification and the effectiveness verdict (the audit
// trail keeps them): the action is done and checked again.
inline void reopen(Action& action, const core::Actor& /*actor*/,
                   const std::optional<std::string>& /*note*/) {
  action.completed_at = std::nullopt;
  action.completed_by_id = std::nullopt;
  action.verified_at = std::nullopt;
  action.verified_by_id = std::nullopt;
  action.is_effective = std::nullopt;
  action.effectiveness_reviewed_at = std::nullopt;
  action.effectiveness_reviewed_by_id = std::nullopt;
}
}  // namespace action_flow

constexpr auto workflow(kit::Tag<Action> /*unused*/) {
  using S = ActionStatus;
  using E = kit::Edge<Action, S>;
  constexpr std::string_view kCancelRule = "cancelling an action needs a reason";
  constexpr std::string_view kReopenRule = "reopening an action needs a note saying why";
  constexpr std::string_view kWrite = "actions:write";
  return kit::Workflow<Action, S, 7>{
      .status = &Action::status,
      .edges = {E{.from = S::kOpen, .to = S::kInProgress, .permission = kWrite},
                E{.from = S::kOpen,
                  .to = S::kCancelled,
                  .permission = kWrite,
                  .needs_note = action_flow::always,
                  .note_rule = kCancelRule,
                  .effect = action_flow::cancel},
                E{.from = S::kInProgress,
                  .to = S::kCompleted,
                  .permission = kWrite,
                  .needs_note = action_flow::always,
                  .note_rule = "completing an action needs a note saying what was done",
                  .effect = action_flow::complete},
                E{.from = S::kInProgress,
                  .to = S::kCancelled,
                  .permission = kWrite,
                  .needs_note = action_flow::always,
                  .note_rule = kCancelRule,
                  .effect = action_flow::cancel},
                E{.from = S::kCompleted,
                  .to = S::kVerified,
                  .permission = "actions:verify",
                  .not_by = &Action::completed_by_id,
                  .not_by_rule =
                      "an action is verified by someone other than the person who completed it",
                  .effect = action_flow::verify},
                E{.from = S::kCompleted,
                  .to = S::kInProgress,
                  .permission = kWrite,
                  .needs_note = action_flow::always,
                  .note_rule = kReopenRule,
                  .effect = action_flow::reopen},
                E{.from = S::kVerified,
                  .to = S::kInProgress,
                  .permission = kWrite,
                  .needs_note = action_flow::always,
                  .note_rule = kReopenRule,
                  .effect = action_flow::reopen}}};
}
static_assert(kit::kWorkflow<Action>.edges.size() == 7);

// POST /actions/{id}/effectiveness-review: did the completed action work? Recorded with who and
// when; a corrective action of a major nonconformity is verified only after an effective verdict.
struct EffectivenessReview {
  bool is_effective = false;
  std::string effectiveness_notes;
};

constexpr auto describe(kit::Tag<EffectivenessReview> /*unused*/) {
  using kit::field;
  using R = EffectivenessReview;
  return kit::resource<R>(
      {.name = "ActionEffectivenessReview"},
      field("is_effective", &R::is_effective)
          .describe("Did the action remove the cause (no recurrence)? false: reopen it"),
      field("effectiveness_notes", &R::effectiveness_notes)
          .text(1, 10000)
          .trimmed()
          .describe("The evidence the verdict rests on"));
}

}  // namespace qgp::model::actions
