#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/actor.hpp"
#include "kit/values.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audit {

// A field value as the audit trail records it (decimals keep their exact text), the change of one
// field, and the set of a mutation's changes: the resource kit's types (kit/values.hpp).
using Decimal = qgp::kit::Decimal;
using Value = qgp::kit::Value;
using FieldChange = qgp::kit::FieldChange;
using ChangeSet = qgp::kit::ChangeSet;

// One audit_log row to append. `action` is one of audit_log.action's values (create, update,
// transition, archive, ...); `entity_type` the singular snake_case record kind ("audit_run").
struct Entry {
  std::string action;
  std::string entity_type;
  std::optional<std::int64_t> entity_id;
  std::vector<FieldChange> changes;  // stored as {"field": {"before": .., "after": ..}, ...}
  std::string note;                  // optional, e.g. a transition note; stored as "_note"
};

// Appends one audit_log row inside the caller's open transaction, so it commits or rolls back
// together with the mutation it records. Returns the new row's id. One INSERT, no lock and no read
// of other rows: concurrent writers never wait for each other here. The row is linked into the
// hash chain later by the sealer (domain/audit/sealer.hpp, docs/adr/0003), once its transaction
// and every earlier one have ended. Outside a transaction it throws (core::ErrorCode::kInternal):
// a row that commits on its own could record a change that then rolls back.
std::int64_t append(db::Connection& connection, const core::Actor& actor, const Entry& entry);

// The same row, its id not wanted: the INSERT is queued (db::Connection::send_ahead) and travels
// with the transaction's next statement, usually its COMMIT, which it aborts if it fails.
void append_ahead(db::Connection& connection, const core::Actor& actor, const Entry& entry);

// Why the connected role could rewrite the trail — it is a superuser, owns audit_log, audit_chain
// or audit_checkpoints (and so could disable their append-only triggers), or holds UPDATE, DELETE
// or TRUNCATE on one of them — or nullopt when it can only read and append (ADR-0008). One query.
std::optional<std::string> rewrite_privilege_problem(db::Connection& connection);

}  // namespace qgp::store::audit
