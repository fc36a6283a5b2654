// Access-token validation matrix (core/jwt) and the password rules (domain/identity/password).
#include <string>

#include <sodium.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/jwt.hpp"
#include "domain/identity/password.hpp"

namespace qgp {
namespace {

using core::jwt::Claims;
using core::jwt::Expectations;
using core::jwt::InvalidToken;

constexpr std::string_view kKey = "0123456789abcdef0123456789abcdef-test-key";
constexpr std::int64_t kNow = 1'800'000'000;

Claims valid_claims() {
  return Claims{.type = "access",
                .subject = "42",
                .issuer = "qgp",
                .audience = "qgp-api",
                .token_id = "jti-1",
                .session_id = "5f0c6d0e-8e0b-4c55-9d1e-2a7a2f0c9b11",
                .issued_at = kNow - 10,
                .not_before = kNow - 10,
                .expires_at = kNow + 900};
}

Expectations expectations() {
  return Expectations{.type = "access", .issuer = "qgp", .audience = "qgp-api"};
}

std::string b64url(std::string_view text) {
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                  '\0');
  sodium_bin2base64(out.data(), out.size(),
                    reinterpret_cast<const unsigned char*>(text.data()),  // NOLINT
                    text.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

// A token whose payload is `payload` under `header`, signed correctly with kKey.
std::string signed_token(const nlohmann::json& header, const nlohmann::json& payload) {
  const auto input = b64url(header.dump()) + "." + b64url(payload.dump());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state,
                              reinterpret_cast<const unsigned char*>(kKey.data()),  // NOLINT
                              kKey.size());
  crypto_auth_hmacsha256_update(&state,
                                reinterpret_cast<const unsigned char*>(input.data()),  // NOLINT
                                input.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  return input + "."
         + b64url(
             std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));  // NOLINT
}

nlohmann::json payload_of(const Claims& c) {
  return {{"typ", c.type},      {"sub", c.subject},    {"iss", c.issuer},
          {"aud", c.audience},  {"jti", c.token_id},   {"sid", c.session_id},
          {"iat", c.issued_at}, {"nbf", c.not_before}, {"exp", c.expires_at}};
}

void expect_refused(const std::string& token, const std::string& why,
                    const Expectations& expected = expectations()) {
  try {
    core::jwt::verify(token, kKey, expected, kNow);
    ADD_FAILURE() << "accepted a token that should fail: " << why;
  } catch (const InvalidToken& e) {
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
  }
}

TEST(AccessToken, ARoundTripKeepsEveryClaim) {
  const auto token = core::jwt::sign(valid_claims(), kKey);
  const auto claims = core::jwt::verify(token, kKey, expectations(), kNow);
  EXPECT_EQ(claims.subject, "42");
  EXPECT_EQ(claims.token_id, "jti-1");
  EXPECT_EQ(claims.session_id, "5f0c6d0e-8e0b-4c55-9d1e-2a7a2f0c9b11");
  EXPECT_EQ(claims.expires_at, kNow + 900);
}

TEST(AccessToken, ExpiredAndNotYetValidAreRefusedBeyondTheLeeway) {
  auto claims = valid_claims();
  claims.expires_at = kNow - 31;
  expect_refused(core::jwt::sign(claims, kKey), "expired");
  claims.expires_at = kNow - 29;  // inside the 30 s leeway
  EXPECT_NO_THROW(core::jwt::verify(core::jwt::sign(claims, kKey), kKey, expectations(), kNow));
  claims = valid_claims();
  claims.not_before = kNow + 60;
  expect_refused(core::jwt::sign(claims, kKey), "not yet valid");
  claims = valid_claims();
  claims.issued_at = kNow + 3600;
  expect_refused(core::jwt::sign(claims, kKey), "issued in the future");
}

TEST(AccessToken, WrongAudienceIssuerOrTypeAreRefused) {
  auto claims = valid_claims();
  claims.audience = "another-api";
  expect_refused(core::jwt::sign(claims, kKey), "audience");
  claims = valid_claims();
  claims.issuer = "someone-else";
  expect_refused(core::jwt::sign(claims, kKey), "issuer");
  claims = valid_claims();
  claims.type = "refresh";
  expect_refused(core::jwt::sign(claims, kKey), "typ");
}

TEST(AccessToken, ABadSignatureOrAnotherKeyIsRefused) {
  const auto token = core::jwt::sign(valid_claims(), kKey);
  expect_refused(token.substr(0, token.size() - 3) + "AAA", "signature");
  EXPECT_THROW(core::jwt::verify(token, "another key of enough length......", expectations(), kNow),
               InvalidToken);
  expect_refused(token.substr(0, token.rfind('.') + 1), "signature");
}

TEST(AccessToken, AlgNoneAndOtherAlgorithmsAreRefused) {
  const auto payload = payload_of(valid_claims());
  expect_refused(b64url(R"({"alg":"none","typ":"JWT"})") + "." + b64url(payload.dump()) + ".",
                 "algorithm");
  expect_refused(signed_token({{"alg", "HS512"}, {"typ", "JWT"}}, payload), "algorithm");
  expect_refused(signed_token({{"alg", "RS256"}, {"typ", "JWT"}}, payload), "algorithm");
  expect_refused(signed_token({{"typ", "JWT"}}, payload), "algorithm");
  // The same header and payload with HS256 pass: the refusals above are about the algorithm.
  EXPECT_NO_THROW(core::jwt::verify(signed_token({{"alg", "HS256"}, {"typ", "JWT"}}, payload), kKey,
                                    expectations(), kNow));
}

TEST(AccessToken, ATamperedPayloadIsRefused) {
  const auto token = core::jwt::sign(valid_claims(), kKey);
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  auto forged = valid_claims();
  forged.subject = "1";  // become user 1 (say, the administrator)
  const auto tampered =
      token.substr(0, first + 1) + b64url(payload_of(forged).dump()) + token.substr(second);
  expect_refused(tampered, "signature");
}

TEST(AccessToken, MalformedTokensAndMissingClaimsAreRefused) {
  expect_refused("", "segments");
  expect_refused("a.b", "segments");
  expect_refused("a.b.c.d", "segments");
  expect_refused("!!!.e30.sig", "header");
  expect_refused(b64url("[1,2]") + "." + b64url("{}") + ".x", "header");
  auto payload = payload_of(valid_claims());
  payload.erase("jti");
  expect_refused(signed_token({{"alg", "HS256"}}, payload), "jti");
  payload = payload_of(valid_claims());
  payload.erase("sid");  // a token outside any session could never be revoked
  expect_refused(signed_token({{"alg", "HS256"}}, payload), "sid");
  payload = payload_of(valid_claims());
  payload["exp"] = "tomorrow";
  expect_refused(signed_token({{"alg", "HS256"}}, payload), "exp");
  payload = payload_of(valid_claims());
  payload["sub"] = 42;
  expect_refused(signed_token({{"alg", "HS256"}}, payload), "sub");
}

TEST(Password, PolicyRefusesShortLongCommonAndEmailPasswords) {
  using domain::identity::password_policy_problem;
  EXPECT_TRUE(password_policy_problem("short").has_value());
  EXPECT_TRUE(password_policy_problem(std::string(257, 'x') + "y").has_value());
  EXPECT_TRUE(password_policy_problem("Password1234").has_value());  // common, any case
  EXPECT_TRUE(password_policy_problem("aaaaaaaaaaaaaaaa").has_value());
  EXPECT_TRUE(password_policy_problem("Anna@Example.test", "anna@example.test").has_value());
  EXPECT_FALSE(password_policy_problem("correct horse battery 9").has_value());
  EXPECT_FALSE(
      password_policy_problem(std::string(200, 'a') + "bcdefghijklmnopqrstuvwxyz").has_value());
}

TEST(Password, Argon2idHashesTheWholePasswordNoTruncation) {
  const domain::identity::PasswordHashCost cheap{.opslimit = 1, .memlimit_bytes = 8U << 20U};
  // bcrypt silently ignored everything after byte 72; these differ only at byte 100.
  const std::string base(99, 'p');
  const auto hash = domain::identity::hash_password(base + "A", cheap);
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(domain::identity::verify_password(hash, base + "A"));
  EXPECT_FALSE(domain::identity::verify_password(hash, base + "B"));
  EXPECT_FALSE(domain::identity::verify_password("not a hash", base + "A"));
  EXPECT_NE(hash, domain::identity::hash_password(base + "A", cheap));  // salted
}

TEST(Crypto, RefreshTokensAreLongRandomAndUrlSafe) {
  const auto a = core::random_token();
  const auto b = core::random_token();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43U);  // 32 bytes, unpadded base64url
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  EXPECT_EQ(core::sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace qgp
