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

// A row of the chain as stored: its id, the hashed columns in their text form, and both hashes.
struct ChainRow {
  std::int64_t id = 0;
  HashedRow hashed;
  std::optional<std::string> prev_hash;
  std::string hash;
};

// Streams the whole chain in id order, `batch_size` rows per query (keyset pagination, so memory
// stays flat on millions of rows). `visit` returns false to stop early.
void scan_chain(db::Connection& connection, const std::function<bool(const ChainRow&)>& visit,
                int batch_size = 5000);

}  // namespace qgp::store::audit
