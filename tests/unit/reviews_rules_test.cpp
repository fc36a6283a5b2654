// Management reviews' pure rules: every edge of the workflow and every missing one, the minutes
// approved by someone other than the chair (403, and not offered), the cancellation and reopening
// notes and what they stamp, what holding a review needs (the day, an attendee, every input kind
// but the computed previous_actions) and who an attendee may be.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/reviews/reviews.hpp"
#include "kit/enums.hpp"
#include "kit/workflow.hpp"
#include "support/workflow_edges.hpp"

namespace qgp::domain::reviews {
namespace {

using S = ReviewStatus;

core::Actor person(std::int64_t id, std::set<std::string, std::less<>> permissions) {
  return core::Actor{
      .user_id = id, .request_id = {}, .client_address = {}, .permissions = std::move(permissions)};
}

constexpr std::int64_t kChairId = 7;
const core::Actor kChair = person(kChairId, {"reviews:read", "reviews:write", "reviews:approve"});
const core::Actor kApprover = person(8, {"reviews:read", "reviews:approve"});
const core::Actor kManager = person(9, {"reviews:read", "reviews:write", "reviews:approve"});
const core::Actor kReader = person(10, {"reviews:read"});

Review in(S status) {
  Review review;
  review.status = status;
  review.chair_id = kChairId;
  review.minutes = "Objectives met; two decisions recorded";
  return review;
}

// A review ready to be held: the day, one attendee, every input kind but previous_actions.
Review ready() {
  auto review = in(S::kPlanned);
  review.held_on = kit::Date{"2026-11-30"};
  ReviewAttendee attendee;
  attendee.user_id = kChairId;
  review.attendees.push_back(attendee);
  for (const auto kind : kit::enum_values<ReviewInputKind>()) {
    if (kind != ReviewInputKind::kPreviousActions) {
      ReviewInput input;
      input.kind = kind;
      input.summary = "Presented";
      review.inputs.push_back(input);
    }
  }
  return review;
}

TEST(ReviewWorkflow, ExactlyFourEdgesEachRefusedToAReader) {
  qgp::testing::expect_exactly_these_edges<Review>({{S::kPlanned, S::kHeld},
                                                    {S::kPlanned, S::kCancelled},
                                                    {S::kHeld, S::kClosed},
                                                    {S::kClosed, S::kHeld}},
                                                   kManager, kReader);
}

TEST(ReviewWorkflow, MinutesApprovedBySomeoneOtherThanTheChair) {
  const auto& flow = kit::kWorkflow<Review>;
  const auto row = in(S::kHeld);
  // The chair holds every permission and is still refused, and is not offered the move.
  EXPECT_THROW(flow.check(row, S::kClosed, std::nullopt, kChair, "review"), core::Forbidden);
  EXPECT_TRUE(flow.allowed(row, kChair).empty());
  // Someone else with reviews:approve may (and is offered only that).
  EXPECT_NO_THROW(flow.check(row, S::kClosed, std::nullopt, kApprover, "review"));
  EXPECT_EQ(flow.allowed(row, kApprover), std::vector<S>{S::kClosed});
  // A writer without reviews:approve may not.
  const auto writer = person(11, {"reviews:read", "reviews:write"});
  EXPECT_THROW(flow.check(row, S::kClosed, std::nullopt, writer, "review"), core::Forbidden);
  // Closing stamps the approval; reopening needs a note and withdraws it.
  const auto closed = flow.moved(row, flow.check(row, S::kClosed, std::nullopt, kApprover, "r"),
                                 kApprover, std::nullopt);
  EXPECT_TRUE(closed.approved_at.has_value());
  EXPECT_EQ(closed.approved_by_id, kApprover.user_id);
  EXPECT_THROW(flow.check(closed, S::kHeld, std::nullopt, kManager, "r"), core::ValidationError);
  const std::optional<std::string> why = "The minutes missed the resource decision";
  const auto reopened =
      flow.moved(closed, flow.check(closed, S::kHeld, why, kManager, "r"), kManager, why);
  EXPECT_EQ(reopened.status, S::kHeld);
  EXPECT_FALSE(reopened.approved_at.has_value());
  EXPECT_FALSE(reopened.approved_by_id.has_value());
}

TEST(ReviewWorkflow, CancellingNeedsAReasonAndKeepsIt) {
  const auto& flow = kit::kWorkflow<Review>;
  const auto row = in(S::kPlanned);
  EXPECT_THROW(flow.check(row, S::kCancelled, std::nullopt, kManager, "r"), core::ValidationError);
  EXPECT_THROW(flow.check(row, S::kCancelled, std::string(" "), kManager, "r"),
               core::ValidationError);
  const std::optional<std::string> reason = "Merged into the Q1 review";
  const auto cancelled =
      flow.moved(row, flow.check(row, S::kCancelled, reason, kManager, "r"), kManager, reason);
  EXPECT_TRUE(cancelled.cancelled_at.has_value());
  EXPECT_EQ(cancelled.cancellation_reason, reason);
  // Only a planned review is cancelled; held_on is the only field the move to held carries.
  EXPECT_EQ(flow.edge(in(S::kHeld), S::kCancelled), nullptr);
  const auto* hold = flow.edge(row, S::kHeld);
  ASSERT_NE(hold, nullptr);
  EXPECT_TRUE(hold->carries("held_on"));
  EXPECT_FALSE(hold->carries("minutes"));
}

TEST(ReviewRules, HeldNeedsTheDayAnAttendeeAndEveryInputButThePreviousActions) {
  EXPECT_TRUE(held_problems(ready()).empty());
  auto review = ready();
  review.held_on = std::nullopt;
  EXPECT_EQ(held_problems(review).count("held_on"), 1U);
  review = ready();
  review.attendees.clear();
  EXPECT_EQ(held_problems(review).count("attendees"), 1U);
  // One kind missing: named. Marked not applicable: counts as recorded.
  review = ready();
  const auto dropped = std::find_if(review.inputs.begin(), review.inputs.end(), [](const auto& i) {
    return i.kind == ReviewInputKind::kExternalProviders;
  });
  review.inputs.erase(dropped);
  const auto problems = held_problems(review);
  ASSERT_EQ(problems.count("inputs"), 1U);
  EXPECT_NE(problems.at("inputs").find("external_providers"), std::string::npos);
  EXPECT_EQ(problems.at("inputs").find("customer_feedback"), std::string::npos);
  ReviewInput not_applicable;
  not_applicable.kind = ReviewInputKind::kExternalProviders;
  not_applicable.summary = "No external providers in scope";
  not_applicable.not_applicable = true;
  review.inputs.push_back(not_applicable);
  EXPECT_TRUE(held_problems(review).empty());
  // Every problem at once.
  Review empty = in(S::kPlanned);
  EXPECT_EQ(held_problems(empty).size(), 3U);
  // The computed input is never required, the eleven others are.
  EXPECT_EQ(model::reviews::required_input_kinds().size(),
            kit::enum_values<ReviewInputKind>().size() - 1);
}

TEST(ReviewRules, AnAttendeeIsAUserOrANamedExternalPersonWithTheirRole) {
  ReviewAttendee user;
  user.user_id = 3;
  EXPECT_TRUE(attendee_problems(user).empty());
  ReviewAttendee external;
  external.name = "Dana Lee";
  EXPECT_EQ(attendee_problems(external).count("role"), 1U);
  external.role = "Certification body auditor";
  EXPECT_TRUE(attendee_problems(external).empty());
  ReviewAttendee both = external;
  both.user_id = 3;
  EXPECT_EQ(attendee_problems(both).count("user_id"), 1U);
  EXPECT_EQ(attendee_problems(ReviewAttendee{}).count("user_id"), 1U);
}

}  // namespace
}  // namespace qgp::domain::reviews
