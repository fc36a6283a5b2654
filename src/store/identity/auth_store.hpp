#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qgp::db {
class Connection;
}

// SQL of authentication: credentials, login attempts (throttling), refresh tokens (sessions) and
// the principal of a request.
namespace qgp::store::identity {

struct Credentials {
  std::int64_t user_id = 0;
  std::string email;
  std::string password_hash;
  bool is_active = false;
};

std::optional<Credentials> find_credentials_by_email(db::Connection& connection,
                                                     std::string_view email);
std::optional<Credentials> find_credentials_by_id(db::Connection& connection, std::int64_t user_id);

struct LoginAttempt {
  std::string email;  // lowercased
  std::optional<std::int64_t> user_id;
  std::string client_address;  // may be empty
  bool succeeded = false;
  // unknown_user, bad_password, disabled, throttled, or pending (outcome not known yet)
  std::optional<std::string> failure_reason;
};
// Returns the attempt's id.
std::int64_t record_login_attempt(db::Connection& connection, const LoginAttempt& attempt);
// Gives a pending attempt its outcome (nullopt: succeeded) and, when known, its account.
void settle_login_attempt(db::Connection& connection, std::int64_t attempt_id,
                          std::optional<std::int64_t> user_id,
                          std::optional<std::string_view> failure_reason);
// Transaction-level locks on the throttle keys of the account and the address, held while the
// counts are checked and an attempt is reserved.
void lock_throttle_keys(db::Connection& connection, std::string_view email,
                        std::string_view client_address);

struct ThrottleLimits {
  int max_failures_per_account = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds window{900};
};
// Seconds until a new attempt for this email / from this address may be tried, 0 when it may be
// tried now. Counts failed and pending attempts (not throttled ones, so an attacker cannot extend
// a lock forever) inside the window; an account's count restarts at its last successful login.
std::int64_t throttle_retry_after(db::Connection& connection, std::string_view email,
                                  std::string_view client_address, const ThrottleLimits& limits);

void mark_login_succeeded(db::Connection& connection, std::int64_t user_id);
void mark_login_failed(db::Connection& connection, std::int64_t user_id);
void set_password_hash(db::Connection& connection, std::int64_t user_id, std::string_view hash);

struct NewRefreshToken {
  std::int64_t user_id = 0;
  std::string token_hash;
  std::optional<std::string> family_id;  // nullopt: a new family (a new login)
  std::chrono::seconds ttl{0};
  std::string user_agent;
  std::string client_address;
};
struct StoredRefreshToken {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::string family_id;
  bool expired = false;
  std::optional<std::string> revoked_reason;
};
// Returns the new token's id and family.
std::pair<std::int64_t, std::string> insert_refresh_token(db::Connection& connection,
                                                          const NewRefreshToken& token);
// Locks the row (FOR UPDATE) so concurrent refreshes of one token serialize.
std::optional<StoredRefreshToken> lock_refresh_token(db::Connection& connection,
                                                     std::string_view token_hash);
void mark_rotated(db::Connection& connection, std::int64_t token_id, std::int64_t replaced_by_id);
// Revokes every live token of the family / the user; returns how many were revoked.
std::int64_t revoke_family(db::Connection& connection, std::string_view family_id,
                           std::string_view reason);
std::int64_t revoke_user_tokens(db::Connection& connection, std::int64_t user_id,
                                std::string_view reason,
                                std::optional<std::string_view> except_family = std::nullopt);

// The active user behind a token with the union of their roles' permissions; nullopt when the
// user does not exist or is disabled, or when the token's session (refresh-token family) has no
// live token left: logged out, password changed, reuse detected, expired. One query.
struct PrincipalRecord {
  std::int64_t user_id = 0;
  std::string email;
  std::string display_name;
  bool is_superuser = false;
  std::vector<std::string> permissions;
};
std::optional<PrincipalRecord> load_active_principal(db::Connection& connection,
                                                     std::int64_t user_id,
                                                     std::string_view session_id);
// The same lookup sent ahead of the connection's next statement (db::Connection::send_ahead):
// `answered` gets the record when that statement's round trip returns.
void send_active_principal_ahead(db::Connection& connection, std::int64_t user_id,
                                 std::string_view session_id,
                                 std::function<void(std::optional<PrincipalRecord>)> answered);

}  // namespace qgp::store::identity
