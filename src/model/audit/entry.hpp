#pragma once

// The audit trail as the API shows it (ADR-0003, ADR-0010): one declaration of an audit_log entry
// for GET /api/v1/audit-log and every record's GET .../{id}/history. The trail itself is written
// by store/audit (append-only, hash-chained); this is only its read-only view.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::model::audit {

// What happened, as audit_log.action's CHECK lists it (a unit test keeps the two equal).
QGP_KIT_ENUM(AuditAction, kCreate, kUpdate, kTransition, kArchive, kRestore, kDelete, kLink,
             kUnlink, kPublish, kClone, kLogin, kLoginFailed, kLogout, kTokenRefresh,
             kTokenReuseDetected, kPasswordChange, kRoleGrant, kRoleRevoke)

// One field's change. A sensitive field (a password) shows that it changed, never its values.
struct AuditChange {
  kit::Value before;
  kit::Value after;
};

constexpr auto describe(kit::Tag<AuditChange> /*unused*/) {
  return kit::resource<AuditChange>(
      {.name = "AuditChange"},
      kit::field("before", &AuditChange::before).server().describe("null for a new record"),
      kit::field("after", &AuditChange::after).server().describe("null for a removed value"));
}

struct AuditEntry {
  std::int64_t id = 0;
  kit::Timestamp occurred_at;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::string> actor_email;
  std::optional<std::string> request_id;
  std::optional<std::string> client_address;
  AuditAction action{};
  std::string entity_type;
  std::optional<std::int64_t> entity_id;
  kit::Json<std::map<std::string, AuditChange>> changes;
  std::optional<std::string> note;
  std::optional<std::string> prev_hash;
  std::string hash;
};

constexpr auto describe(kit::Tag<AuditEntry> /*unused*/) {
  using kit::field;
  using E = AuditEntry;
  return kit::resource<E>(
             {.name = "AuditEntry",
              .noun = "audit entry",
              .table = "audit_log",
              .alias = "a",
              .joins = "LEFT JOIN users u ON u.id = a.actor_user_id "
                       "LEFT JOIN audit_chain c ON c.audit_log_id = a.id",
              .order = "a.occurred_at DESC",
              .path = "/api/v1/audit-log"},
             field("id", &E::id).server().sort(),
             field("occurred_at", &E::occurred_at).server().sort(),
             field("actor_user_id", &E::actor_user_id)
                 .server()
                 .filter()
                 .describe("Who acted; null for the system (seed, migrations, jobs)"),
             field("actor_email", &E::actor_email).expression("u.email"),
             field("request_id", &E::request_id)
                 .server()
                 .filter()
                 .describe("X-Request-Id of the HTTP request; shown to holders of audit:read"),
             field("client_address", &E::client_address)
                 .expression("a.client_address::text")
                 .describe("Where the request came from; shown to holders of audit:read"),
             field("action", &E::action).server().filter(),
             field("entity_type", &E::entity_type)
                 .server()
                 .filter()
                 .describe("Singular snake_case record kind, e.g. audit_finding"),
             field("entity_id", &E::entity_id).server().filter(),
             field("changes", &E::changes)
                 .expression("(a.changes - '_note')")
                 .describe("The fields that changed, each with its value before and after"),
             field("note", &E::note)
                 .expression("a.changes ->> '_note'")
                 .describe("Why, when the change carried a note (a transition's)"),
             field("prev_hash", &E::prev_hash)
                 .expression("c.prev_hash")
                 .describe("hash of the previous entry of the chain; null for the first and "
                           "until the sealer has chained this entry (docs/adr/0003)"),
             field("hash", &E::hash)
                 .expression("coalesce(c.hash, '')")
                 .describe("sha256(prev_hash || this entry); empty until the sealer has chained "
                           "this entry"))
      .with_filters(kit::Filter{.name = "occurred_after",
                                .kind = kit::FilterKind::kTimestamp,
                                .sql = "a.occurred_at >= {}::timestamptz",
                                .doc = "Only entries at or after this instant"},
                    kit::Filter{.name = "occurred_before",
                                .kind = kit::FilterKind::kTimestamp,
                                .sql = "a.occurred_at < {}::timestamptz",
                                .doc = "Only entries before this instant"});
}

}  // namespace qgp::model::audit
