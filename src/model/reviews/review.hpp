#pragma once

// Management reviews (ISO 9001/14001/45001/27001 clause 9.3), declared once (ADR-0010,
// ADR-0019): top management reviews the management system at planned intervals. A review covers
// standards of the library, is chaired by a user, has its attendees, one input per 9.3.2 kind
// (or that kind marked not applicable with the reason), and its outputs (9.3.3 decisions) from
// which actions are raised (the actions register's source `management_review`, ADR-0013). The
// workflow planned -> held -> closed (the minutes approved by someone other than the chair), or
// cancelled from planned with a reason; a closed review reopens with a note.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "kit/workflow.hpp"
#include "model/actions/action.hpp"

namespace qgp::model::reviews {

// In the order of the columns' CHECK lists (the declared schema reads them from here).
QGP_KIT_ENUM(ReviewStatus, kPlanned, kHeld, kClosed, kCancelled)
// The inputs ISO 9001:2015 9.3.2 (and the other standards' 9.3) names, in the clause's order.
QGP_KIT_ENUM(ReviewInputKind, kPreviousActions, kContextChanges, kCustomerFeedback, kObjectives,
             kProcessPerformance, kNonconformitiesAndActions, kMonitoringResults, kAuditResults,
             kExternalProviders, kResources, kRisksAndOpportunities, kImprovementOpportunities)
// The outputs 9.3.3 names: opportunities for improvement, changes to the system, resource needs.
QGP_KIT_ENUM(ReviewOutputKind, kImprovement, kSystemChange, kResourceNeed)

// Who attended: a user of the system, or a named external person (a consultant, a certification
// body's auditor) with their role. Exactly one of user_id and name is set.
struct ReviewAttendee : kit::Record {
  std::int64_t review_id = 0;
  std::optional<std::int64_t> user_id;
  std::optional<std::string> name;
  std::optional<std::string> role;
};

constexpr auto describe(kit::Tag<ReviewAttendee> /*unused*/) {
  using kit::field;
  using A = ReviewAttendee;
  return kit::record_resource<A>(
      {.name = "ManagementReviewAttendee",
       .noun = "attendee",
       .entity = "management_review_attendee",
       .table = "management_review_attendees",
       .alias = "ra",
       .order = "ra.id",
       .path = "/api/v1/management-review-attendees"},
      field("review_id", &A::review_id)
          .server()
          .not_audited()
          .references("management_reviews", kit::OnDelete::kCascade),
      field("user_id", &A::user_id).user().describe("A user who attended (or name is set)"),
      field("name", &A::name)
          .text(1, 200)
          .trimmed()
          .describe("An external person who attended (or user_id is set)"),
      field("role", &A::role)
          .text(1, 200)
          .trimmed()
          .describe("Their role at the review; required for an external person"));
}

// One 9.3.2 input: what was presented, or (not_applicable) why the input does not apply.
struct ReviewInput : kit::Record {
  std::int64_t review_id = 0;
  ReviewInputKind kind = ReviewInputKind::kContextChanges;
  std::string summary;
  bool not_applicable = false;
};

constexpr auto describe(kit::Tag<ReviewInput> /*unused*/) {
  using kit::field;
  using I = ReviewInput;
  return kit::record_resource<I>(
      {.name = "ManagementReviewInput",
       .noun = "input",
       .entity = "management_review_input",
       .table = "management_review_inputs",
       .alias = "ri",
       .order = "ri.kind",
       .path = "/api/v1/management-review-inputs"},
      field("review_id", &I::review_id)
          .server()
          .not_audited()
          .references("management_reviews", kit::OnDelete::kCascade),
      field("kind", &I::kind)
          .create_only()
          .describe("The 9.3.2 input (one row per kind and review)"),
      field("summary", &I::summary)
          .text(1, 10000)
          .trimmed()
          .describe("What was presented; when not_applicable, why the input does not apply"),
      field("not_applicable", &I::not_applicable)
          .defaulted()
          .db_default()
          .describe("The input does not apply to this review (the summary says why)"));
}

// One 9.3.3 output: a decision and who carries it out; the actions raised from it are actions of
// the review (source management_review) listed here.
struct ReviewOutput : kit::Record {
  std::int64_t review_id = 0;
  ReviewOutputKind kind = ReviewOutputKind::kImprovement;
  std::string decision;
  std::optional<std::int64_t> owner_id;
  std::vector<std::int64_t> action_ids;
};

constexpr auto describe(kit::Tag<ReviewOutput> /*unused*/) {
  using kit::field;
  using O = ReviewOutput;
  return kit::record_resource<O>(
      {.name = "ManagementReviewOutput",
       .noun = "output",
       .entity = "management_review_output",
       .table = "management_review_outputs",
       .alias = "ro",
       .order = "ro.id",
       .path = "/api/v1/management-review-outputs"},
      field("review_id", &O::review_id)
          .server()
          .not_audited()
          .references("management_reviews", kit::OnDelete::kCascade),
      field("kind", &O::kind)
          .describe("improvement (an opportunity), system_change (a change to the management "
                    "system) or resource_need"),
      field("decision", &O::decision).text(1, 10000).trimmed(),
      field("owner_id", &O::owner_id).user().describe("Who carries the decision out"),
      field("action_ids", &O::action_ids)
          .linked("management_review_output_actions", "output_id", "action_id")
          .server()
          .describe("The actions raised from this output (POST "
                    "/management-review-outputs/{id}/actions)"));
}

// An action of the register as a review lists it: which one and where it stands. The fields are
// the action's own declarations.
struct ReviewAction : actions::Action {};

constexpr auto describe(kit::Tag<ReviewAction> /*unused*/) {
  using actions::Action;
  using kit::field_index;
  constexpr const auto& kAction = kit::kResource<Action>.fields;
  return kit::resource<ReviewAction>({.name = "ManagementReviewAction",
                                      .noun = "action",
                                      .table = "actions",
                                      .alias = "a",
                                      .order = "a.reference_number"},
                                     std::get<field_index<Action>("id")>(kAction),
                                     std::get<field_index<Action>("reference_number")>(kAction),
                                     std::get<field_index<Action>("title")>(kAction),
                                     std::get<field_index<Action>("status")>(kAction),
                                     std::get<field_index<Action>("management_review_id")>(kAction),
                                     std::get<field_index<Action>("owner_id")>(kAction),
                                     std::get<field_index<Action>("due_date")>(kAction),
                                     std::get<field_index<Action>("overdue")>(kAction));
}

struct Review : kit::Record {
  std::string reference_number;
  std::string title;
  std::vector<std::int64_t> standard_ids;
  kit::Date planned_date;
  std::optional<kit::Date> held_on;
  ReviewStatus status = ReviewStatus::kPlanned;
  std::vector<ReviewStatus> allowed_transitions;
  std::optional<std::int64_t> chair_id;
  std::vector<ReviewAttendee> attendees;
  std::vector<ReviewInput> inputs;
  std::vector<ReviewOutput> outputs;
  std::optional<std::string> minutes;
  kit::Json<std::vector<ReviewAction>> actions;
  kit::Json<std::vector<ReviewAction>> previous_actions;
  std::optional<kit::Timestamp> approved_at;
  std::optional<std::int64_t> approved_by_id;
  std::optional<kit::Timestamp> cancelled_at;
  std::optional<std::string> cancellation_reason;
};

// 9.3.2(a), computed: the actions raised by earlier reviews (planned before this one, or on the
// same day and created before it) that are neither verified nor cancelled.
inline constexpr std::string_view kPreviousActionsFrom =
    "JOIN management_reviews p ON p.id = a.management_review_id WHERE a.archived_at IS NULL AND "
    "p.archived_at IS NULL AND a.status NOT IN ('verified', 'cancelled') AND (p.planned_date, "
    "p.id) < (m.planned_date, m.id)";

constexpr auto describe(kit::Tag<Review> /*unused*/) {
  using kit::field;
  using R = Review;
  return kit::record_resource<R>(
             {.name = "ManagementReview",
              .noun = "management review",
              .entity = "management_review",
              .table = "management_reviews",
              .alias = "m",
              .where = "m.archived_at IS NULL",
              .order = "m.planned_date DESC",
              .path = "/api/v1/management-reviews"},
             field("reference_number", &R::reference_number).server().sort().search(),
             field("title", &R::title).text(1, 300).trimmed().sort().search(),
             field("standard_ids", &R::standard_ids)
                 .linked("management_review_standards", "review_id", "standard_id")
                 .items(50)
                 .filter()
                 .describe("The standards of the library whose management system is reviewed"),
             field("planned_date", &R::planned_date).sort(),
             field("held_on", &R::held_on)
                 .sort()
                 .describe("The day it was held; needed to move to held (or sent with that move)"),
             field("status", &R::status)
                 .server()
                 .as(kit::Role::kStatus)
                 .filter_any()
                 .sort()
                 .db_default(),
             field("allowed_transitions", &R::allowed_transitions)
                 .computed()
                 .as(kit::Role::kTransitions)
                 .describe("The statuses you may move this review to now"),
             field("chair_id", &R::chair_id)
                 .user()
                 .required()
                 .filter()
                 .describe("Top management chairing it (required, not null); never the one who "
                           "approves the minutes"),
             field("attendees", &R::attendees)
                 .children("review_id")
                 .describe("Sent with the review, added later through "
                           "/management-reviews/{id}/attendees"),
             field("inputs", &R::inputs)
                 .children("review_id")
                 .describe("The 9.3.2 inputs; sent with the review, added later through "
                           "/management-reviews/{id}/inputs"),
             field("outputs", &R::outputs)
                 .children("review_id")
                 .server()
                 .describe("The decisions (9.3.3), recorded once the review is held through "
                           "/management-reviews/{id}/outputs"),
             field("minutes", &R::minutes)
                 .text(1, 50000)
                 .trimmed()
                 .search()
                 .describe("The minutes; needed to close (approve) the review"),
             field("actions", &R::actions)
                 .rows_from("WHERE a.management_review_id = m.id AND a.archived_at IS NULL")
                 .describe("The actions raised from this review, with their status"),
             field("previous_actions", &R::previous_actions)
                 .rows_from(kPreviousActionsFrom)
                 .describe("9.3.2(a), computed: actions raised by earlier reviews that are "
                           "neither verified nor cancelled"),
             field("approved_at", &R::approved_at)
                 .server()
                 .describe("When the minutes were approved (the move to closed)"),
             field("approved_by_id", &R::approved_by_id)
                 .server()
                 .user()
                 .describe("Who approved the minutes; never the chair"),
             field("cancelled_at", &R::cancelled_at).server(),
             field("cancellation_reason", &R::cancellation_reason).server().text(1, 2000))
      .with_filters(kit::Filter{.name = "planned_from",
                                .kind = kit::FilterKind::kDate,
                                .sql = "m.planned_date >= {}::date",
                                .doc = "Only reviews planned on or after this date"},
                    kit::Filter{.name = "planned_to",
                                .kind = kit::FilterKind::kDate,
                                .sql = "m.planned_date <= {}::date",
                                .doc = "Only reviews planned on or before this date"});
}

namespace review_flow {
constexpr bool always(const Review& /*unused*/) {
  return true;
}
inline void cancel(Review& review, const core::Actor& /*actor*/,
                   const std::optional<std::string>& note) {
  review.cancelled_at = kit::Timestamp::now();
  review.cancellation_reason = note;
}
}  // namespace review_flow

// Holding also needs the day, an attendee and every input (the domain's rule, held_problem);
// closing needs the minutes.
constexpr auto workflow(kit::Tag<Review> /*unused*/) {
  using S = ReviewStatus;
  using E = kit::Edge<Review, S>;
  constexpr std::string_view kWrite = "reviews:write";
  return kit::Workflow<Review, S, 4>{
      .status = &Review::status,
      .edges =
          {E{.from = S::kPlanned, .to = S::kHeld, .permission = kWrite, .with_fields = "held_on"},
           E{.from = S::kPlanned,
             .to = S::kCancelled,
             .permission = kWrite,
             .needs_note = review_flow::always,
             .note_rule = "cancelling a management review needs a reason",
             .effect = review_flow::cancel},
           E{.from = S::kHeld,
             .to = S::kClosed,
             .permission = "reviews:approve",
             .not_by = &Review::chair_id,
             .not_by_rule = "the minutes of a management review are approved by someone "
                            "other than its chair"},
           E{.from = S::kClosed,
             .to = S::kHeld,
             .permission = kWrite,
             .needs_note = review_flow::always,
             .note_rule = "reopening a closed management review needs a note saying why"}},
      .closed = S::kClosed,
      .closed_at = &Review::approved_at,
      .closed_by_id = &Review::approved_by_id};
}

static_assert(kit::kWorkflow<Review>.edges.size() == 4);

// The input kinds a review must have recorded (or marked not applicable) to be held: every kind
// but previous_actions, which the review computes (previous_actions above).
inline std::vector<ReviewInputKind> required_input_kinds() {
  std::vector<ReviewInputKind> kinds;
  for (const auto kind : kit::enum_values<ReviewInputKind>()) {
    if (kind != ReviewInputKind::kPreviousActions) {
      kinds.push_back(kind);
    }
  }
  return kinds;
}

}  // namespace qgp::model::reviews
