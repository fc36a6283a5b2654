#include "store/identity/auth_store.hpp"

#include <utility>

#include "db/connection.hpp"

namespace qgp::store::identity {

namespace {

std::optional<std::string> non_empty(std::string_view text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

std::optional<Credentials> credentials_of(const db::Result& result) {
  if (result.empty()) {
    return std::nullopt;
  }
  return Credentials{.user_id = result.int64(0, 0),
                     .email = result.string(0, 1),
                     .password_hash = result.string(0, 2),
                     .is_active = result.boolean(0, 3)};
}

std::vector<std::string> split_array(const std::optional<std::string>& joined) {
  std::vector<std::string> out;
  if (!joined || joined->empty()) {
    return out;
  }
  std::size_t begin = 0;
  while (begin <= joined->size()) {
    const auto end = joined->find('\n', begin);
    out.push_back(
        joined->substr(begin, end == std::string::npos ? std::string::npos : end - begin));
    if (end == std::string::npos) {
      break;
    }
    begin = end + 1;
  }
  return out;
}

}  // namespace

std::optional<Credentials> find_credentials_by_email(db::Connection& connection,
                                                     std::string_view email) {
  return credentials_of(connection.exec_prepared(
      "SELECT id, email, password_hash, is_active FROM users WHERE lower(email) = lower($1)",
      db::Params(email)));
}

std::optional<Credentials> find_credentials_by_id(db::Connection& connection,
                                                  std::int64_t user_id) {
  return credentials_of(connection.exec_prepared(
      "SELECT id, email, password_hash, is_active FROM users WHERE id = $1", db::Params(user_id)));
}

std::int64_t record_login_attempt(db::Connection& connection, const LoginAttempt& attempt) {
  db::Params params;
  params.add(attempt.email.substr(0, 320))
      .add(attempt.user_id)
      .add(non_empty(attempt.client_address))
      .add(attempt.succeeded)
      .add(attempt.failure_reason);
  return connection
      .exec_prepared(
          "INSERT INTO login_attempts (email, user_id, client_address, succeeded, failure_reason) "
          "VALUES (lower($1), $2, $3::inet, $4, $5) RETURNING id",
          params)
      .int64(0, 0);
}

void settle_login_attempt(db::Connection& connection, std::int64_t attempt_id,
                          std::optional<std::int64_t> user_id,
                          std::optional<std::string_view> failure_reason) {
  db::Params params(attempt_id);
  params.add(user_id).add(failure_reason ? std::optional<std::string>(*failure_reason)
                                         : std::nullopt);
  connection.exec_prepared(
      "UPDATE login_attempts SET user_id = coalesce($2, user_id), succeeded = ($3::text IS NULL), "
      "failure_reason = $3 WHERE id = $1 AND failure_reason = 'pending'",
      params);
}

void lock_throttle_keys(db::Connection& connection, std::string_view email,
                        std::string_view client_address) {
  // Always the account first, then the address: one order for every caller, so no deadlock.
  connection.exec_prepared(
      "SELECT pg_advisory_xact_lock(hashtextextended('qgp.login.account:' || lower($1), 0)), "
      "       pg_advisory_xact_lock(hashtextextended('qgp.login.address:' || $2, 0))",
      db::Params(email, client_address));
}

std::int64_t throttle_retry_after(db::Connection& connection, std::string_view email,
                                  std::string_view client_address, const ThrottleLimits& limits) {
  // For each key: when the count of counted failures reaches the limit, the wait is until the
  // oldest of them leaves the window.
  static constexpr std::string_view kSql = R"sql(
WITH account AS (
  SELECT count(*) AS failures, min(attempted_at) AS oldest
  FROM login_attempts
  WHERE email = lower($1) AND NOT succeeded AND failure_reason <> 'throttled'
    AND attempted_at > now() - make_interval(secs => $3)
    AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts
                                 WHERE email = lower($1) AND succeeded), '-infinity')
), address AS (
  SELECT count(*) AS failures, min(attempted_at) AS oldest
  FROM login_attempts
  WHERE $2::inet IS NOT NULL AND client_address = $2::inet AND NOT succeeded
    AND failure_reason <> 'throttled' AND attempted_at > now() - make_interval(secs => $3)
)
SELECT greatest(
  CASE WHEN account.failures >= $4
       THEN ceil(extract(epoch FROM account.oldest + make_interval(secs => $3) - now())) END,
  CASE WHEN address.failures >= $5
       THEN ceil(extract(epoch FROM address.oldest + make_interval(secs => $3) - now())) END,
  0)::bigint
FROM account, address)sql";
  db::Params params;
  params.add(email)
      .add(non_empty(client_address))
      .add(static_cast<std::int64_t>(limits.window.count()))
      .add(limits.max_failures_per_account)
      .add(limits.max_failures_per_address);
  const auto wait = connection.exec_prepared(kSql, params).int64(0, 0);
  return wait > 0 ? wait : 0;
}

