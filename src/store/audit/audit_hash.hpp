#pragma once

#include <optional>
#include <string>
#include <string_view>

// The audit trail's hash chain (docs/adr/0003-audit-trail.md): every row stores
//   hash = hex sha256(prev_hash ‖ "\n" ‖ canonical row)
// where prev_hash is the previous row's hash ("" for the first row). The canonical row is built
// from PostgreSQL's text of each column, so append and `qgp audit verify` compute it identically.
namespace qgp::store::audit {

// The hashed columns of one audit_log row, each as PostgreSQL prints it: occurred_at as RFC 3339
// UTC with microseconds, client_address as inet text, changes as jsonb text. nullopt is SQL NULL.
struct HashedRow {
  std::string occurred_at;
  std::optional<std::string> actor_user_id;
  std::optional<std::string> request_id;
  std::optional<std::string> client_address;
  std::string action;
  std::string entity_type;
  std::optional<std::string> entity_id;
  std::string changes;
};

// Length-prefixed fields ("<bytes>:<text>;", "-;" for NULL) in a fixed order: injective, so no two
// different rows share a canonical form whatever their contents.
std::string canonical_row(const HashedRow& row);

// hex sha256(prev_hash ‖ "\n" ‖ canonical_row(row)); prev_hash is "" for the first row.
std::string chain_hash(std::string_view prev_hash, const HashedRow& row);

// The select-list that reads the hashed columns of audit_log (as `alias`) in HashedRow's field
// order, each as the text the hash is computed from. Sealing and verification both read rows
// through it, so they hash identical bytes.
std::string hashed_columns_sql(std::string_view alias);

}  // namespace qgp::store::audit
