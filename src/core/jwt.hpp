#pragma once

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

// JSON Web Tokens, HS256 only (RFC 7519 + RFC 8725's advice): the algorithm is fixed by the
// verifier, never taken from the token, so `alg: none` and algorithm confusion cannot work.
namespace qgp::core::jwt {

struct Claims {
  std::string type;             // "typ" claim: "access" for API tokens
  std::string subject;          // "sub": the user id as a decimal string
  std::string issuer;           // "iss"
  std::string audience;         // "aud"
  std::string token_id;         // "jti"
  std::string session_id;       // "sid": the login session (refresh-token family) it belongs to
  std::int64_t issued_at = 0;   // "iat", seconds since the epoch
  std::int64_t not_before = 0;  // "nbf"
  std::int64_t expires_at = 0;  // "exp"
};

struct Expectations {
  std::string type = "access";
  std::string issuer;
  std::string audience;
  std::chrono::seconds leeway{30};  // clock skew tolerated for exp, nbf and iat
};

// Why a token was refused; the message is for logs and tests, clients only ever see a generic 401.
class InvalidToken : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string sign(const Claims& claims, std::string_view key);

// The claims of a valid token; throws InvalidToken otherwise (malformed, wrong algorithm, bad
// signature, wrong typ/iss/aud, expired, not yet valid, issued in the future, missing claims —
// `sid` included: every token belongs to a session, so ending the session ends the token).
Claims verify(std::string_view token, std::string_view key, const Expectations& expected,
              std::int64_t now);

}  // namespace qgp::core::jwt
