#include "store/audit/audit_query_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/audit/scan.hpp"

namespace qgp::store::audit {

void scan_chain(db::Connection& connection, const std::function<bool(const ChainRow&)>& visit,
                int batch_size) {
  const auto sql = fmt::format(
      "SELECT a.id, {}, c.prev_hash, c.hash, c.position FROM audit_chain c "
      "JOIN audit_log a ON a.id = c.audit_log_id WHERE c.position > $1 ORDER BY c.position "
      "LIMIT $2",
      hashed_columns_sql("a"));
  keyset_scan(connection, sql, batch_size,
              [&](const db::Result& rows, int row) -> std::optional<std::int64_t> {
                const ChainRow chain_row{.id = rows.int64(row, 0),
                                         .hashed = hashed_row_at(rows, row, 1),
                                         .prev_hash = rows.optional_string(row, 9),
                                         .hash = rows.string(row, 10),
                                         .position = rows.int64(row, 11)};
                if (!visit(chain_row)) {
                  return std::nullopt;
                }
                return chain_row.position;
              });
}

}  // namespace qgp::store::audit