void mark_login_succeeded(db::Connection& connection, std::int64_t user_id) {
  connection.exec_prepared(
      "UPDATE users SET last_login_at = now(), failed_login_count = 0 WHERE id = $1",
      db::Params(user_id));
}

void mark_login_failed(db::Connection& connection, std::int64_t user_id) {
  connection.exec_prepared(
      "UPDATE users SET failed_login_count = failed_login_count + 1 WHERE id = $1",
      db::Params(user_id));
}

void set_password_hash(db::Connection& connection, std::int64_t user_id, std::string_view hash) {
  connection.exec_prepared(
      "UPDATE users SET password_hash = $2, password_changed_at = now(), version = version + 1 "
      "WHERE id = $1",
      db::Params(user_id, hash));
}

std::pair<std::int64_t, std::string> insert_refresh_token(db::Connection& connection,
                                                          const NewRefreshToken& token) {
  db::Params params;
  params.add(token.user_id)
      .add(token.token_hash)
      .add(token.family_id)
      .add(static_cast<std::int64_t>(token.ttl.count()))
      .add(non_empty(token.user_agent.substr(0, 512)))
      .add(non_empty(token.client_address));
  const auto result = connection.exec_prepared(
      "INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at, user_agent, "
      "client_address) VALUES ($1, $2, coalesce($3::uuid, gen_random_uuid()), "
      "now() + make_interval(secs => $4), $5, $6::inet) RETURNING id, family_id::text",
      params);
  return {result.int64(0, 0), result.string(0, 1)};
}

std::optional<StoredRefreshToken> lock_refresh_token(db::Connection& connection,
                                                     std::string_view token_hash) {
  const auto result = connection.exec_prepared(
      "SELECT id, user_id, family_id::text, expires_at <= now(), revoked_reason "
      "FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE",
      db::Params(token_hash));
  if (result.empty()) {
    return std::nullopt;
  }
  return StoredRefreshToken{.id = result.int64(0, 0),
                            .user_id = result.int64(0, 1),
                            .family_id = result.string(0, 2),
                            .expired = result.boolean(0, 3),
                            .revoked_reason = result.optional_string(0, 4)};
}

void mark_rotated(db::Connection& connection, std::int64_t token_id, std::int64_t replaced_by_id) {
  connection.exec_prepared(
      "UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = 'rotated', "
      "replaced_by_id = $2, last_used_at = now() WHERE id = $1",
      db::Params(token_id, replaced_by_id));
}

std::int64_t revoke_family(db::Connection& connection, std::string_view family_id,
                           std::string_view reason) {
  return connection
      .exec_prepared(
          "UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 "
          "WHERE family_id = $1::uuid AND revoked_at IS NULL",
          db::Params(family_id, reason))
      .affected_rows();
}

std::int64_t revoke_user_tokens(db::Connection& connection, std::int64_t user_id,
                                std::string_view reason,
                                std::optional<std::string_view> except_family) {
  db::Params params(user_id, reason);
  params.add(except_family ? std::optional<std::string>(*except_family) : std::nullopt);
  return connection
      .exec_prepared(
          "UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2 "
          "WHERE user_id = $1 AND revoked_at IS NULL "
          "AND ($3::uuid IS NULL OR family_id <> $3::uuid)",
          params)
      .affected_rows();
}

namespace {

// The user behind an access token, if still active and its session (refresh-token family) neither
// revoked nor expired, with the names of the permissions its roles grant.
constexpr std::string_view kActivePrincipalSql =
    "SELECT u.id, u.email, u.first_name || ' ' || u.last_name, u.is_superuser, "
    "       (SELECT string_agg(DISTINCT p.name, E'\\n' ORDER BY p.name) FROM user_roles ur "
    "          JOIN role_permissions rp ON rp.role_id = ur.role_id "
    "          JOIN permissions p ON p.id = rp.permission_id WHERE ur.user_id = u.id) "
    "FROM users u WHERE u.id = $1 AND u.is_active "
    "  AND EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2::uuid "
    "                AND t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now())";

std::optional<PrincipalRecord> principal_of(const db::Result& result) {
  if (result.empty()) {
    return std::nullopt;
  }
  return PrincipalRecord{.user_id = result.int64(0, 0),
                         .email = result.string(0, 1),
                         .display_name = result.string(0, 2),
                         .is_superuser = result.boolean(0, 3),
                         .permissions = split_array(result.optional_string(0, 4))};
}

}  // namespace

std::optional<PrincipalRecord> load_active_principal(db::Connection& connection,
                                                     std::int64_t user_id,
                                                     std::string_view session_id) {
  return principal_of(
      connection.exec_prepared(kActivePrincipalSql, db::Params(user_id, session_id)));
}

void send_active_principal_ahead(db::Connection& connection, std::int64_t user_id,
                                 std::string_view session_id,
                                 std::function<void(std::optional<PrincipalRecord>)> answered) {
  connection.send_ahead(kActivePrincipalSql, db::Params(user_id, session_id),
                        [answered = std::move(answered)](const db::Result& result) {
                          answered(principal_of(result));
                        });
}

}  // namespace qgp::store::identity
