#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "domain/identity/password.hpp"
#include "model/identity/auth.hpp"
#include "model/identity/user.hpp"
#include "store/identity/auth_store.hpp"

namespace qgp::core {
struct Config;
}
namespace qgp::db {
class Connection;
class Pool;
}  // namespace qgp::db

// Login, token rotation, logout and password change (issue 6, ADR-0005). Every outcome that
// matters to an auditor writes an audit_log row in the same transaction as its effect.
namespace qgp::domain::identity {

struct AuthSettings {
  PasswordHashCost cost;
  std::string signing_key;
  std::string issuer;
  std::string audience;
  std::chrono::seconds access_ttl{900};
  std::chrono::seconds refresh_ttl{std::chrono::hours(24 * 14)};
  store::identity::ThrottleLimits throttle;

  // From the configuration. An empty SECRET_KEY (allowed only in development and testing) is
  // replaced by a random per-process key: tokens then die with the process, never forgeable.
  static AuthSettings from_config(const core::Config& config);
};

// Argon2id runs at once (PASSWORD_HASH_CONCURRENCY, 0: half the cores) and callers admitted to
// the hashing queue, running or waiting: PASSWORD_HASH_QUEUE (at least one more than run at once),
// each on a password thread of the server (docs/adr/0012).
unsigned password_hash_concurrency(const core::Config& config);
unsigned password_hash_capacity(const core::Config& config);

using model::identity::TokenPair;

// Where a request comes from, for throttling, sessions and the audit trail.
struct ClientInfo {
  std::string client_address;
  std::string user_agent;
  std::string request_id;
};

// Unknown email, wrong password and disabled account all fail the same way (same error, same
// Argon2id cost), so a response never tells which one it was. Throws core::RateLimited when the
// account or the address has too many recent failures, core::Unauthenticated otherwise. Takes the
// pool, not a connection: no connection is held while the password is compared (Argon2id may
// queue behind other logins), so a login burst cannot starve the pool.
TokenPair login(db::Pool& pool, const AuthSettings& settings, std::string_view email,
                std::string_view password, const ClientInfo& client);

// Rotates a refresh token. Presenting a token that was already rotated or revoked is treated as
// theft: the whole family (every token descended from that login) is revoked, and the call fails.
TokenPair refresh(db::Connection& connection, const AuthSettings& settings,
                  std::string_view refresh_token, const ClientInfo& client);

// Revokes the presented refresh token's family, or every session of the user when `everywhere`,
// in the caller's unit of work.
void logout(db::Transaction& tx, const core::Actor& actor,
            std::optional<std::string_view> refresh_token, bool everywhere);

// Checks the current password (throttled like a login), applies the policy, stores the new hash
// and revokes every session, the caller's included; returns a token pair for a new session.
TokenPair change_password(db::Pool& pool, const AuthSettings& settings, const core::Actor& actor,
                          std::string_view current_password, std::string_view new_password,
                          const ClientInfo& client);

// The signed-in user as GET /auth/me shows it: the user with the effective permissions
// (effective_permissions: every permission of the catalog for a superuser). nullopt when the
// user no longer exists.
std::optional<model::identity::Me> current_profile(db::Connection& connection,
                                                   std::int64_t user_id);

// The principal behind an access token (validated here), or nullopt for an invalid token, a
// disabled/unknown user, or a session that has ended (logout, password change, reuse detected).
std::optional<store::identity::PrincipalRecord> authenticate_access_token(
    db::Connection& connection, const AuthSettings& settings, std::string_view token);

// The same check in two halves, so that the lookup can share the round trip of the request's
// first statement (docs/adr/0012): the token is validated here, and when it is valid the
// principal's lookup is sent ahead on `connection` (db::Connection::send_ahead) and `answered`
// gets what it finds. Returns false, sending nothing, for an invalid token.
bool send_access_token_principal_ahead(
    db::Connection& connection, const AuthSettings& settings, std::string_view token,
    std::function<void(std::optional<store::identity::PrincipalRecord>)> answered);

}  // namespace qgp::domain::identity
