#include "core/jwt.hpp"

#include <array>
#include <optional>
#include <vector>

#include <sodium.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace qgp::core::jwt {

namespace {

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string base64url(std::string_view text) {
  return base64url(reinterpret_cast<const unsigned char*>(text.data()),  // NOLINT: byte view
                   text.size());
}

std::optional<std::string> decode_base64url(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()),  // NOLINT: byte view
                        out.size(), text.data(), text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING)
          != 0
      || end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

Mac mac_of(std::string_view signing_input, std::string_view key) {
  Mac mac{};
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state,
                              reinterpret_cast<const unsigned char*>(key.data()),  // NOLINT
                              key.size());
  crypto_auth_hmacsha256_update(
      &state, reinterpret_cast<const unsigned char*>(signing_input.data()),  // NOLINT
      signing_input.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  return mac;
}

nlohmann::json decode_object(std::string_view segment, const char* what) {
  const auto text = decode_base64url(segment);
  if (!text) {
    throw InvalidToken(fmt::format("{} is not base64url", what));
  }
  auto value = nlohmann::json::parse(*text, nullptr, false);
  if (!value.is_object()) {
    throw InvalidToken(fmt::format("{} is not a JSON object", what));
  }
  return value;
}

std::string string_claim(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_string() || it->get_ref<const std::string&>().empty()) {
    throw InvalidToken(fmt::format("claim {} is missing or not a string", name));
  }
  return it->get<std::string>();
}

std::int64_t time_claim(const nlohmann::json& payload, const char* name) {
  const auto it = payload.find(name);
  if (it == payload.end() || !it->is_number_integer()) {
    throw InvalidToken(fmt::format("claim {} is missing or not an integer", name));
  }
  return it->get<std::int64_t>();
}

}  // namespace

std::string sign(const Claims& claims, std::string_view key) {
  static const std::string kHeader = base64url(R"({"alg":"HS256","typ":"JWT"})");
  const nlohmann::json payload = {
      {"typ", claims.type},      {"sub", claims.subject},    {"iss", claims.issuer},
      {"aud", claims.audience},  {"jti", claims.token_id},   {"sid", claims.session_id},
      {"iat", claims.issued_at}, {"nbf", claims.not_before}, {"exp", claims.expires_at},
  };
  auto token = kHeader + "." + base64url(payload.dump());
  const auto mac = mac_of(token, key);
  token += ".";
  token += base64url(mac.data(), mac.size());
  return token;
}

Claims verify(std::string_view token, std::string_view key, const Expectations& expected,
              std::int64_t now) {
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    throw InvalidToken("not three dot-separated segments");
  }
  const auto header = decode_object(token.substr(0, first), "header");
  if (header.value("alg", "") != "HS256") {
    throw InvalidToken("algorithm is not HS256");
  }
  if (header.contains("crit")) {
    throw InvalidToken("critical header extensions are not supported");
  }
  const auto signature = decode_base64url(token.substr(second + 1));
  const auto mac = mac_of(token.substr(0, second), key);
  if (!signature || signature->size() != mac.size()
      || sodium_memcmp(signature->data(), mac.data(), mac.size()) != 0) {
    throw InvalidToken("bad signature");
  }
  const auto payload = decode_object(token.substr(first + 1, second - first - 1), "payload");
  Claims claims;
  claims.type = string_claim(payload, "typ");
  claims.subject = string_claim(payload, "sub");
  claims.issuer = string_claim(payload, "iss");
  claims.audience = string_claim(payload, "aud");
  claims.token_id = string_claim(payload, "jti");
  claims.session_id = string_claim(payload, "sid");
  claims.issued_at = time_claim(payload, "iat");
  claims.not_before = time_claim(payload, "nbf");
  claims.expires_at = time_claim(payload, "exp");
  const auto leeway = expected.leeway.count();
  if (claims.type != expected.type) {
    throw InvalidToken(fmt::format("typ is {}, expected {}", claims.type, expected.type));
  }
  if (claims.issuer != expected.issuer) {
    throw InvalidToken("wrong issuer");
  }
  if (claims.audience != expected.audience) {
    throw InvalidToken("wrong audience");
  }
  if (now >= claims.expires_at + leeway) {
    throw InvalidToken("expired");
  }
  if (now + leeway < claims.not_before) {
    throw InvalidToken("not yet valid");
  }
  if (now + leeway < claims.issued_at) {
    throw InvalidToken("issued in the future");
  }
  return claims;
}

}  // namespace qgp::core::jwt
