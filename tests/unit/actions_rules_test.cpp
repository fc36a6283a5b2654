// The actions register's pure rules: every edge and refusal of the workflow (table-driven), the
// notes and stamps of each move, the separation of duties at verification, the effectiveness rule
// and the one-source rule.
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/actions/actions.hpp"
#include "kit/enums.hpp"
#include "model/actions/action.hpp"

namespace qgp::domain::actions {
namespace {

using S = ActionStatus;

core::Actor person(std::int64_t id, std::set<std::string, std::less<>> permissions) {
  return core::Actor{
      .user_id = id, .request_id = {}, .client_address = {}, .permissions = std::move(permissions)};
}

const core::Actor kWriter = person(1, {"actions:read", "actions:write"});
const core::Actor kVerifier = person(2, {"actions:read", "actions:verify"});
const core::Actor kBoth = person(3, {"actions:read", "actions:write", "actions:verify"});
const core::Actor kReader = person(4, {"actions:read"});

Action in(S status, std::optional<std::int64_t> completed_by = std::nullopt) {
  Action action;
  action.status = status;
  action.finding_id = 10;
  action.completed_by_id = completed_by;
  return action;
}

struct Expected {
  S from;
  S to;
  const core::Actor* taker;  // who may take it (another writer or verifier may not)
  bool needs_note;
};

// The whole table: seven edges; every other pair is refused with INVALID_TRANSITION.
const std::vector<Expected> kEdges = {
    {S::kOpen, S::kInProgress, &kWriter, false},
    {S::kOpen, S::kCancelled, &kWriter, true},
    {S::kInProgress, S::kCompleted, &kWriter, true},
    {S::kInProgress, S::kCancelled, &kWriter, true},
    {S::kCompleted, S::kVerified, &kVerifier, false},
    {S::kCompleted, S::kInProgress, &kWriter, true},
    {S::kVerified, S::kInProgress, &kWriter, true},
};

TEST(ActionWorkflow, EveryEdgeAndEveryMissingOne) {
  const auto& flow = kit::kWorkflow<Action>;
  int refused = 0;
  for (const auto from : kit::enum_values<S>()) {
    for (const auto to : kit::enum_values<S>()) {
      const auto row = in(from, 99);
      const Expected* expected = nullptr;
      for (const auto& e : kEdges) {
        if (e.from == from && e.to == to) {
          expected = &e;
        }
      }
      const auto name = fmt::format("{} -> {}", kit::wire_name(from), kit::wire_name(to));
      EXPECT_EQ(flow.edge(row, to) != nullptr, expected != nullptr) << name;
      if (expected == nullptr) {
        EXPECT_THROW(flow.check(row, to, std::string("why"), kBoth, "action"),
                     core::InvalidTransition)
            << name;
        ++refused;
        continue;
      }
      const auto moved =
          flow.moved(row, flow.check(row, to, std::string("why"), *expected->taker, "action"),
                     *expected->taker, std::string("why"));
      EXPECT_EQ(moved.status, to) << name;
      // A reader moves nothing; a writer does not verify; a verifier does nothing else.
      EXPECT_THROW(flow.check(row, to, std::string("why"), kReader, "action"), core::Forbidden)
          << name;
      const auto& other = expected->taker == &kWriter ? kVerifier : kWriter;
      EXPECT_THROW(flow.check(row, to, std::string("why"), other, "action"), core::Forbidden)
          << name;
      if (expected->needs_note) {
        EXPECT_THROW(flow.check(row, to, std::nullopt, *expected->taker, "action"),
                     core::ValidationError)
            << name;
        EXPECT_THROW(flow.check(row, to, std::string("  "), *expected->taker, "action"),
                     core::ValidationError)
            << name;
      } else {
        EXPECT_NO_THROW(flow.check(row, to, std::nullopt, *expected->taker, "action")) << name;
      }
    }
  }
  EXPECT_EQ(refused, 25 - 7);
  EXPECT_TRUE(flow.allowed(in(S::kOpen), kReader).empty());
  EXPECT_EQ(flow.allowed(in(S::kOpen), kWriter), (std::vector<S>{S::kInProgress, S::kCancelled}));
  EXPECT_TRUE(flow.allowed(in(S::kCancelled), kBoth).empty());
}

TEST(ActionWorkflow, TheCompleterNeverVerifies) {
  const auto& flow = kit::kWorkflow<Action>;
  // kBoth completes ...
  const auto completed = flow.moved(
      in(S::kInProgress),
      flow.check(in(S::kInProgress), S::kCompleted, std::string("done"), kBoth, "action"), kBoth,
      std::string("done"));
  EXPECT_EQ(completed.completed_by_id, kBoth.user_id);
  EXPECT_EQ(completed.completion_notes, "done");
  EXPECT_TRUE(completed.completed_at.has_value());
  // ... and, though holding actions:verify, may not verify (403, and it is not offered) ...
  EXPECT_THROW(flow.check(completed, S::kVerified, std::nullopt, kBoth, "action"), core::Forbidden);
  EXPECT_EQ(flow.allowed(completed, kBoth), std::vector<S>{S::kInProgress});
  // ... another verifier may.
  EXPECT_EQ(flow.allowed(completed, kVerifier), std::vector<S>{S::kVerified});
  const auto verified = flow.moved(
      completed, flow.check(completed, S::kVerified, std::string("seen"), kVerifier, "action"),
      kVerifier, std::string("seen"));
  EXPECT_EQ(verified.verified_by_id, kVerifier.user_id);
  EXPECT_EQ(verified.verification_notes, "seen");
  EXPECT_TRUE(verified.verified_at.has_value());
}

TEST(ActionWorkflow, CancellingStampsTheReasonAndReopeningWithdrawsTheVerdicts) {
  const auto& flow = kit::kWorkflow<Action>;
  const auto cancelled = flow.moved(
      in(S::kOpen), flow.check(in(S::kOpen), S::kCancelled, std::string("dup"), kWriter, "action"),
      kWriter, std::string("dup"));
  EXPECT_EQ(cancelled.cancellation_reason, "dup");
  EXPECT_EQ(cancelled.cancelled_by_id, kWriter.user_id);
  EXPECT_TRUE(cancelled.cancelled_at.has_value());

  auto verified = in(S::kVerified, 7);
  verified.completed_at = kit::Timestamp{"2026-01-01T00:00:00Z"};
  verified.verified_at = kit::Timestamp{"2026-01-02T00:00:00Z"};
  verified.verified_by_id = 8;
  verified.is_effective = true;
  verified.effectiveness_reviewed_at = kit::Timestamp{"2026-01-02T00:00:00Z"};
  verified.effectiveness_reviewed_by_id = 8;
  const auto reopened = flow.moved(
      verified, flow.check(verified, S::kInProgress, std::string("recurred"), kWriter, "action"),
      kWriter, std::string("recurred"));
  EXPECT_EQ(reopened.status, S::kInProgress);
  EXPECT_FALSE(reopened.completed_at || reopened.completed_by_id || reopened.verified_at
               || reopened.verified_by_id || reopened.is_effective
               || reopened.effectiveness_reviewed_at || reopened.effectiveness_reviewed_by_id);
}

TEST(ActionRules, EffectivenessIsReviewedBeforeAMajorNonconformityIsVerified) {
  auto action = in(S::kCompleted, 1);
  // Not required (not corrective of a major nonconformity): verified without a review.
  EXPECT_FALSE(effectiveness_problem(action).has_value());
  action.effectiveness_required = true;
  EXPECT_TRUE(effectiveness_problem(action).has_value());  // not reviewed
  action.is_effective = false;
  EXPECT_TRUE(effectiveness_problem(action).has_value());  // found ineffective: reopen it
  action.is_effective = true;
  EXPECT_FALSE(effectiveness_problem(action).has_value());
}

TEST(ActionRules, ExactlyOneSource) {
  Action action;
  EXPECT_TRUE(source_problem(action).has_value());
  action.risk_id = 3;
  EXPECT_FALSE(source_problem(action).has_value());
  action.finding_id = 4;
  EXPECT_TRUE(source_problem(action).has_value());
  Action incident;
  incident.incident_id = 5;
  EXPECT_FALSE(source_problem(incident).has_value());
}

}  // namespace
}  // namespace qgp::domain::actions
