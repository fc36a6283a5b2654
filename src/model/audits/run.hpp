#pragma once

// Audit runs: the one declaration of a run (a list item, and its detail with answers, counts and
// the summary of its findings), of an answer and of the run's workflow (ADR-0010). Parsing,
// rendering, the OpenAPI components, list parameters, the store's SQL and row mapping, the audit
// change sets and the declared schema's columns come from here.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/actor.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"
#include "model/audits/finding.hpp"

namespace qgp::model::audits {

QGP_KIT_ENUM(RunStatus, kScheduled, kInProgress, kPendingReview, kCompleted, kCancelled)

// --- answers -------------------------------------------------------------------------------------

// One answer as a client sends it (PUT /api/v1/audits/runs/{id}/responses/{question_id}). Which of
// value and option_ids it carries depends on the question (domain/audits/run_answers.hpp).
struct RunAnswer {
  kit::Scalar value;
  std::vector<std::int64_t> option_ids;
  bool is_na = false;
  std::optional<std::string> notes;
};

// The answer's fields, shared by the request and the stored response.
constexpr auto answer_fields() {
  using kit::field;
  return std::tuple{
      field("value", &RunAnswer::value)
          .text(1, 10000)
          .defaulted()
          .describe("The answer, typed by its question: true or false (also \"yes\"/\"no\", "
                    "\"pass\"/\"fail\") for yes_no and pass_fail; a number for score, number and "
                    "rating without options; a string for text, photo and signature (a reference "
                    "to the evidence); a date YYYY-MM-DD for date; null when the question is "
                    "answered with option_ids or N/A"),
      field("option_ids", &RunAnswer::option_ids)
          .items(100)
          .describe("The chosen options of a choice, multi_choice or rating-with-options "
                    "question"),
      field("is_na", &RunAnswer::is_na)
          .defaulted()
          .describe("Answered not applicable; excluded from scoring"),
      field("notes", &RunAnswer::notes).text(1, 4000)};
}

constexpr auto describe(kit::Tag<RunAnswer> /*unused*/) {
  return std::apply(
      [](auto... fields) {
        return kit::resource<RunAnswer>({.name = "AuditRunAnswer"}, fields...);
      },
      answer_fields());
}

// One question's answer in a run, as stored and shown. The typed columns the value is kept in
// (response_bool, response_number, response_date, response_text) are read back as one tagged value.
struct RunResponse : kit::Record, RunAnswer {
  std::int64_t run_id = 0;
  std::int64_t question_id = 0;
  std::optional<kit::Decimal> score;
  std::optional<kit::Decimal> max_score;
  kit::Timestamp answered_at;
  std::optional<std::int64_t> answered_by_id;
};

inline constexpr std::string_view kAnswerValueSql =
    "CASE WHEN a.response_bool IS NOT NULL THEN 'b' || a.response_bool::text"
    " WHEN a.response_number IS NOT NULL THEN 'n' || a.response_number::text"
    " WHEN a.response_date IS NOT NULL THEN 's' || to_char(a.response_date, 'YYYY-MM-DD')"
    " WHEN a.response_text IS NOT NULL THEN 's' || a.response_text END";

constexpr auto describe(kit::Tag<RunResponse> /*unused*/) {
  using kit::field;
  using kit::OnDelete;
  using R = RunResponse;
  const auto answer = answer_fields();
  return kit::record_resource<R>(
      {.name = "AuditRunResponse",
       .noun = "response",
       .entity = "audit_response",
       .table = "audit_responses",
       .alias = "a"},
      field("run_id", &R::run_id).server().references("audit_runs", OnDelete::kCascade),
      field("question_id", &R::question_id)
          .server()
          .references("audit_questions", OnDelete::kRestrict),
      std::get<0>(answer).expression(kAnswerValueSql).audited(),
      std::get<1>(answer).linked("audit_response_options", "response_id", "option_id"),
      std::get<2>(answer), std::get<3>(answer), field("score", &R::score).server().numeric(9, 2),
      field("max_score", &R::max_score).server().numeric(9, 2),
      field("answered_at", &R::answered_at).server().not_audited(),
      field("answered_by_id", &R::answered_by_id).server().user().not_audited());
}

// --- the run -------------------------------------------------------------------------------------

struct Run : kit::Record {
  std::string reference_number;
  std::int64_t template_id = 0;
  std::int64_t template_version_id = 0;
  int template_version = 0;
  int template_version_number = 0;
  std::string template_name;
  bool require_approval = false;
  std::string title;
  RunStatus status = RunStatus::kScheduled;
  std::vector<RunStatus> allowed_transitions;
  std::optional<std::string> location;
  std::optional<std::string> location_details;
  std::optional<kit::Decimal> latitude;
  std::optional<kit::Decimal> longitude;
  std::optional<kit::Date> scheduled_date;
  std::optional<kit::Date> due_date;
  bool is_overdue = false;
  std::optional<std::int64_t> assigned_to_id;
  std::optional<kit::Timestamp> started_at;
  std::optional<kit::Timestamp> completed_at;
  std::optional<std::int64_t> completed_by_id;
  std::optional<kit::Timestamp> cancelled_at;
  std::optional<std::int64_t> cancelled_by_id;
  std::optional<std::string> cancellation_reason;
  std::optional<kit::Decimal> score;
  std::optional<kit::Decimal> max_score;
  std::optional<kit::Decimal> score_percentage;
  std::optional<bool> passed;
  std::optional<std::string> notes;
};

// Overdue: due before today (UTC) and not finished.
inline constexpr std::string_view kRunOverdueSql =
    "r.status IN ('scheduled', 'in_progress') AND r.due_date < (now() AT TIME ZONE 'UTC')::date";

constexpr auto describe(kit::Tag<Run> /*unused*/) {
  using kit::field;
  using kit::OnDelete;
  using R = Run;
  return kit::record_resource<R>(
             {.name = "AuditRun",
              .noun = "run",
              .entity = "audit_run",
              .table = "audit_runs",
              .alias = "r",
              .joins = "JOIN audit_templates t ON t.id = r.template_id"
                       " JOIN audit_template_versions v ON v.id = r.template_version_id",
              .where = "r.archived_at IS NULL",
              .order = "r.created_at DESC",
              .path = "/api/v1/audits/runs"},
             field("reference_number", &R::reference_number).server().sort().search(),
             field("template_id", &R::template_id)
                 .create_only()
                 .filter()
                 .references("audit_templates", OnDelete::kRestrict),
             field("template_version_id", &R::template_version_id)
                 .server()
                 .describe("The exact published version the run uses"),
             field("template_version", &R::template_version)
                 .expression("v.version_number")
                 .describe("The published template version the run was scheduled against. It "
                           "stays pinned: a version published later does not change a scheduled "
                           "or running audit."),
             field("template_version_number", &R::template_version_number)
                 .expression("v.version_number")
                 .describe("The same as template_version"),
             field("template_name", &R::template_name).expression("t.name"),
             field("require_approval", &R::require_approval)
                 // A subquery, so a sorted page reads the version's content for its own rows
                 // only: a joined expression is computed for every match before the sort (a page
                 // of 1000 runs sorted by title: 14.5 ms against 0.7 ms).
                 .expression("(SELECT coalesce((x.content->'template'->>'require_approval')"
                             "::boolean, false) FROM audit_template_versions x"
                             " WHERE x.id = r.template_version_id)")
                 .describe("From the pinned version: completing the run leads to "
                           "pending_review, and someone other than the person who completed it "
                           "approves it"),
             field("title", &R::title).text(1, 300).sort().search(),
             field("status", &R::status)
                 .server()
                 .as(kit::Role::kStatus)
                 .filter_any()
                 .sort()
                 .db_default(),
             field("allowed_transitions", &R::allowed_transitions)
                 .computed()
                 .as(kit::Role::kTransitions)
                 .describe("The statuses you may move this run to now"),
             field("location", &R::location).text(1, 200).search(),
             field("location_details", &R::location_details).text(1, 500),
             field("latitude", &R::latitude).between(-90, 90).numeric(9, 6),
             field("longitude", &R::longitude).between(-180, 180).numeric(9, 6),
             field("scheduled_date", &R::scheduled_date).sort(),
             field("due_date", &R::due_date).sort(),
             field("is_overdue", &R::is_overdue)
                 .expression("coalesce(r.status IN ('scheduled', 'in_progress') AND r.due_date "
                             "< (now() AT TIME ZONE 'UTC')::date, false)")
                 .describe("Due before today (UTC) and not finished"),
             field("assigned_to_id", &R::assigned_to_id).filter().user(),
             field("started_at", &R::started_at).server(),
             field("completed_at", &R::completed_at).server(),
             field("completed_by_id", &R::completed_by_id).server().user(),
             field("cancelled_at", &R::cancelled_at).server(),
             field("cancelled_by_id", &R::cancelled_by_id).server().user(),
             field("cancellation_reason", &R::cancellation_reason).server().text(1, 2000),
             field("score", &R::score).server().numeric(12, 2),
             field("max_score", &R::max_score).server().numeric(12, 2),
             field("score_percentage", &R::score_percentage).server().numeric(5, 2).sort(),
             field("passed", &R::passed)
                 .server()
                 .describe("NULL when the template has no threshold"),
             field("notes", &R::notes).text(1, 10000))
      .with_filters(kit::Filter{.name = "due_before",
                                .kind = kit::FilterKind::kDate,
                                .sql = "r.due_date < {}::date",
                                .doc = "Only runs due before this date"},
                    kit::Filter{.name = "due_after",
                                .kind = kit::FilterKind::kDate,
                                .sql = "r.due_date > {}::date",
                                .doc = "Only runs due after this date"},
                    kit::Filter{.name = "overdue",
                                .kind = kit::FilterKind::kFlag,
                                .sql = kRunOverdueSql,
                                .doc = "true: only runs due before today (UTC) and not finished"});
}

// The moves of a run. Completing and approving are separate people when the pinned version
// requires approval; a reason is kept for cancelling and sending a run back.
namespace run_flow {
constexpr bool always(const Run& /*unused*/) {
  return true;
}
constexpr bool needs_approval(const Run& run) {
  return run.require_approval;
}
constexpr bool without_approval(const Run& run) {
  return !run.require_approval;
}
inline void start(Run& run, const core::Actor& /*actor*/,
                  const std::optional<std::string>& /*note*/) {
  run.started_at = kit::Timestamp::now();
}
inline void complete(Run& run, const core::Actor& actor,
                     const std::optional<std::string>& /*note*/) {
  run.completed_at = kit::Timestamp::now();
  run.completed_by_id = actor.user_id;
}
// Back to in_progress: the completion and its score are withdrawn until it is completed again.
inline void send_back(Run& run, const core::Actor& /*actor*/,
                      const std::optional<std::string>& /*note*/) {
  run.completed_at = std::nullopt;
  run.completed_by_id = std::nullopt;
  run.score = std::nullopt;
  run.max_score = std::nullopt;
  run.score_percentage = std::nullopt;
  run.passed = std::nullopt;
}
inline void cancel(Run& run, const core::Actor& actor, const std::optional<std::string>& note) {
  run.cancelled_at = kit::Timestamp::now();
  run.cancelled_by_id = actor.user_id;
  run.cancellation_reason = note;
}
}  // namespace run_flow

constexpr auto workflow(kit::Tag<Run> /*unused*/) {
  using S = RunStatus;
  using E = kit::Edge<Run, S>;
  constexpr std::string_view kCancelRule = "cancelling a run needs a note saying why";
  return kit::Workflow<Run, S, 7>{
      .status = &Run::status,
      .edges = {
          E{.from = S::kScheduled,
            .to = S::kInProgress,
            .effect = run_flow::start,
            .with_fields = "latitude,longitude"},
          E{.from = S::kScheduled,
            .to = S::kCancelled,
            .needs_note = run_flow::always,
            .note_rule = kCancelRule,
            .effect = run_flow::cancel},
          E{.from = S::kInProgress,
            .to = S::kCompleted,
            .applies = run_flow::without_approval,
            .effect = run_flow::complete},
          E{.from = S::kInProgress,
            .to = S::kPendingReview,
            .applies = run_flow::needs_approval,
            .effect = run_flow::complete},
          E{.from = S::kInProgress,
            .to = S::kCancelled,
            .needs_note = run_flow::always,
            .note_rule = kCancelRule,
            .effect = run_flow::cancel},
          E{.from = S::kPendingReview,
            .to = S::kCompleted,
            .not_by = &Run::completed_by_id,
            .not_by_rule = "a run is approved by someone other than the person who completed it"},
          E{.from = S::kPendingReview,
            .to = S::kInProgress,
            .needs_note = run_flow::always,
            .note_rule = "sending a run back needs a note saying what to fix",
            .effect = run_flow::send_back}}};
}

// Instantiated here, once its declaration is complete: g++ 12 cannot instantiate kWorkflow<Run>
// for the first time inside a template argument substitution (domain::common::transition<Run>).
static_assert(kit::kWorkflow<Run>.edges.size() == 7);

// --- the detail ----------------------------------------------------------------------------------

// A run's finding as its detail lists it: which one, how graded, where it stands. The fields are
// the finding's own declarations.
struct RunFinding : Finding {};

constexpr auto describe(kit::Tag<RunFinding> /*unused*/) {
  constexpr const auto& kFinding = kit::kResource<Finding>.fields;
  using kit::field_index;
  return kit::resource<RunFinding>(
      {.name = "AuditRunFinding", .noun = "finding", .table = "audit_findings", .alias = "f"},
      std::get<field_index<Finding>("id")>(kFinding),
      std::get<field_index<Finding>("reference_number")>(kFinding),
      std::get<field_index<Finding>("title")>(kFinding),
      std::get<field_index<Finding>("grade")>(kFinding),
      std::get<field_index<Finding>("status")>(kFinding),
      std::get<field_index<Finding>("question_id")>(kFinding),
      std::get<field_index<Finding>("response_id")>(kFinding),
      std::get<field_index<Finding>("is_auto_created")>(kFinding));
}

struct FindingsSummary {
  std::int64_t total = 0;
  std::int64_t open = 0;
  std::map<FindingGrade, std::int64_t> by_grade;
  std::map<FindingStatus, std::int64_t> by_status;
  std::vector<RunFinding> items;
};

constexpr auto describe(kit::Tag<FindingsSummary> /*unused*/) {
  using kit::field;
  using S = FindingsSummary;
  return kit::resource<S>({.name = "AuditRunFindingsSummary"}, field("total", &S::total).server(),
                          field("open", &S::open).server().describe("Findings not closed"),
                          field("by_grade", &S::by_grade).server(),
                          field("by_status", &S::by_status).server(),
                          field("items", &S::items).server());
}

// One run with what it is made of: GET /runs/{id} and every change of a run answer with it.
struct RunDetail : Run {
  std::int64_t question_count = 0;
  std::int64_t response_count = 0;
  kit::Decimal completion_percentage;
  std::vector<RunResponse> responses;
  FindingsSummary findings_summary;
};

constexpr auto describe(kit::Tag<RunDetail> /*unused*/) {
  using kit::field;
  using R = RunDetail;
  const auto run = describe(kit::Tag<Run>{});
  auto meta = run.meta;
  meta.name = "AuditRunDetail";
  auto fields = std::tuple_cat(
      run.fields, std::tuple{field("question_count", &R::question_count)
                                 .expression("jsonb_array_length(v.content->'questions')")
                                 .describe("Questions of the pinned version"),
                             field("response_count", &R::response_count)
                                 .computed()
                                 .describe("Questions answered (N/A included)"),
                             field("completion_percentage", &R::completion_percentage)
                                 .computed()
                                 .describe("response_count of question_count, in percent"),
                             field("responses", &R::responses).computed(),
                             field("findings_summary", &R::findings_summary).computed()});
  return kit::Resource<R, decltype(fields), 0>{.meta = meta, .fields = fields, .filters = {}};
}

// The detail moves along its run's workflow (its allowed_transitions are the run's).
constexpr auto workflow(kit::Tag<RunDetail> /*unused*/) {
  return workflow(kit::Tag<Run>{});
}

}  // namespace qgp::model::audits
