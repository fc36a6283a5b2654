#pragma once

// The risk register (ISO 31000 vocabulary), declared once (ADR-0010): a risk with its current
// rating, treatment, acceptance and review dates; its point-in-time assessments; the acceptance
// request; the workflow identified -> assessing -> treating -> monitoring -> closed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"

namespace qgp::model::risks {

// In the order of the columns' CHECK lists (the declared schema reads them from here).
QGP_KIT_ENUM(RiskCategory, kStrategic, kOperational, kFinancial, kCompliance, kReputational,
             kSafety, kEnvironmental, kInformationSecurity)
QGP_KIT_ENUM(RiskLevel, kVeryLow, kLow, kMedium, kHigh, kCritical)
// ISO 31000 6.5.2: accept (retain by informed decision), reduce (mitigate), share (transfer),
// avoid, and exploit (take or increase the risk to pursue an opportunity).
QGP_KIT_ENUM(TreatmentStrategy, kAccept, kMitigate, kTransfer, kAvoid, kExploit)
QGP_KIT_ENUM(RiskStatus, kIdentified, kAssessing, kTreating, kMonitoring, kClosed)
QGP_KIT_ENUM(AssessmentType, kInitial, kPeriodic, kTriggered, kPostIncident)

struct Risk : kit::Record {
  std::string reference_number;
  std::string title;
  std::string description;
  RiskCategory category = RiskCategory::kOperational;
  std::optional<std::string> subcategory;
  std::optional<std::string> risk_source;
  std::optional<std::string> risk_event;
  std::optional<std::string> risk_consequence;
  std::int64_t matrix_id = 0;
  std::int16_t likelihood = 3;
  std::int16_t impact = 3;
  std::int16_t score = 9;
  RiskLevel level = RiskLevel::kMedium;
  std::int16_t inherent_likelihood = 3;
  std::int16_t inherent_impact = 3;
  std::optional<std::int16_t> inherent_score;
  std::optional<RiskLevel> inherent_level;
  std::optional<std::int16_t> target_score;
  std::optional<RiskLevel> target_level;
  std::optional<kit::Timestamp> last_assessed_at;
  std::optional<std::int64_t> owner_id;
  std::optional<std::string> department;
  std::int16_t review_frequency_months = 6;
  std::optional<kit::Date> next_review_date;
  std::optional<kit::Timestamp> last_reviewed_at;
  bool review_due = false;
  TreatmentStrategy treatment_strategy = TreatmentStrategy::kMitigate;
  std::optional<std::string> treatment_plan;
  std::optional<kit::Date> treatment_due_date;
  bool treatment_overdue = false;
  std::optional<std::string> acceptance_justification;
  std::optional<std::int64_t> accepted_by_id;
  std::optional<kit::Timestamp> accepted_at;
  std::optional<kit::Date> acceptance_expires_on;
  bool acceptance_expired = false;
  RiskStatus status = RiskStatus::kIdentified;
  std::vector<RiskStatus> allowed_transitions;
  std::optional<kit::Timestamp> closed_at;
  std::optional<std::int64_t> closed_by_id;
  std::vector<std::int64_t> clause_ids;
  std::vector<std::int64_t> control_ids;
  std::vector<std::int64_t> finding_ids;
  std::vector<std::int64_t> action_ids;
};

// The latest assessment of each risk, joined once for the fields read from it.
inline constexpr std::string_view kLatestAssessmentJoin =
    "LEFT JOIN LATERAL (SELECT a.inherent_score, a.inherent_level, a.target_score, "
    "a.target_level, a.assessed_at FROM risk_assessments a WHERE a.risk_id = r.id "
    "ORDER BY a.assessed_at DESC, a.id DESC LIMIT 1) la ON true";

// Computed from the clock, never stored (each is the field, the list filter and the statistic).
// Due for review: the review date has come, or the acceptance expired; closed risks never are.
inline constexpr std::string_view kReviewDueSql =
    "coalesce(r.status <> 'closed' AND (r.next_review_date <= (now() AT TIME ZONE 'UTC')::date "
    "OR r.acceptance_expires_on <= (now() AT TIME ZONE 'UTC')::date), false)";
inline constexpr std::string_view kTreatmentOverdueSql =
    "coalesce(r.status <> 'closed' AND r.treatment_due_date < (now() AT TIME ZONE 'UTC')::date, "
    "false)";
inline constexpr std::string_view kAcceptanceExpiredSql =
    "coalesce(r.acceptance_expires_on <= (now() AT TIME ZONE 'UTC')::date, false)";

constexpr auto describe(kit::Tag<Risk> /*unused*/) {
  using kit::field;
  using R = Risk;
  return kit::record_resource<R>(
             {.name = "Risk",
              .noun = "risk",
              .entity = "risk",
              .table = "risks",
              .alias = "r",
              .joins = kLatestAssessmentJoin,
              .where = "r.archived_at IS NULL",
              .order = "r.score DESC, r.created_at DESC",
              .path = "/api/v1/risks"},
             field("reference_number", &R::reference_number).server().sort().search(),
             field("title", &R::title).text(1, 300).trimmed().sort().search(),
             field("description", &R::description).text(1, 10000).trimmed().search(),
             field("category", &R::category).defaulted().filter().sort(),
             field("subcategory", &R::subcategory).text(1, 100).trimmed(),
             field("risk_source", &R::risk_source)
                 .text(1, 500)
                 .trimmed()
                 .describe("Where the risk comes from (ISO 31000 risk source)"),
             field("risk_event", &R::risk_event)
                 .text(1, 500)
                 .trimmed()
                 .describe("What could happen (ISO 31000 event)"),
             field("risk_consequence", &R::risk_consequence)
                 .text(1, 500)
                 .trimmed()
                 .describe("The outcome on objectives (ISO 31000 consequence)"),
             field("matrix_id", &R::matrix_id)
                 .server()
                 .filter()
                 .describe("The risk matrix version its levels come from (GET "
                           "/risk-matrices/{id}); POST /risks/{id}/rescore moves it to the current "
                           "one"),
             field("likelihood", &R::likelihood)
                 .range(1, 5)
                 .create_only()
                 .defaulted()
                 .filter()
                 .describe("Current (residual) likelihood, 1 rare .. 5 almost certain; later "
                           "changed by assessments"),
             field("impact", &R::impact)
                 .range(1, 5)
                 .create_only()
                 .defaulted()
                 .filter()
                 .describe("Current (residual) impact, 1 insignificant .. 5 catastrophic; later "
                           "changed by assessments"),
             field("score", &R::score).server().sort().describe("likelihood x impact"),
             field("level", &R::level)
                 .server()
                 .filter_any()
                 .sort()
                 .describe("The matrix cell's level of likelihood and impact"),
             // Stored (not read from the latest assessment) so the inherent heat map counts one
             // index instead of joining every risk's assessments (bench/risks).
             field("inherent_likelihood", &R::inherent_likelihood)
                 .server()
                 .filter()
                 .describe("Inherent likelihood of the latest assessment; before any, the rating "
                           "given at creation"),
             field("inherent_impact", &R::inherent_impact)
                 .server()
                 .filter()
                 .describe("Inherent impact of the latest assessment; before any, the rating given "
                           "at creation"),
             field("inherent_score", &R::inherent_score)
                 .expression("la.inherent_score")
                 .describe("Inherent score of the latest assessment"),
             field("inherent_level", &R::inherent_level).expression("la.inherent_level"),
             field("target_score", &R::target_score)
                 .expression("la.target_score")
                 .describe("Target score of the latest assessment, when it set one"),
             field("target_level", &R::target_level).expression("la.target_level"),
             field("last_assessed_at", &R::last_assessed_at).expression("la.assessed_at"),
             field("owner_id", &R::owner_id).filter().user().describe("The risk owner"),
             field("department", &R::department).text(1, 100).trimmed().filter(),
             field("review_frequency_months", &R::review_frequency_months)
                 .server()
                 .describe("Review cadence of the current level"),
             field("next_review_date", &R::next_review_date).server().sort(),
             field("last_reviewed_at", &R::last_reviewed_at).server(),
             field("review_due", &R::review_due)
                 .expression(kReviewDueSql)
                 .describe("Due for review today: the review date has come, or the acceptance "
                           "expired"),
             field("treatment_strategy", &R::treatment_strategy)
                 .defaulted()
                 .filter()
                 .sort()
                 .describe("accept is set by POST /risks/{id}/acceptance only"),
             field("treatment_plan", &R::treatment_plan).text(1, 10000).trimmed(),
             field("treatment_due_date", &R::treatment_due_date).sort(),
             field("treatment_overdue", &R::treatment_overdue).expression(kTreatmentOverdueSql),
             field("acceptance_justification", &R::acceptance_justification).server(),
             field("accepted_by_id", &R::accepted_by_id)
                 .server()
                 .user()
                 .describe("The approver who accepted the risk (never its owner)"),
             field("accepted_at", &R::accepted_at).server(),
             field("acceptance_expires_on", &R::acceptance_expires_on).server(),
             field("acceptance_expired", &R::acceptance_expired).expression(kAcceptanceExpiredSql),
             field("status", &R::status)
                 .server()
                 .as(kit::Role::kStatus)
                 .filter_any()
                 .sort()
                 .db_default(),
             field("allowed_transitions", &R::allowed_transitions)
                 .computed()
                 .as(kit::Role::kTransitions)
                 .describe("The statuses you may move this risk to now"),
             field("closed_at", &R::closed_at).server(),
             field("closed_by_id", &R::closed_by_id).server(),
             field("clause_ids", &R::clause_ids)
                 .linked("risk_clauses", "risk_id", "clause_id")
                 .filter(),
             field("control_ids", &R::control_ids)
                 .linked("risk_standard_controls", "risk_id", "control_id")
                 .filter(),
             field("finding_ids", &R::finding_ids)
                 .linked("finding_risks", "risk_id", "finding_id")
                 .filter(),
             field("action_ids", &R::action_ids)
                 .expression("(SELECT string_agg(x.id::text, ',' ORDER BY x.id) FROM actions x "
                             "WHERE x.risk_id = r.id AND x.archived_at IS NULL)")
                 .describe("The treatment plan: the actions raised from this risk (POST /actions "
                           "with risk_id)"))
      .with_filters(kit::Filter{.name = "review_due",
                                .kind = kit::FilterKind::kFlag,
                                .sql = kReviewDueSql,
                                .doc = "true: only risks due for review (review date reached or "
                                       "acceptance expired)"},
                    kit::Filter{.name = "treatment_overdue",
                                .kind = kit::FilterKind::kFlag,
                                .sql = kTreatmentOverdueSql,
                                .doc = "true: only open risks past their treatment due date"});
}

namespace risk_flow {
constexpr bool always(const Risk& /*unused*/) {
  return true;
}
}  // namespace risk_flow

constexpr auto workflow(kit::Tag<Risk> /*unused*/) {
  using S = RiskStatus;
  using E = kit::Edge<Risk, S>;
  constexpr std::string_view kWrite = "risks:write";
  return kit::Workflow<Risk, S, 8>{
      .status = &Risk::status,
      .edges = {E{.from = S::kIdentified, .to = S::kAssessing, .permission = kWrite},
                E{.from = S::kIdentified,
                  .to = S::kClosed,
                  .permission = kWrite,
                  .needs_note = risk_flow::always,
                  .note_rule = "withdrawing an identified risk needs a note saying why"},
                E{.from = S::kAssessing, .to = S::kTreating, .permission = kWrite},
                E{.from = S::kAssessing, .to = S::kMonitoring, .permission = kWrite},
                E{.from = S::kTreating, .to = S::kMonitoring, .permission = kWrite},
                E{.from = S::kMonitoring, .to = S::kAssessing, .permission = kWrite},
                E{.from = S::kMonitoring, .to = S::kClosed, .permission = kWrite},
                E{.from = S::kClosed,
                  .to = S::kAssessing,
                  .permission = kWrite,
                  .needs_note = risk_flow::always,
                  .note_rule = "reopening a risk needs a note saying why"}},
      .closed = S::kClosed,
      .closed_at = &Risk::closed_at,
      .closed_by_id = &Risk::closed_by_id};
}
static_assert(kit::kWorkflow<Risk>.edges.size() == 8);

// A point-in-time assessment: immutable once recorded (no route changes it).
struct RiskAssessment : kit::Record {
  std::int64_t risk_id = 0;
  kit::Timestamp assessed_at;
  AssessmentType assessment_type = AssessmentType::kPeriodic;
  std::int64_t matrix_id = 0;
  std::int16_t inherent_likelihood = 0;
  std::int16_t inherent_impact = 0;
  std::int16_t inherent_score = 0;
  RiskLevel inherent_level{};
  std::int16_t residual_likelihood = 0;
  std::int16_t residual_impact = 0;
  std::int16_t residual_score = 0;
  RiskLevel residual_level{};
  std::optional<std::int16_t> target_likelihood;
  std::optional<std::int16_t> target_impact;
  std::optional<std::int16_t> target_score;
  std::optional<RiskLevel> target_level;
  std::string assessment_notes;
  std::optional<std::string> control_effectiveness_notes;
  std::int64_t assessed_by_id = 0;
  std::vector<std::int64_t> action_ids;
};

constexpr auto describe(kit::Tag<RiskAssessment> /*unused*/) {
  using kit::field;
  using A = RiskAssessment;
  return kit::record_resource<A>(
      {.name = "RiskAssessment",
       .noun = "risk assessment",
       .entity = "risk_assessment",
       .table = "risk_assessments",
       .alias = "a",
       .order = "a.assessed_at DESC",
       .path = "/api/v1/risk-assessments"},
      field("risk_id", &A::risk_id).server().filter(),
      field("assessed_at", &A::assessed_at).server().sort(),
      field("assessment_type", &A::assessment_type).defaulted().filter(),
      field("matrix_id", &A::matrix_id)
          .server()
          .describe("The risk matrix version its levels come from"),
      field("inherent_likelihood", &A::inherent_likelihood).range(1, 5),
      field("inherent_impact", &A::inherent_impact).range(1, 5),
      field("inherent_score", &A::inherent_score).server(),
      field("inherent_level", &A::inherent_level).server(),
      field("residual_likelihood", &A::residual_likelihood).range(1, 5),
      field("residual_impact", &A::residual_impact).range(1, 5),
      field("residual_score", &A::residual_score).server(),
      field("residual_level", &A::residual_level).server(),
      field("target_likelihood", &A::target_likelihood)
          .range(1, 5)
          .describe("With target_impact, or neither"),
      field("target_impact", &A::target_impact).range(1, 5),
      field("target_score", &A::target_score).server(),
      field("target_level", &A::target_level).server(),
      field("assessment_notes", &A::assessment_notes)
          .text(1, 10000)
          .trimmed()
          .describe("The rationale of the rating"),
      field("control_effectiveness_notes", &A::control_effectiveness_notes)
          .text(1, 10000)
          .trimmed(),
      field("assessed_by_id", &A::assessed_by_id).server().user(),
      field("action_ids", &A::action_ids)
          .linked("risk_assessment_actions", "assessment_id", "action_id")
          .describe("Actions of this risk the residual rating relied on"));
}

// POST /risks/{id}/acceptance: the approver (the caller) accepts the risk until `expires_on`.
struct RiskAcceptance {
  std::string justification;
  kit::Date expires_on;
};

constexpr auto describe(kit::Tag<RiskAcceptance> /*unused*/) {
  using kit::field;
  return kit::resource<RiskAcceptance>(
      {.name = "RiskAcceptance"},
      field("justification", &RiskAcceptance::justification)
          .text(1, 4000)
          .trimmed()
          .describe("Why the risk is retained without further treatment"),
      field("expires_on", &RiskAcceptance::expires_on)
          .describe("Today or later: from that day the risk is due for review again"));
}

}  // namespace qgp::model::risks
