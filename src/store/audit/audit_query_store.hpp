#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/audit/audit_hash.hpp"
#include "store/common/list_sql.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audit {

// One audit_log row as the API shows it; `changes` is the jsonb text. prev_hash and hash are its
// chain link's; a row not sealed yet has no prev_hash and an empty hash.
struct AuditRecord {
  std::int64_t id = 0;
  std::string occurred_at;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::string> actor_email;
  std::optional<std::string> request_id;
  std::optional<std::string> client_address;
  std::string action;
  std::string entity_type;
  std::optional<std::int64_t> entity_id;
  std::string changes;
  std::optional<std::string> prev_hash;
  std::string hash;
};

struct AuditFilter {
  std::optional<std::string> entity_type;
  std::optional<std::int64_t> entity_id;
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::string> action;
  std::optional<std::string> request_id;
  std::optional<std::string> occurred_after;   // RFC 3339, inclusive
  std::optional<std::string> occurred_before;  // RFC 3339, exclusive
};

struct AuditPage {
  std::vector<AuditRecord> items;
  std::int64_t total = 0;
};

// Sortable fields: occurred_at, id (default newest first).
AuditPage list_audit_entries(db::Connection& connection, const AuditFilter& filter,
                             const std::vector<common::SortKey>& sort, const common::Page& page);

// A link of the chain with the audit_log row it seals: the row's id, its hashed columns in their
// text form, the link's position and both hashes.
struct ChainRow {
  std::int64_t id = 0;
  HashedRow hashed;
  std::optional<std::string> prev_hash;
  std::string hash;
  std::int64_t position = 0;
};

// Streams the sealed chain in position order, `batch_size` links per query (keyset pagination, so
// memory stays flat on millions of rows). A link whose audit_log row is gone is not visited: the
// next link's prev_hash then no longer matches. `visit` returns false to stop early.
void scan_chain(db::Connection& connection, const std::function<bool(const ChainRow&)>& visit,
                int batch_size = 5000);

}  // namespace qgp::store::audit
