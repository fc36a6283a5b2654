// The audit run state machine (domain/audits/run_state.hpp): every allowed transition and a sample
// of refused ones, with a message that names from, to and the allowed targets.
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/audits/run_state.hpp"

namespace qgp::domain::audits {
namespace {

TEST(AuditsRunState, EveryAllowedTransition) {
  EXPECT_EQ(apply_verb(RunVerb::kStart, RunStatus::kScheduled, false), RunStatus::kInProgress);
  EXPECT_EQ(apply_verb(RunVerb::kCancel, RunStatus::kScheduled, false), RunStatus::kCancelled);
  EXPECT_EQ(apply_verb(RunVerb::kComplete, RunStatus::kInProgress, false), RunStatus::kCompleted);
  EXPECT_EQ(apply_verb(RunVerb::kComplete, RunStatus::kInProgress, true),
            RunStatus::kPendingReview);
  EXPECT_EQ(apply_verb(RunVerb::kCancel, RunStatus::kInProgress, false), RunStatus::kCancelled);
  EXPECT_EQ(apply_verb(RunVerb::kApprove, RunStatus::kPendingReview, true), RunStatus::kCompleted);
  EXPECT_EQ(apply_verb(RunVerb::kReject, RunStatus::kPendingReview, true), RunStatus::kInProgress);

  EXPECT_NO_THROW(check_transition(RunStatus::kScheduled, RunStatus::kInProgress));
  EXPECT_NO_THROW(check_transition(RunStatus::kScheduled, RunStatus::kCancelled));
  EXPECT_NO_THROW(check_transition(RunStatus::kInProgress, RunStatus::kCompleted));
  EXPECT_NO_THROW(check_transition(RunStatus::kInProgress, RunStatus::kPendingReview));
  EXPECT_NO_THROW(check_transition(RunStatus::kInProgress, RunStatus::kCancelled));
  EXPECT_NO_THROW(check_transition(RunStatus::kPendingReview, RunStatus::kCompleted));
  EXPECT_NO_THROW(check_transition(RunStatus::kPendingReview, RunStatus::kInProgress));
}

TEST(AuditsRunState, AllowedTargetsPerStatus) {
  using V = std::vector<RunStatus>;
  EXPECT_EQ(allowed_targets(RunStatus::kScheduled),
            (V{RunStatus::kInProgress, RunStatus::kCancelled}));
  EXPECT_EQ(allowed_targets(RunStatus::kInProgress),
            (V{RunStatus::kCompleted, RunStatus::kPendingReview, RunStatus::kCancelled}));
  EXPECT_EQ(allowed_targets(RunStatus::kPendingReview),
            (V{RunStatus::kCompleted, RunStatus::kInProgress}));
  EXPECT_TRUE(allowed_targets(RunStatus::kCompleted).empty());
  EXPECT_TRUE(allowed_targets(RunStatus::kCancelled).empty());
}

TEST(AuditsRunState, RefusedTransitionsNameFromToAndAllowed) {
  try {
    check_transition(RunStatus::kScheduled, RunStatus::kCompleted);
    FAIL() << "scheduled -> completed must be refused";
  } catch (const core::InvalidTransition& e) {
    EXPECT_EQ(std::string(e.what()),
              "an audit run cannot move from scheduled to completed; allowed from scheduled: "
              "in_progress, cancelled");
  }
  try {
    (void)apply_verb(RunVerb::kStart, RunStatus::kCompleted, false);
    FAIL() << "a completed run cannot start";
  } catch (const core::InvalidTransition& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot start an audit run that is completed; allowed from completed: none (final "
              "state)");
  }
  EXPECT_THROW(check_transition(RunStatus::kCompleted, RunStatus::kInProgress),
               core::InvalidTransition);
  EXPECT_THROW(check_transition(RunStatus::kCancelled, RunStatus::kScheduled),
               core::InvalidTransition);
  EXPECT_THROW(check_transition(RunStatus::kPendingReview, RunStatus::kCancelled),
               core::InvalidTransition);
  EXPECT_THROW(check_transition(RunStatus::kInProgress, RunStatus::kScheduled),
               core::InvalidTransition);
  EXPECT_THROW((void)apply_verb(RunVerb::kComplete, RunStatus::kScheduled, false),
               core::InvalidTransition);
  EXPECT_THROW((void)apply_verb(RunVerb::kApprove, RunStatus::kInProgress, true),
               core::InvalidTransition);
  EXPECT_THROW((void)apply_verb(RunVerb::kReject, RunStatus::kCompleted, true),
               core::InvalidTransition);
  EXPECT_THROW((void)apply_verb(RunVerb::kCancel, RunStatus::kCompleted, false),
               core::InvalidTransition);
  EXPECT_THROW((void)apply_verb(RunVerb::kCancel, RunStatus::kCancelled, false),
               core::InvalidTransition);
}

TEST(AuditsRunState, StatusNamesRoundTrip) {
  for (const auto status :
       {RunStatus::kScheduled, RunStatus::kInProgress, RunStatus::kPendingReview,
        RunStatus::kCompleted, RunStatus::kCancelled}) {
    EXPECT_EQ(parse_run_status(to_string(status)), status);
  }
  EXPECT_FALSE(parse_run_status("draft").has_value());
  EXPECT_FALSE(parse_run_status("COMPLETED").has_value());
}

TEST(AuditsRunState, AnswersOnlyInProgressScheduleEditableUntilDone) {
  EXPECT_TRUE(accepts_answers(RunStatus::kInProgress));
  EXPECT_FALSE(accepts_answers(RunStatus::kScheduled));
  EXPECT_FALSE(accepts_answers(RunStatus::kPendingReview));
  EXPECT_FALSE(accepts_answers(RunStatus::kCompleted));
  EXPECT_TRUE(schedule_editable(RunStatus::kScheduled));
  EXPECT_TRUE(schedule_editable(RunStatus::kInProgress));
  EXPECT_FALSE(schedule_editable(RunStatus::kPendingReview));
  EXPECT_FALSE(schedule_editable(RunStatus::kCancelled));
}

}  // namespace
}  // namespace qgp::domain::audits
