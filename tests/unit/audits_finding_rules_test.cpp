// The finding's declared workflow and its note rules, without a database.
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "model/audits/finding.hpp"

namespace qgp::model::audits {
namespace {

using S = FindingStatus;

Finding in(S status, FindingGrade grade = FindingGrade::kObservation) {
  Finding finding;
  finding.status = status;
  finding.grade = grade;
  return finding;
}

const core::Actor kVerifier{.user_id = 1,
                            .request_id = {},
                            .client_address = {},
                            .permissions = {"findings:write", "findings:verify"}};

TEST(FindingRules, TransitionTable) {
  const auto& flow = kit::kWorkflow<Finding>;
  EXPECT_NE(flow.edge(in(S::kOpen), S::kInProgress), nullptr);
  EXPECT_NE(flow.edge(in(S::kPendingVerification), S::kClosed), nullptr);
  EXPECT_NE(flow.edge(in(S::kPendingVerification), S::kInProgress), nullptr);
  EXPECT_NE(flow.edge(in(S::kClosed), S::kOpen), nullptr);
  EXPECT_EQ(flow.edge(in(S::kOpen), S::kClosed), nullptr);
  EXPECT_EQ(flow.edge(in(S::kClosed), S::kInProgress), nullptr);
  EXPECT_EQ(flow.edge(in(S::kInProgress), S::kOpen), nullptr);
  EXPECT_EQ(flow.allowed(in(S::kClosed), kVerifier), std::vector<S>{S::kOpen});
}

TEST(FindingRules, NotesAreRequiredToReopenAndToCloseANonconformity) {
  const auto& flow = kit::kWorkflow<Finding>;
  EXPECT_NO_THROW(
      flow.check(in(S::kPendingVerification), S::kClosed, std::nullopt, kVerifier, "finding"));
  EXPECT_THROW(flow.check(in(S::kPendingVerification, FindingGrade::kMajorNonconformity),
                          S::kClosed, std::string("  "), kVerifier, "finding"),
               core::ValidationError);
  EXPECT_THROW(flow.check(in(S::kClosed), S::kOpen, std::nullopt, kVerifier, "finding"),
               core::ValidationError);
  EXPECT_THROW(flow.check(in(S::kOpen), S::kClosed, std::string("x"), kVerifier, "finding"),
               core::InvalidTransition);
}

TEST(FindingRules, ClosingStampsAndReopeningClears) {
  const auto& flow = kit::kWorkflow<Finding>;
  auto finding = in(S::kPendingVerification);
  const auto closed =
      flow.moved(finding, flow.check(finding, S::kClosed, std::string("ok"), kVerifier, "finding"),
                 kVerifier, std::string("ok"));
  EXPECT_EQ(closed.status, S::kClosed);
  EXPECT_EQ(closed.closed_by_id, 1);
  EXPECT_EQ(closed.closed_at, kit::Timestamp::now());
  EXPECT_EQ(closed.verified_by_id, 1);
  EXPECT_EQ(closed.closure_notes, "ok");
  const auto reopened =
      flow.moved(closed, flow.check(closed, S::kOpen, std::string("again"), kVerifier, "finding"),
                 kVerifier, std::string("again"));
  EXPECT_FALSE(reopened.closed_at.has_value());
  EXPECT_FALSE(reopened.closed_by_id.has_value());
  EXPECT_FALSE(reopened.verified_by_id.has_value());
  EXPECT_EQ(reopened.verification_notes, "ok");  // kept as history
}

}  // namespace
}  // namespace qgp::model::audits
