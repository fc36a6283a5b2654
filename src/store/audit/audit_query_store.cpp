#include "store/audit/audit_query_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/common/sql_format.hpp"

namespace qgp::store::audit {

namespace {

// The hashed columns exactly as append() hashed them.
const std::string& hashed_columns() {
  static const std::string kColumns = fmt::format(
      "{}, actor_user_id::text, request_id, client_address::text, action, "
      "entity_type, entity_id::text, changes::text",
      common::rfc3339("occurred_at"));
  return kColumns;
}

}  // namespace

void scan_chain(db::Connection& connection, const std::function<bool(const ChainRow&)>& visit,
                int batch_size) {
  const auto sql = fmt::format(
      "SELECT id, {}, prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
      hashed_columns());
  std::int64_t after = 0;
  while (true) {
    const auto rows = connection.exec_prepared(sql, db::Params(after, batch_size));
    for (int row = 0; row < rows.rows(); ++row) {
      ChainRow chain_row{.id = rows.int64(row, 0),
                         .hashed = HashedRow{.occurred_at = rows.string(row, 1),
                                             .actor_user_id = rows.optional_string(row, 2),
                                             .request_id = rows.optional_string(row, 3),
                                             .client_address = rows.optional_string(row, 4),
                                             .action = rows.string(row, 5),
                                             .entity_type = rows.string(row, 6),
                                             .entity_id = rows.optional_string(row, 7),
                                             .changes = rows.string(row, 8)},
                         .prev_hash = rows.optional_string(row, 9),
                         .hash = rows.string(row, 10)};
      after = chain_row.id;
      if (!visit(chain_row)) {
        return;
      }
    }
    if (rows.rows() < batch_size) {
      return;
    }
  }
}

}  // namespace qgp::store::audit
