// The audit chain's canonical form and the verifier, without a database.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/audit/chain_verifier.hpp"
#include "store/audit/audit_hash.hpp"

namespace qgp {
namespace {

using store::audit::ChainRow;
using store::audit::HashedRow;

HashedRow row_with(std::string changes) {
  return HashedRow{.occurred_at = "2026-11-25T02:00:00.000001Z",
                   .actor_user_id = "7",
                   .request_id = "req",
                   .client_address = "192.0.2.1",
                   .action = "update",
                   .entity_type = "incident",
                   .entity_id = "3",
                   .changes = std::move(changes)};
}

std::vector<ChainRow> chain(int length) {
  std::vector<ChainRow> rows;
  std::string previous;
  for (int i = 1; i <= length; ++i) {
    ChainRow row{.id = i,
                 .hashed = row_with(R"({"n": )" + std::to_string(i) + "}"),
                 .prev_hash = i == 1 ? std::nullopt : std::optional(previous),
                 .hash = {}};
    row.hash = store::audit::chain_hash(previous, row.hashed);
    previous = row.hash;
    rows.push_back(row);
  }
  return rows;
}

std::optional<domain::audit::ChainBreak> verify(const std::vector<ChainRow>& rows) {
  domain::audit::ChainVerifier verifier;
  for (const auto& row : rows) {
    if (!verifier.feed(row)) {
      break;
    }
  }
  return verifier.first_break();
}

TEST(AuditChain, CanonicalFormSeparatesNullFromTextAndFieldBoundaries) {
  auto a = row_with("{}");
  auto b = a;
  b.request_id = std::nullopt;
  auto c = a;
  c.request_id = "-";
  EXPECT_NE(store::audit::canonical_row(a), store::audit::canonical_row(b));
  EXPECT_NE(store::audit::canonical_row(b), store::audit::canonical_row(c));
  // Moving bytes from one field into the next must change the form (length prefixes).
  auto d = a;
  d.action = "up";
  d.entity_type = "dateincident";
  EXPECT_NE(store::audit::canonical_row(a), store::audit::canonical_row(d));
  EXPECT_EQ(store::audit::chain_hash("", a), store::audit::chain_hash("", row_with("{}")));
  EXPECT_NE(store::audit::chain_hash("", a), store::audit::chain_hash(std::string(64, '0'), a));
}

TEST(AuditChain, AnIntactChainVerifies) {
  EXPECT_FALSE(verify(chain(5)).has_value());
  EXPECT_FALSE(verify({}).has_value());
}

TEST(AuditChain, AnEditedRowFailsItsOwnHash) {
  auto rows = chain(5);
  rows[2].hashed.changes = R"({"n": 999})";
  const auto broken = verify(rows);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->row_id, 3);
  EXPECT_NE(broken->reason.find("modified"), std::string::npos);
}

TEST(AuditChain, ARemovedRowBreaksTheNextLink) {
  auto rows = chain(5);
  rows.erase(rows.begin() + 1);
  const auto broken = verify(rows);
  ASSERT_TRUE(broken.has_value());
  EXPECT_EQ(broken->row_id, 3);
  EXPECT_NE(broken->reason.find("prev_hash"), std::string::npos);
}

TEST(AuditChain, SwappedOrInsertedRowsAndATruncatedHeadAreFound) {
  auto swapped = chain(5);
  std::swap(swapped[1], swapped[2]);
  ASSERT_TRUE(verify(swapped).has_value());
  EXPECT_EQ(verify(swapped)->row_id, 3);

  auto inserted = chain(5);
  auto extra = inserted[2];
  extra.id = 99;
  inserted.insert(inserted.begin() + 3, extra);
  ASSERT_TRUE(verify(inserted).has_value());

  auto headless = chain(5);
  headless.erase(headless.begin());
  ASSERT_TRUE(verify(headless).has_value());
  EXPECT_EQ(verify(headless)->row_id, 2);
}

}  // namespace
}  // namespace qgp
