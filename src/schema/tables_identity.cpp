#include <utility>

#include <fmt/format.h>

#include "kit/field.hpp"
#include "model/identity/role.hpp"
#include "model/identity/user.hpp"
#include "schema/builder.hpp"
#include "schema/resource_columns.hpp"
#include "schema/tables.hpp"

namespace qgp::schema::tables {

using build::kOptional;
using build::kRequired;
using build::TableBuilder;

std::vector<Function> functions() {
  return {
      Function{.name = "qgp_set_updated_at",
               .returns = "trigger",
               .language = "plpgsql",
               .body = "\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND;\n"},
      // The audit trail is evidence: no role may rewrite or remove it, whatever its grants.
      Function{
          .name = "qgp_audit_log_append_only",
          .returns = "trigger",
          .language = "plpgsql",
          .body = "\nBEGIN\n  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP\n"
                  "    USING ERRCODE = 'insufficient_privilege';\nEND;\n"},
  };
}

namespace {

// Columns from the declaration (model/identity/user.hpp) except the two whose checks are the
// table's own: the email's (a minimum of 3 and a shape) and the hash's.
Table users() {
  using model::identity::User;
  TableBuilder t("users", "Accounts that sign in; disabled, never deleted");
  t.id();
  t.text("email", kRequired, 0, "Unique case-insensitively (ux_users_email)");
  t.check("email", fmt::format("char_length(email) BETWEEN {} AND {} AND email ~ "
                               "'^[^@[:space:]]+@[^@[:space:]]+$'",
                               kit::min_of<User>("email"), kit::max_of<User>("email")));
  t.text("password_hash", kRequired, 0, "Argon2id encoded hash (libsodium crypto_pwhash_str)");
  t.check("password_hash", "password_hash LIKE '$argon2id$%'");
  build::columns_of<User>(t);
  t.check("disabled", "is_active = (disabled_at IS NULL)");
  t.column("failed_login_count", "integer", kRequired, "0",
           "Consecutive failed logins since the last success");
  t.check("failed_login_count", "failed_login_count >= 0");
  t.timestamptz("locked_until", kOptional, std::nullopt, "Login refused until then (throttling)");
  t.standard_columns();
  t.unique_index("email", {"lower(email)"});
  t.index("last_name_first_name", {"lower(last_name)", "lower(first_name)"});
  t.index("department", {"department"});
  return std::move(t).build();
}

Table roles() {
  TableBuilder t("roles", "Named sets of permissions assigned to users");
  t.id();
  build::columns_of<model::identity::Role>(t);
  t.standard_columns();
  t.unique_index("name", {"lower(name)"});
  return std::move(t).build();
}

Table permissions() {
  TableBuilder t("permissions", "Named permissions such as incidents:read, checked per route");
  t.id();
  t.text("name", kRequired, 0, "resource:verb, e.g. incidents:write");
  t.check("name", "name ~ '^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$' AND char_length(name) <= 100");
  t.text("description", kOptional, 2000);
  t.standard_columns();
  t.unique({"name"});
  return std::move(t).build();
}

Table refresh_tokens() {
  TableBuilder t("refresh_tokens",
                 "Server-side refresh tokens (hashed), rotated on use; reuse revokes the family");
  t.id();
  // Owned credentials with no evidential value of their own: they go with their user.
  t.reference("user_id", "users", FkAction::kCascade, kRequired);
  t.text("token_hash", kRequired, 0, "Hex SHA-256 of the token; the token itself is never stored");
  t.check("token_hash", "token_hash ~ '^[0-9a-f]{64}$'");
  t.column("family_id", "uuid", kRequired, std::nullopt,
           "All tokens rotated from one login share a family");
  t.timestamptz("issued_at", kRequired, "now()");
  t.timestamptz("expires_at", kRequired);
  t.check("expiry", "expires_at > issued_at");
  t.timestamptz("last_used_at", kOptional);
  t.timestamptz("revoked_at", kOptional);
  t.enumeration(
      "revoked_reason",
      {"rotated", "logout", "reuse_detected", "password_changed", "user_disabled", "admin"},
      kOptional);
  t.check("revoked", "(revoked_at IS NULL) = (revoked_reason IS NULL)");
  t.reference("replaced_by_id", "refresh_tokens", FkAction::kSetNull, kOptional,
              "The token this one was rotated into");
  t.text("user_agent", kOptional, 512);
  t.column("client_address", "inet", kOptional);
  t.unique({"token_hash"});
  t.index("family_id", {"family_id"});
  t.index("user_id_active", {"user_id"}, "revoked_at IS NULL");
  t.index("expires_at", {"expires_at"});
  return std::move(t).build();
}

Table login_attempts() {
  TableBuilder t("login_attempts",
                 "Login attempts, for throttling per account and per client address");
  t.id();
  t.timestamptz("attempted_at", kRequired, "now()");
  t.text("email", kRequired, 320, "The email as submitted, lowercased");
  t.reference("user_id", "users", FkAction::kCascade, kOptional, "The matching account, if any");
  t.column("client_address", "inet", kOptional);
  t.column("succeeded", "boolean", kRequired);
  t.enumeration("failure_reason",
                {"unknown_user", "bad_password", "disabled", "locked", "throttled", "pending"},
                kOptional, std::nullopt,
                "pending: reserved before the password is compared, settled after it");
  t.check("outcome", "succeeded = (failure_reason IS NULL)");
  t.index("email_attempted_at", {"email", "attempted_at"});
  t.index("client_address_attempted_at", {"client_address", "attempted_at"});
  t.index("attempted_at", {"attempted_at"});
  return std::move(t).build();
}

}  // namespace

std::vector<Table> identity() {
  return {
      users(),
      roles(),
      permissions(),
      build::link_table("role_permissions", "Which permissions each role grants", "role_id",
                        "roles", FkAction::kCascade, "permission_id", "permissions",
                        FkAction::kCascade),
      build::link_table("user_roles", "Which roles each user holds", "user_id", "users",
                        FkAction::kCascade, "role_id", "roles", FkAction::kCascade),
      refresh_tokens(),
      login_attempts(),
  };
}

std::vector<Table> audit_trail() {
  TableBuilder log("audit_log",
                   "Append-only, hash-chained trail of every mutation of every module");
  log.id();
  log.timestamptz("occurred_at", kRequired, "now()");
  log.user_ref("actor_user_id", kOptional, "NULL for system actions (seed, migrations, jobs)");
  log.text("request_id", kOptional, 200, "X-Request-Id of the HTTP request, if any");
  log.column("client_address", "inet", kOptional);
  log.enumeration("action",
                  {"create", "update", "transition", "archive", "restore", "delete", "link",
                   "unlink", "publish", "clone", "login", "login_failed", "logout", "token_refresh",
                   "token_reuse_detected", "password_change", "role_grant", "role_revoke"},
                  kRequired);
  log.text("entity_type", kRequired, 0, "Singular snake_case record kind, e.g. incident");
  log.check("entity_type", "entity_type ~ '^[a-z][a-z0-9_]*$' AND char_length(entity_type) <= 100");
  log.column("entity_id", "bigint", kOptional);
  log.column("changes", "jsonb", kRequired, "'{}'::jsonb",
             "Changed fields: {field: {before, after}} plus a transition note if any");
  log.check("changes", "jsonb_typeof(changes) = 'object'");
  log.text("prev_hash", kOptional, 0, "hash of the previous row; NULL only for the first row");
  log.check("prev_hash", "prev_hash ~ '^[0-9a-f]{64}$'");
  log.text("hash", kRequired, 0, "hex sha256(prev_hash || canonical row)");
  log.check("hash", "hash ~ '^[0-9a-f]{64}$'");
  log.unique({"hash"});
  // At most one successor per row: the chain cannot fork.
  log.unique({"prev_hash"});
  log.index("entity", {"entity_type", "entity_id", "occurred_at"});
  log.index("actor_user_id_occurred_at", {"actor_user_id", "occurred_at"});
  log.index("occurred_at", {"occurred_at"});
  log.index("request_id", {"request_id"}, "request_id IS NOT NULL");
  log.trigger("append_only", "BEFORE", "UPDATE OR DELETE", "ROW", "qgp_audit_log_append_only");
  log.trigger("no_truncate", "BEFORE", "TRUNCATE", "STATEMENT", "qgp_audit_log_append_only");

  TableBuilder counters("reference_counters",
                        "Atomic per-(prefix, UTC year) counters behind PREFIX-YYYY-NNNN numbers");
  counters.text("prefix", kRequired, 0, "TPL, AUD, FND, RSK, INC, RTC, CMP, POL, ACT");
  counters.check("prefix", "prefix ~ '^[A-Z]{2,5}$'");
  counters.column("year", "integer", kRequired);
  counters.check("year", "year BETWEEN 2000 AND 9999");
  counters.column("last_value", "bigint", kRequired, "0", "Last number handed out; never reused");
  counters.check("last_value", "last_value >= 0");
  counters.primary_key({"prefix", "year"});

  return {std::move(log).build(), std::move(counters).build()};
}

}  // namespace qgp::schema::tables
