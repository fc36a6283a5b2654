// The investigations' pure rules: every edge of the workflow and every missing one, the sign-off
// by someone other than the investigator (403, and not offered), the notes of the moves back, the
// sign-off stamps and what a reopen withdraws, the root cause needed for review and the one-case
// rule.
#include <optional>
#include <set>
#include <string>
#include <utility>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/investigations/investigations.hpp"
#include "kit/workflow.hpp"
#include "support/workflow_edges.hpp"

namespace qgp::domain::investigations {
namespace {

using S = InvestigationStatus;

core::Actor person(std::int64_t id, std::set<std::string, std::less<>> permissions) {
  return core::Actor{
      .user_id = id, .request_id = {}, .client_address = {}, .permissions = std::move(permissions)};
}

constexpr std::int64_t kInvestigatorId = 7;
const core::Actor kInvestigator = person(
    kInvestigatorId, {"investigations:read", "investigations:write", "investigations:signoff"});
const core::Actor kSigner = person(8, {"investigations:read", "investigations:signoff"});
const core::Actor kLead =
    person(9, {"investigations:read", "investigations:write", "investigations:signoff"});
const core::Actor kReader = person(10, {"investigations:read"});

Investigation in(S status) {
  Investigation investigation;
  investigation.status = status;
  investigation.incident_id = 3;
  investigation.investigator_id = kInvestigatorId;
  investigation.root_cause = "No interlock on the guard";
  return investigation;
}

TEST(InvestigationWorkflow, ExactlyFourEdgesEachRefusedToAReader) {
  qgp::testing::expect_exactly_these_edges<Investigation>({{S::kOpen, S::kInReview},
                                                           {S::kInReview, S::kOpen},
                                                           {S::kInReview, S::kSignedOff},
                                                           {S::kSignedOff, S::kOpen}},
                                                          kLead, kReader);
}

TEST(InvestigationWorkflow, SignedOffBySomeoneOtherThanTheInvestigator) {
  const auto& flow = kit::kWorkflow<Investigation>;
  const auto row = in(S::kInReview);
  // The investigator holds every permission and is still refused, and is not offered the move.
  EXPECT_THROW(flow.check(row, S::kSignedOff, std::nullopt, kInvestigator, "investigation"),
               core::Forbidden);
  EXPECT_EQ(flow.allowed(row, kInvestigator), std::vector<S>{S::kOpen});
  // Someone else with investigations:signoff may, and only that move (no write permission).
  EXPECT_NO_THROW(flow.check(row, S::kSignedOff, std::nullopt, kSigner, "investigation"));
  EXPECT_EQ(flow.allowed(row, kSigner), std::vector<S>{S::kSignedOff});
  // A writer without investigations:signoff may not.
  const auto writer = person(11, {"investigations:read", "investigations:write"});
  EXPECT_THROW(flow.check(row, S::kSignedOff, std::nullopt, writer, "investigation"),
               core::Forbidden);
}

TEST(InvestigationWorkflow, SignOffStampsAndAReopenWithdrawsThem) {
  const auto& flow = kit::kWorkflow<Investigation>;
  const std::optional<std::string> note = "Agreed: the interlock is the root cause";
  const auto signed_off =
      flow.moved(in(S::kInReview), flow.check(in(S::kInReview), S::kSignedOff, note, kSigner, "i"),
                 kSigner, note);
  EXPECT_EQ(signed_off.status, S::kSignedOff);
  EXPECT_TRUE(signed_off.signed_off_at.has_value());
  EXPECT_EQ(signed_off.signed_off_by_id, kSigner.user_id);
  EXPECT_EQ(signed_off.sign_off_notes, note);
  // Reopening needs a note, and withdraws the sign-off.
  EXPECT_THROW(flow.check(signed_off, S::kOpen, std::nullopt, kLead, "i"), core::ValidationError);
  EXPECT_THROW(flow.check(signed_off, S::kOpen, std::string("  "), kLead, "i"),
               core::ValidationError);
  const std::optional<std::string> why = "A second operator was hurt the same way";
  const auto reopened =
      flow.moved(signed_off, flow.check(signed_off, S::kOpen, why, kLead, "i"), kLead, why);
  EXPECT_EQ(reopened.status, S::kOpen);
  EXPECT_FALSE(reopened.signed_off_at.has_value());
  EXPECT_FALSE(reopened.signed_off_by_id.has_value());
  EXPECT_FALSE(reopened.sign_off_notes.has_value());
  // Sending back from review needs a note too; going to review stamps submitted_at.
  EXPECT_THROW(flow.check(in(S::kInReview), S::kOpen, std::nullopt, kLead, "i"),
               core::ValidationError);
  const auto submitted =
      flow.moved(in(S::kOpen), flow.check(in(S::kOpen), S::kInReview, std::nullopt, kLead, "i"),
                 kLead, std::nullopt);
  EXPECT_TRUE(submitted.submitted_at.has_value());
}

TEST(InvestigationRules, ReviewNeedsTheRootCauseAndACase) {
  auto investigation = in(S::kOpen);
  EXPECT_FALSE(review_problem(investigation).has_value());
  investigation.root_cause = std::nullopt;
  EXPECT_TRUE(review_problem(investigation).has_value());
  EXPECT_FALSE(case_problem(investigation).has_value());
  investigation.incident_id = std::nullopt;
  EXPECT_TRUE(case_problem(investigation).has_value());
}

}  // namespace
}  // namespace qgp::domain::investigations
