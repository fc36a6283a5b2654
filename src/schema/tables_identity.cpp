#include <string_view>
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
      // The audit trail is evidence: no role may rewrite or remove it, whatever its grants. The
      // same guard covers its chain and its checkpoints.
      Function{.name = "qgp_audit_log_append_only",
               .returns = "trigger",
               .language = "plpgsql",
               .body = "\nBEGIN\n  RAISE EXCEPTION '% is append-only: % is not allowed', "
                       "TG_TABLE_NAME, TG_OP\n"
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

namespace {

constexpr std::string_view kHexSha256 = "~ '^[0-9a-f]{64}$'";

void append_only(TableBuilder& table) {
  table.trigger("append_only", "BEFORE", "UPDATE OR DELETE", "ROW", "qgp_audit_log_append_only");
  table.trigger("no_truncate", "BEFORE", "TRUNCATE", "STATEMENT", "qgp_audit_log_append_only");
}

}  // namespace

// The trail (docs/adr/0003-audit-trail.md): writers append audit_log rows in their own
// transaction and never wait for each other; one sealer at a time chains them (audit_chain) in
// the order their transactions became final and signs a checkpoint per batch.
std::vector<Table> audit_trail() {
  TableBuilder log("audit_log",
                   "Append-only trail of every mutation of every module; sealed by audit_chain");
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
  log.column("xact_id", "xid8", kOptional, "pg_current_xact_id()",
             "The writer's transaction: rows are sealed in (xact_id, id) order once every "
             "transaction before it has ended; NULL on rows chained before the sealer existed");
  log.index("entity", {"entity_type", "entity_id", "occurred_at"});
  log.index("actor_user_id_occurred_at", {"actor_user_id", "occurred_at"});
  log.index("occurred_at", {"occurred_at"});
  log.index("request_id", {"request_id"}, "request_id IS NOT NULL");
  log.index("xact_id_id", {"xact_id", "id"});
  append_only(log);

  TableBuilder chain("audit_chain",
                     "The sealed order of audit_log: one hash-chained link per row, written by the "
                     "sealer");
  chain.column("position", "bigint", kRequired, std::nullopt, "1, 2, 3, ... in chain order");
  chain.check("position", "position >= 1");
  chain.column("audit_log_id", "bigint", kRequired, std::nullopt,
               "The sealed audit_log row; no foreign key, so that a link outlives a removed row "
               "as evidence");
  chain.column("xact_id", "xid8", kOptional, std::nullopt,
               "The row's audit_log.xact_id: where the sealer resumes");
  chain.text("prev_hash", kOptional, 0, "hash of the previous link; NULL only for the first");
  chain.check("prev_hash", fmt::format("prev_hash {}", kHexSha256));
  chain.text("hash", kRequired, 0, "hex sha256(prev_hash || canonical audit_log row)");
  chain.check("hash", fmt::format("hash {}", kHexSha256));
  chain.primary_key({"position"});
  chain.unique({"audit_log_id"});
  chain.unique({"hash"});
  // At most one successor per link: the chain cannot fork.
  chain.unique({"prev_hash"});
  append_only(chain);

  TableBuilder checkpoints("audit_checkpoints",
                           "Signed heads of audit_chain, one per sealed batch (Ed25519)");
  checkpoints.id();
  checkpoints.column("position", "bigint", kRequired, std::nullopt,
                     "The last audit_chain position this checkpoint covers");
  checkpoints.check("position", "position >= 1");
  checkpoints.text("head_hash", kRequired, 0, "audit_chain.hash at that position");
  checkpoints.check("head_hash", fmt::format("head_hash {}", kHexSha256));
  checkpoints.column("rows_sealed", "integer", kRequired, std::nullopt,
                     "Links this checkpoint added");
  checkpoints.check("rows_sealed", "rows_sealed >= 1");
  checkpoints.timestamptz("sealed_at", kRequired);
  checkpoints.text("key_id", kOptional, 0,
                   "First 16 hex digits of sha256(public key); NULL when sealed without a key");
  checkpoints.check("key_id", "key_id ~ '^[0-9a-f]{16}$'");
  checkpoints.text("signature", kOptional, 0,
                   "hex Ed25519 signature of the checkpoint's canonical text");
  checkpoints.check("signature", "signature ~ '^[0-9a-f]{128}$'");
  checkpoints.check("signed", "(key_id IS NULL) = (signature IS NULL)");
  checkpoints.unique({"position"});
  append_only(checkpoints);

  return {std::move(log).build(), std::move(chain).build(), std::move(checkpoints).build()};
}

}  // namespace qgp::schema::tables
