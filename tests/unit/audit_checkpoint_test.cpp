// Checkpoint signatures and anchors of the audit chain, without a database.
#include <string>

#include <gtest/gtest.h>

#include "domain/audit/checkpoint_signing.hpp"
#include "domain/audit/history_verifier.hpp"

namespace qgp {
namespace {

using domain::audit::SigningKey;

constexpr std::string_view kSeed = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
const std::string kHead(64, 'a');

TEST(AuditCheckpoint, ASignatureHoldsForItsTextOnlyAndOnlyUnderItsKey) {
  const auto key = SigningKey::from_base64_seed(kSeed);
  ASSERT_TRUE(key.has_value());
  const auto text = domain::audit::checkpoint_text(42, kHead, 7, "2026-12-06T10:00:00.000001Z");
  EXPECT_EQ(text, "qgp-audit-checkpoint-v1;42;" + kHead + ";7;2026-12-06T10:00:00.000001Z");
  const auto signature = key->sign(text);
  EXPECT_EQ(signature.size(), 128U);
  EXPECT_TRUE(domain::audit::signature_valid(key->public_key(), text, signature));
  // Any field changed, another key, or a damaged signature: refused.
  EXPECT_FALSE(domain::audit::signature_valid(
      key->public_key(),
      domain::audit::checkpoint_text(43, kHead, 7, "2026-12-06T10:00:00.000001Z"), signature));
  EXPECT_FALSE(
      domain::audit::signature_valid(SigningKey::generate().public_key(), text, signature));
  auto damaged = signature;
  damaged[0] = damaged[0] == '0' ? '1' : '0';
  EXPECT_FALSE(domain::audit::signature_valid(key->public_key(), text, damaged));
  EXPECT_FALSE(domain::audit::signature_valid(key->public_key(), text, "zz"));
}

TEST(AuditCheckpoint, KeysRoundTripThroughBase64AndMalformedOnesAreRefused) {
  const auto key = SigningKey::from_base64_seed(kSeed);
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->seed_base64(), kSeed);
  EXPECT_EQ(key->key_id().size(), 16U);
  EXPECT_EQ(key->key_id(), domain::audit::key_id_of(key->public_key()));
  const auto public_text = domain::audit::public_key_base64(key->public_key());
  EXPECT_EQ(domain::audit::public_key_from_base64(public_text), key->public_key());
  EXPECT_FALSE(SigningKey::from_base64_seed("AQID").has_value());           // 3 bytes
  EXPECT_FALSE(SigningKey::from_base64_seed(std::string(kSeed) + "AAAA"));  // 35 bytes
  EXPECT_FALSE(SigningKey::from_base64_seed("not base64 at all!!").has_value());
  const auto other = domain::audit::public_key_base64(SigningKey::generate().public_key());
  const auto list = domain::audit::public_keys_from_list(public_text + ", " + other + "\n");
  ASSERT_TRUE(list.has_value());
  EXPECT_EQ(list->size(), 2U);
  EXPECT_FALSE(domain::audit::public_keys_from_list(public_text + ",nope").has_value());
  EXPECT_TRUE(domain::audit::public_keys_from_list("")->empty());
}

TEST(AuditCheckpoint, AnchorsArePositionColonHash) {
  const auto anchor = domain::audit::parse_anchor("17:" + kHead);
  ASSERT_TRUE(anchor.has_value());
  EXPECT_EQ(anchor->position, 17);
  EXPECT_EQ(anchor->hash, kHead);
  EXPECT_FALSE(domain::audit::parse_anchor(kHead).has_value());
  EXPECT_FALSE(domain::audit::parse_anchor("0:" + kHead).has_value());
  EXPECT_FALSE(domain::audit::parse_anchor("x:" + kHead).has_value());
  EXPECT_FALSE(domain::audit::parse_anchor("17:" + kHead.substr(1)).has_value());
  EXPECT_FALSE(domain::audit::parse_anchor("17:" + std::string(64, 'G')).has_value());
}

}  // namespace
}  // namespace qgp
