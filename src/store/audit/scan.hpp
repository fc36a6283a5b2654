#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "store/audit/audit_hash.hpp"

namespace qgp::store::audit {

// Streams a query in keyset batches, so memory stays flat on millions of rows: `sql` takes the
// last key seen as $1 and the batch size as $2 and orders by that key. `visit` gets each row and
// returns its key, or nullopt to stop.
inline void keyset_scan(
    db::Connection& connection, const std::string& sql, int batch_size,
    const std::function<std::optional<std::int64_t>(const db::Result&, int)>& visit) {
  std::int64_t after = 0;
  while (true) {
    const auto rows = connection.exec_prepared(sql, db::Params(after, batch_size));
    for (int row = 0; row < rows.rows(); ++row) {
      const auto key = visit(rows, row);
      if (!key) {
        return;
      }
      after = *key;
    }
    if (rows.rows() < batch_size) {
      return;
    }
  }
}

// The hashed columns read by hashed_columns_sql(), starting at `first` (their order is
// HashedRow's).
inline HashedRow hashed_row_at(const db::Result& rows, int row, int first) {
  return HashedRow{.occurred_at = rows.string(row, first),
                   .actor_user_id = rows.optional_string(row, first + 1),
                   .request_id = rows.optional_string(row, first + 2),
                   .client_address = rows.optional_string(row, first + 3),
                   .action = rows.string(row, first + 4),
                   .entity_type = rows.string(row, first + 5),
                   .entity_id = rows.optional_string(row, first + 6),
                   .changes = rows.string(row, first + 7)};
}

}  // namespace qgp::store::audit
