#include "domain/identity/auth_service.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <thread>
#include <utility>

#include <fmt/format.h>

#include "core/config.hpp"
#include "core/crypto.hpp"
#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/jwt.hpp"
#include "core/logging.hpp"
#include "db/connection.hpp"
#include "db/pool.hpp"
#include "db/transaction.hpp"
#include "domain/identity/permissions.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/kit/rows.hpp"

namespace qgp::domain::identity {

namespace {

namespace auth_store = store::identity;

constexpr std::string_view kInvalidCredentials = "invalid email or password";
constexpr std::string_view kInvalidSession = "invalid or expired session";

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

core::Actor actor_for(std::optional<std::int64_t> user_id, const ClientInfo& client) {
  return core::Actor{
      .user_id = user_id, .request_id = client.request_id, .client_address = client.client_address};
}

void audit(db::Connection& connection, const core::Actor& actor, std::string action,
           std::optional<std::int64_t> user_id, store::audit::ChangeSet changes = {},
           std::string note = {}) {
  store::audit::append(connection, actor,
                       store::audit::Entry{.action = std::move(action),
                                           .entity_type = "user",
                                           .entity_id = user_id,
                                           .changes = std::move(changes).take(),
                                           .note = std::move(note)});
}

// Stores a new refresh token (in `family`, or a new family: a new session) and issues an access
// token bound to that session (`sid`), so ending the session ends its access tokens too.
TokenPair issue_tokens(db::Connection& connection, const AuthSettings& settings,
                       std::int64_t user_id, std::optional<std::string> family,
                       const ClientInfo& client, std::int64_t* new_token_id = nullptr) {
  TokenPair pair;
  pair.refresh_token = core::random_token();
  const auto [id, family_id] = auth_store::insert_refresh_token(
      connection, auth_store::NewRefreshToken{.user_id = user_id,
                                              .token_hash = core::sha256_hex(pair.refresh_token),
                                              .family_id = std::move(family),
                                              .ttl = settings.refresh_ttl,
                                              .user_agent = client.user_agent,
                                              .client_address = client.client_address});
  const auto now = now_seconds();
  pair.expires_in = settings.access_ttl.count();
  pair.access_token = core::jwt::sign(core::jwt::Claims{.type = "access",
                                                        .subject = std::to_string(user_id),
                                                        .issuer = settings.issuer,
                                                        .audience = settings.audience,
                                                        .token_id = core::random_hex_id(),
                                                        .session_id = family_id,
                                                        .issued_at = now,
                                                        .not_before = now,
                                                        .expires_at = now + pair.expires_in},
                                      settings.signing_key);
  if (new_token_id != nullptr) {
    *new_token_id = id;
  }
  return pair;
}

// Checks the throttle of the account and the address and, when they allow another attempt,
// reserves one: a `pending` attempt that counts as a failure until it is settled. The check and
// the reservation hold the keys' locks, so N concurrent guesses cannot all pass a check that
// allows one more (the slow Argon2id comparison happens after the reservation, not before).
// Throws core::RateLimited (and records the throttled attempt) when the limits are reached.
std::int64_t reserve_attempt(db::Connection& connection, const AuthSettings& settings,
                             const std::string& email, std::optional<std::int64_t> user_id,
                             const ClientInfo& client) {
  db::Transaction transaction(connection);
  auth_store::lock_throttle_keys(connection, email, client.client_address);
  const auto wait =
      auth_store::throttle_retry_after(connection, email, client.client_address, settings.throttle);
  auth_store::LoginAttempt attempt{.email = email,
                                   .user_id = user_id,
                                   .client_address = client.client_address,
                                   .succeeded = false,
                                   .failure_reason = wait > 0 ? "throttled" : "pending"};
  const auto id = auth_store::record_login_attempt(connection, attempt);
  transaction.commit();
  if (wait > 0) {
    throw core::RateLimited("too many failed attempts; try again later", wait);
  }
  return id;
}

// Settles a reserved attempt as failed and audits it, in one transaction. `during` names the
// operation when it is not a login (the actor is then the signed-in user).
void record_failure(db::Connection& connection, std::int64_t attempt_id,
                    std::optional<std::int64_t> user_id, const core::Actor& actor,
                    const std::string& reason, std::string_view during = {}) {
  db::Transaction transaction(connection);
  auth_store::settle_login_attempt(connection, attempt_id, user_id, reason);
  if (user_id && reason == "bad_password") {
    auth_store::mark_login_failed(connection, *user_id);
  }
  store::audit::ChangeSet changes;
  changes.set("reason", reason);
  if (!during.empty()) {
    changes.set("during", std::string(during));
  }
  audit(connection, actor, "login_failed", user_id, std::move(changes));
  transaction.commit();
}

}  // namespace

unsigned password_hash_concurrency(const core::Config& config) {
  const unsigned hardware = std::max(1U, std::thread::hardware_concurrency());
  return config.password_hash_concurrency > 0 ? config.password_hash_concurrency
                                              : std::max(1U, hardware / 2);
}

unsigned password_hash_capacity(const core::Config& config) {
  // One place per password thread of the server (http::ServerOptions::password_threads): a
  // queued sign-in blocks one of those, never a worker thread.
  return std::max(password_hash_concurrency(config) + 1, config.password_hash_queue);
}

AuthSettings AuthSettings::from_config(const core::Config& config) {
  AuthSettings settings;
  settings.cost = password_hash_cost(config);
  set_password_hash_limits(password_hash_concurrency(config), password_hash_capacity(config));
  // Computed now, not on the first unknown-email login, which would otherwise be the slow one.
  static_cast<void>(dummy_password_hash(settings.cost));
  settings.signing_key = config.secret_key;
  if (settings.signing_key.empty()) {
    settings.signing_key = core::random_token(48);
    core::log::warn("ephemeral_signing_key",
                    {{"reason",
                      "SECRET_KEY is empty: tokens are valid only until this process "
                      "exits"}});
  }
  settings.issuer = config.jwt_issuer;
  settings.audience = config.jwt_audience;
  settings.access_ttl = config.access_token_ttl;
  settings.refresh_ttl = config.refresh_token_ttl;
  settings.throttle =
      auth_store::ThrottleLimits{.max_failures_per_account = config.login_max_failures_per_account,
                                 .max_failures_per_address = config.login_max_failures_per_address,
                                 .window = config.login_throttle_window};
  return settings;
}

TokenPair login(db::Pool& pool, const AuthSettings& settings, std::string_view email,
                std::string_view password, const ClientInfo& client) {
  // First, before any database work: a login the Argon2id gate would refuse costs nothing else.
  const PasswordAdmission admission("too many sign-ins at once");
  const auto normalized = lowercase(email);
  std::optional<auth_store::Credentials> credentials;
  std::int64_t attempt_id = 0;
  {
    auto connection = pool.acquire();
    credentials = auth_store::find_credentials_by_email(*connection, normalized);
    attempt_id =
        reserve_attempt(*connection, settings, normalized,
                        credentials ? std::optional(credentials->user_id) : std::nullopt, client);
  }
  // The slow part (Argon2id) holds no database connection and no transaction, and always runs:
  // an unknown email is compared against a dummy hash of the same cost.
  const bool password_ok = verify_password(
      credentials ? credentials->password_hash : dummy_password_hash(settings.cost), password);
  auto connection = pool.acquire();
  if (!credentials || !password_ok || !credentials->is_active) {
    const std::string reason =
        !credentials ? "unknown_user" : (!password_ok ? "bad_password" : "disabled");
    record_failure(*connection, attempt_id,
                   credentials ? std::optional(credentials->user_id) : std::nullopt,
                   actor_for(std::nullopt, client), reason);
    throw core::Unauthenticated(std::string(kInvalidCredentials));
  }
  db::Transaction transaction(*connection);
  auth_store::settle_login_attempt(*connection, attempt_id, credentials->user_id, std::nullopt);
  auth_store::mark_login_succeeded(*connection, credentials->user_id);
  auto pair = issue_tokens(*connection, settings, credentials->user_id, std::nullopt, client);
  audit(*connection, actor_for(credentials->user_id, client), "login", credentials->user_id);
  transaction.commit();
  return pair;
}

TokenPair refresh(db::Connection& connection, const AuthSettings& settings,
                  std::string_view refresh_token, const ClientInfo& client) {
  db::Transaction transaction(connection);
  const auto stored = auth_store::lock_refresh_token(connection, core::sha256_hex(refresh_token));
  if (!stored) {
    throw core::Unauthenticated(std::string(kInvalidSession));
  }
  if (stored->revoked_reason && *stored->revoked_reason != "rotated") {
    throw core::Unauthenticated(std::string(kInvalidSession));  // logged out, disabled, ...
  }
  if (stored->revoked_reason) {
    // A token that was already rotated came back: two parties hold the family, so none is trusted.
    const auto revoked = auth_store::revoke_family(connection, stored->family_id, "reuse_detected");
    store::audit::ChangeSet changes;
    changes.set("family_id", stored->family_id)
        .set("previously_revoked_as", *stored->revoked_reason)
        .set("tokens_revoked", revoked);
    audit(connection, actor_for(std::nullopt, client), "token_reuse_detected", stored->user_id,
          std::move(changes));
    transaction.commit();
    core::log::warn("refresh_token_reuse", {{"user_id", std::to_string(stored->user_id)},
                                            {"request_id", client.request_id}});
    throw core::Unauthenticated(std::string(kInvalidSession));
  }
  const auto user = auth_store::find_credentials_by_id(connection, stored->user_id);
  if (stored->expired || !user || !user->is_active) {
    throw core::Unauthenticated(std::string(kInvalidSession));
  }
  std::int64_t new_id = 0;
  auto pair =
      issue_tokens(connection, settings, stored->user_id, stored->family_id, client, &new_id);
  auth_store::mark_rotated(connection, stored->id, new_id);
  audit(connection, actor_for(stored->user_id, client), "token_refresh", stored->user_id);
  transaction.commit();
  return pair;
}

void logout(db::Transaction& tx, const core::Actor& actor,
            std::optional<std::string_view> refresh_token, bool everywhere) {
  const auto user_id = actor.user_id.value_or(0);
  auto& connection = tx.connection();
  std::int64_t revoked = 0;
  if (everywhere) {
    revoked = auth_store::revoke_user_tokens(connection, user_id, "logout");
  } else if (refresh_token) {
    const auto stored =
        auth_store::lock_refresh_token(connection, core::sha256_hex(*refresh_token));
    // Only the caller's own sessions can be ended this way.
    if (stored && stored->user_id == user_id) {
      revoked = auth_store::revoke_family(connection, stored->family_id, "logout");
    }
  }
  store::audit::ChangeSet changes;
  changes.set("sessions_revoked", revoked).set("everywhere", everywhere);
  audit(connection, actor, "logout", user_id, std::move(changes));
}

TokenPair change_password(db::Pool& pool, const AuthSettings& settings, const core::Actor& actor,
                          std::string_view current_password, std::string_view new_password,
                          const ClientInfo& client) {
  // Three Argon2id runs below; refused before any other work.
  const PasswordAdmission admission("too many password changes at once");
  const auto user_id = actor.user_id.value_or(0);
  std::optional<auth_store::Credentials> credentials;
  std::int64_t attempt_id = 0;
  {
    auto connection = pool.acquire();
    credentials = auth_store::find_credentials_by_id(*connection, user_id);
    if (!credentials) {
      throw core::Unauthenticated(std::string(kInvalidSession));
    }
    // A stolen access token must not become a way to guess the password without limit: the
    // current-password check counts against the same throttle as logins.
    attempt_id =
        reserve_attempt(*connection, settings, lowercase(credentials->email), user_id, client);
  }
  if (!verify_password(credentials->password_hash, current_password)) {
    auto connection = pool.acquire();
    record_failure(*connection, attempt_id, user_id, actor, "bad_password", "change_password");
    throw core::ValidationError("current_password", "is not correct");
  }
  {
    // The current password is proven, whatever happens to the new one.
    auto connection = pool.acquire();
    auth_store::settle_login_attempt(*connection, attempt_id, user_id, std::nullopt);
  }
  if (const auto problem = password_policy_problem(new_password, credentials->email)) {
    throw core::ValidationError("new_password", *problem);
  }
  if (verify_password(credentials->password_hash, new_password)) {
    throw core::ValidationError("new_password", "must differ from the current password");
  }
  const auto hash = hash_password(new_password, settings.cost);
  auto connection = pool.acquire();
  db::Transaction transaction(*connection);
  auth_store::set_password_hash(*connection, user_id, hash);
  const auto revoked = auth_store::revoke_user_tokens(*connection, user_id, "password_changed");
  auto pair = issue_tokens(*connection, settings, user_id, std::nullopt, client);
  store::audit::ChangeSet changes;
  changes.set("sessions_revoked", revoked);  // never the hash itself
  audit(*connection, actor, "password_change", user_id, std::move(changes));
  transaction.commit();
  return pair;
}

namespace {

struct AccessClaims {
  std::int64_t user_id = 0;
  std::string session_id;
};

// The user and session an access token names, when its signature, type, issuer, audience and
// expiry hold.
std::optional<AccessClaims> verify_access_token(const AuthSettings& settings,
                                                std::string_view token) {
  core::jwt::Claims claims;
  try {
    claims = core::jwt::verify(
        token, settings.signing_key,
        core::jwt::Expectations{
            .type = "access", .issuer = settings.issuer, .audience = settings.audience},
        now_seconds());
  } catch (const core::jwt::InvalidToken&) {
    return std::nullopt;
  }
  std::int64_t user_id = 0;
  const auto& subject = claims.subject;
  const auto [end, error] =
      std::from_chars(subject.data(), subject.data() + subject.size(), user_id);
  if (error != std::errc() || end != subject.data() + subject.size() || user_id <= 0) {
    return std::nullopt;
  }
  return AccessClaims{.user_id = user_id, .session_id = std::move(claims.session_id)};
}

}  // namespace

std::optional<store::identity::PrincipalRecord> authenticate_access_token(
    db::Connection& connection, const AuthSettings& settings, std::string_view token) {
  const auto claims = verify_access_token(settings, token);
  if (!claims) {
    return std::nullopt;
  }
  return auth_store::load_active_principal(connection, claims->user_id, claims->session_id);
}

bool send_access_token_principal_ahead(
    db::Connection& connection, const AuthSettings& settings, std::string_view token,
    std::function<void(std::optional<store::identity::PrincipalRecord>)> answered) {
  const auto claims = verify_access_token(settings, token);
  if (!claims) {
    return false;
  }
  auth_store::send_active_principal_ahead(connection, claims->user_id, claims->session_id,
                                          std::move(answered));
  return true;
}

std::optional<model::identity::Me> current_profile(db::Connection& connection,
                                                   std::int64_t user_id) {
  auto profile = store::kit::find<model::identity::Me>(connection, user_id);
  if (profile) {
    profile->permissions =
        effective_permissions(profile->is_superuser, std::move(profile->permissions));
  }
  return profile;
}

}  // namespace qgp::domain::identity
