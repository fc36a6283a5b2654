#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "store/audit/audit_hash.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::audit {

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
