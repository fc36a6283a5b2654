// The findings status machine and its note rules, without a database.
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "domain/audits/findings.hpp"

namespace qgp::domain::audits {
namespace {

TEST(FindingRules, TransitionTable) {
  EXPECT_TRUE(is_finding_transition_allowed("open", "in_progress"));
  EXPECT_TRUE(is_finding_transition_allowed("pending_verification", "closed"));
  EXPECT_TRUE(is_finding_transition_allowed("pending_verification", "in_progress"));
  EXPECT_TRUE(is_finding_transition_allowed("closed", "open"));
  EXPECT_FALSE(is_finding_transition_allowed("open", "closed"));
  EXPECT_FALSE(is_finding_transition_allowed("closed", "in_progress"));
  EXPECT_FALSE(is_finding_transition_allowed("in_progress", "open"));
  EXPECT_EQ(allowed_finding_targets("closed"), std::vector<std::string_view>{"open"});
  EXPECT_TRUE(finding_note_problem("observation", "closed", std::nullopt) == std::nullopt);
  EXPECT_TRUE(finding_note_problem("major_nonconformity", "closed", "  ").has_value());
}

}  // namespace
}  // namespace qgp::domain::audits
