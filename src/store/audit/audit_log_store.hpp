#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/actor.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audit {

// A field value as the audit trail records it. Decimals travel as their exact text (std::string
// holding e.g. "12.50") tagged as a number, so nothing is rounded on the way into the evidence.
struct Decimal {
  std::string text;
  bool operator==(const Decimal&) const = default;
};
using Value = std::variant<std::monostate, bool, std::int64_t, Decimal, std::string>;

struct FieldChange {
  std::string field;
  Value before;
  Value after;
};

// One audit_log row to append. `action` is one of audit_log.action's values (create, update,
// transition, archive, ...); `entity_type` the singular snake_case record kind ("audit_run").
struct Entry {
  std::string action;
  std::string entity_type;
  std::optional<std::int64_t> entity_id;
  std::vector<FieldChange> changes;  // stored as {"field": {"before": .., "after": ..}, ...}
  std::string note;                  // optional, e.g. a transition note; stored as "_note"
};

// Collects before/after pairs, keeping only fields whose value changed (for updates); for creates
// pass std::monostate{} as `before`.
class ChangeSet {
 public:
  ChangeSet& track(std::string_view field, Value before, Value after);
  ChangeSet& set(std::string_view field, Value after) { return track(field, {}, std::move(after)); }
  [[nodiscard]] bool empty() const noexcept { return changes_.empty(); }
  [[nodiscard]] std::vector<FieldChange> take() && { return std::move(changes_); }
  [[nodiscard]] const std::vector<FieldChange>& changes() const noexcept { return changes_; }

 private:
  std::vector<FieldChange> changes_;
};

// Appends one audit_log row inside the caller's open transaction, so it commits or rolls back
// together with the mutation it records. Returns the new row's id. One INSERT, no lock and no read
// of other rows: concurrent writers never wait for each other here. The row is linked into the
// hash chain later by the sealer (domain/audit/sealer.hpp, docs/adr/0003), once its transaction
// and every earlier one have ended. Outside a transaction it throws (core::ErrorCode::kInternal):
// a row that commits on its own could record a change that then rolls back.
std::int64_t append(db::Connection& connection, const core::Actor& actor, const Entry& entry);

// Why the connected role could rewrite the trail — it is a superuser, owns audit_log, audit_chain
// or audit_checkpoints (and so could disable their append-only triggers), or holds UPDATE, DELETE
// or TRUNCATE on one of them — or nullopt when it can only read and append (ADR-0008). One query.
std::optional<std::string> rewrite_privilege_problem(db::Connection& connection);

}  // namespace qgp::store::audit
