#pragma once

// The bodies of sign-in, token refresh, sign-out and password change, and the token pair they
// answer with (ADR-0005). Passwords and tokens are sensitive: parse errors name the field, never
// its value.

#include <cstdint>
#include <optional>
#include <string>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "model/identity/user.hpp"

namespace qgp::model::identity {

// Refresh tokens are 32 random bytes in base64url (43 characters); longer input is not one.
inline constexpr std::int64_t kMaxRefreshTokenInput = 200;

struct LoginRequest {
  std::string email;
  std::string password;
};

constexpr auto describe(kit::Tag<LoginRequest> /*unused*/) {
  return kit::resource<LoginRequest>(
      {.name = "LoginRequest"},
      kit::field("email", &LoginRequest::email).text(1, kit::max_of<User>("email")),
      kit::field("password", &LoginRequest::password).text(0, kMaxPasswordInput).write_only());
}

struct RefreshRequest {
  std::string refresh_token;
};

constexpr auto describe(kit::Tag<RefreshRequest> /*unused*/) {
  return kit::resource<RefreshRequest>({.name = "RefreshRequest"},
                                       kit::field("refresh_token", &RefreshRequest::refresh_token)
                                           .text(1, kMaxRefreshTokenInput)
                                           .write_only());
}

struct LogoutRequest {
  std::optional<std::string> refresh_token;
  bool all = false;
};

constexpr auto describe(kit::Tag<LogoutRequest> /*unused*/) {
  return kit::resource<LogoutRequest>(
      {.name = "LogoutRequest"},
      kit::field("refresh_token", &LogoutRequest::refresh_token)
          .text(1, kMaxRefreshTokenInput)
          .write_only()
          .describe("The session to end; required unless all is true"),
      kit::field("all", &LogoutRequest::all)
          .defaulted()
          .describe("true: end every session of the signed-in user"));
}

struct ChangePasswordRequest {
  std::string current_password;
  std::string new_password;
};

constexpr auto describe(kit::Tag<ChangePasswordRequest> /*unused*/) {
  using R = ChangePasswordRequest;
  return kit::resource<R>(
      {.name = "ChangePasswordRequest"},
      kit::field("current_password", &R::current_password).text(0, kMaxPasswordInput).write_only(),
      kit::field("new_password", &R::new_password)
          .text(0, kMaxPasswordInput)
          .write_only()
          .describe("12-256 bytes, not a well-known password, not the email, not the current one"));
}

QGP_KIT_ENUM(TokenType, kBearer)

// An access token (JWT, sent as `Authorization: Bearer ...`) and the refresh token of its session.
struct TokenPair {
  std::string access_token;
  TokenType token_type = TokenType::kBearer;
  std::int64_t expires_in = 0;  // seconds until the access token expires
  std::string refresh_token;
};

constexpr auto describe(kit::Tag<TokenPair> /*unused*/) {
  return kit::resource<TokenPair>(
      {.name = "TokenPair"}, kit::field("access_token", &TokenPair::access_token).server(),
      kit::field("token_type", &TokenPair::token_type).server(),
      kit::field("expires_in", &TokenPair::expires_in)
          .server()
          .describe("Seconds until the access token expires"),
      kit::field("refresh_token", &TokenPair::refresh_token)
          .server()
          .describe("For POST /api/v1/auth/refresh; rotated on every use"));
}

}  // namespace qgp::model::identity
