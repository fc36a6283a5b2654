// The audit run's declared workflow (model/audits/run.hpp) and the rules beside it
// (domain/audits/run_state.hpp), without a database: every allowed move, the approval edge that
// exists only when the pinned version requires approval, refusals naming what is allowed, the
// notes cancelling and sending back need, separation of duties on approval, and what each move
// stamps or clears.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/audits/run_state.hpp"
#include "model/audits/run.hpp"

namespace qgp::model::audits {
namespace {

using S = RunStatus;
// Inside a TEST body `Run` names testing::Test::Run: the workflow is named once out here.
constexpr const auto& kFlow = kit::kWorkflow<Run>;

Run in(S status, bool require_approval = false) {
  Run run;
  run.status = status;
  run.require_approval = require_approval;
  return run;
}

const core::Actor kAuditor{.user_id = 7, .request_id = {}, .client_address = {}, .permissions = {}};
const core::Actor kReviewer{
    .user_id = 8, .request_id = {}, .client_address = {}, .permissions = {}};

std::string refusal(const Run& run, S to, const std::optional<std::string>& note = std::nullopt,
                    const core::Actor& actor = kAuditor) {
  try {
    (void)kFlow.check(run, to, note, actor, "run");
  } catch (const core::ValidationError& e) {
    return e.fields().begin()->first + ": " + e.fields().begin()->second;
  } catch (const core::Error& e) {
    return e.what();
  }
  return "allowed";
}

TEST(AuditsRunWorkflow, EveryMoveFromEveryState) {
  const auto& flow = kFlow;
  using V = std::vector<S>;
  EXPECT_EQ(flow.allowed(in(S::kScheduled), kAuditor), (V{S::kInProgress, S::kCancelled}));
  // Completing leads to completed, or to pending_review exactly when approval is required.
  EXPECT_EQ(flow.allowed(in(S::kInProgress), kAuditor), (V{S::kCompleted, S::kCancelled}));
  EXPECT_EQ(flow.allowed(in(S::kInProgress, true), kAuditor),
            (V{S::kPendingReview, S::kCancelled}));
  EXPECT_EQ(flow.allowed(in(S::kPendingReview, true), kReviewer),
            (V{S::kCompleted, S::kInProgress}));
  EXPECT_TRUE(flow.allowed(in(S::kCompleted), kAuditor).empty());
  EXPECT_TRUE(flow.allowed(in(S::kCancelled), kAuditor).empty());
}

TEST(AuditsRunWorkflow, RefusedMovesNameWhatIsAllowed) {
  EXPECT_EQ(refusal(in(S::kScheduled), S::kCompleted),
            "a run cannot go from scheduled to completed; allowed: in_progress, cancelled");
  EXPECT_EQ(refusal(in(S::kInProgress), S::kPendingReview),
            "a run cannot go from in_progress to pending_review; allowed: completed, cancelled");
  EXPECT_EQ(refusal(in(S::kInProgress, true), S::kCompleted),
            "a run cannot go from in_progress to completed; allowed: pending_review, cancelled");
  EXPECT_EQ(refusal(in(S::kCompleted), S::kInProgress),
            "a run cannot go from completed to in_progress; allowed: none");
  EXPECT_EQ(refusal(in(S::kPendingReview, true), S::kCancelled, std::string("late")),
            "a run cannot go from pending_review to cancelled; allowed: completed, in_progress");
  EXPECT_THROW((void)kFlow.check(in(S::kCancelled), S::kScheduled, std::nullopt, kAuditor, "run"),
               core::InvalidTransition);
}

TEST(AuditsRunWorkflow, CancellingAndSendingBackNeedANote) {
  EXPECT_EQ(refusal(in(S::kScheduled), S::kCancelled),
            "note: cancelling a run needs a note saying why");
  EXPECT_EQ(refusal(in(S::kInProgress), S::kCancelled, std::string("  ")),
            "note: cancelling a run needs a note saying why");
  EXPECT_EQ(refusal(in(S::kPendingReview, true), S::kInProgress, std::nullopt, kReviewer),
            "note: sending a run back needs a note saying what to fix");
  EXPECT_EQ(refusal(in(S::kScheduled), S::kCancelled, std::string("Site closed")), "allowed");
  EXPECT_EQ(refusal(in(S::kScheduled), S::kInProgress), "allowed");  // starting needs none
  EXPECT_THROW((void)kFlow.check(in(S::kScheduled), S::kCancelled, std::nullopt, kAuditor, "run"),
               core::ValidationError);
}

TEST(AuditsRunWorkflow, ThePersonWhoCompletedARunDoesNotApproveIt) {
  auto run = in(S::kPendingReview, true);
  run.completed_by_id = kAuditor.user_id;
  EXPECT_THROW((void)kFlow.check(run, S::kCompleted, std::nullopt, kAuditor, "run"),
               core::Forbidden);
  EXPECT_EQ(refusal(run, S::kCompleted),
            "a run is approved by someone other than the person who completed it");
  EXPECT_EQ(refusal(run, S::kCompleted, std::nullopt, kReviewer), "allowed");
  // Each caller is offered only the moves they may make.
  EXPECT_EQ(kFlow.allowed(run, kAuditor), std::vector<S>{S::kInProgress});
  EXPECT_EQ(kFlow.allowed(run, kReviewer), (std::vector<S>{S::kCompleted, S::kInProgress}));
}

Run moved(const Run& run, S to, const std::optional<std::string>& note = std::nullopt,
          const core::Actor& actor = kAuditor) {
  const auto& flow = kFlow;
  return flow.moved(run, flow.check(run, to, note, actor, "run"), actor, note);
}

TEST(AuditsRunWorkflow, MovesStampAndClearWhatTheyMean) {
  const auto started = moved(in(S::kScheduled), S::kInProgress);
  EXPECT_EQ(started.status, S::kInProgress);
  EXPECT_EQ(started.started_at, kit::Timestamp::now());

  const auto completed = moved(started, S::kCompleted);
  EXPECT_EQ(completed.completed_at, kit::Timestamp::now());
  EXPECT_EQ(completed.completed_by_id, kAuditor.user_id);

  auto reviewed = in(S::kPendingReview, true);
  reviewed.completed_at = kit::Timestamp{"2026-12-01T10:00:00Z"};
  reviewed.completed_by_id = kAuditor.user_id;
  reviewed.score = kit::Decimal{"5"};
  reviewed.max_score = kit::Decimal{"8"};
  reviewed.score_percentage = kit::Decimal{"62.5"};
  reviewed.passed = true;
  const auto approved = moved(reviewed, S::kCompleted, std::nullopt, kReviewer);
  EXPECT_EQ(approved.completed_at, reviewed.completed_at);  // the completion stands
  EXPECT_EQ(approved.completed_by_id, kAuditor.user_id);
  EXPECT_EQ(approved.score, reviewed.score);
  const auto sent_back = moved(reviewed, S::kInProgress, std::string("Photo missing"), kReviewer);
  EXPECT_FALSE(sent_back.completed_at.has_value());
  EXPECT_FALSE(sent_back.completed_by_id.has_value());
  EXPECT_FALSE(sent_back.score.has_value());
  EXPECT_FALSE(sent_back.max_score.has_value());
  EXPECT_FALSE(sent_back.score_percentage.has_value());
  EXPECT_FALSE(sent_back.passed.has_value());

  const auto cancelled = moved(started, S::kCancelled, std::string("Site closed"));
  EXPECT_EQ(cancelled.cancelled_at, kit::Timestamp::now());
  EXPECT_EQ(cancelled.cancelled_by_id, kAuditor.user_id);
  EXPECT_EQ(cancelled.cancellation_reason, "Site closed");
}

TEST(AuditsRunWorkflow, OnlyStartingCarriesCoordinates) {
  const auto& flow = kFlow;
  const auto* start = flow.edge(in(S::kScheduled), S::kInProgress);
  ASSERT_NE(start, nullptr);
  EXPECT_TRUE(start->carries("latitude"));
  EXPECT_TRUE(start->carries("longitude"));
  EXPECT_FALSE(start->carries("title"));
  const auto* cancel = flow.edge(in(S::kScheduled), S::kCancelled);
  ASSERT_NE(cancel, nullptr);
  EXPECT_FALSE(cancel->carries("latitude"));
}

TEST(AuditsRunWorkflow, AnswersOnlyInProgressScheduleEditableUntilDone) {
  using domain::audits::accepts_answers;
  using domain::audits::schedule_editable;
  EXPECT_TRUE(accepts_answers(S::kInProgress));
  EXPECT_FALSE(accepts_answers(S::kScheduled));
  EXPECT_FALSE(accepts_answers(S::kPendingReview));
  EXPECT_FALSE(accepts_answers(S::kCompleted));
  EXPECT_TRUE(schedule_editable(S::kScheduled));
  EXPECT_TRUE(schedule_editable(S::kInProgress));
  EXPECT_FALSE(schedule_editable(S::kPendingReview));
  EXPECT_FALSE(schedule_editable(S::kCancelled));
}

TEST(AuditsRunWorkflow, StatusNamesAreTheDeclaredOnes) {
  EXPECT_EQ(kit::wire_name(S::kPendingReview), "pending_review");
  EXPECT_EQ(kit::parse_enum<S>("in_progress"), S::kInProgress);
  EXPECT_FALSE(kit::parse_enum<S>("draft").has_value());
  EXPECT_FALSE(kit::parse_enum<S>("COMPLETED").has_value());
}

}  // namespace
}  // namespace qgp::model::audits
