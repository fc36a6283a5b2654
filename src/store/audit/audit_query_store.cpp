#include "store/audit/audit_query_store.hpp"

#include <fmt/format.h>

#include "db/connection.hpp"
#include "store/audit/scan.hpp"
#include "store/common/page_query.hpp"
#include "store/common/sql_format.hpp"
#include "store/common/where.hpp"

namespace qgp::store::audit {

AuditPage list_audit_entries(db::Connection& connection, const AuditFilter& filter,
                             const std::vector<common::SortKey>& sort, const common::Page& page) {
  static const std::map<std::string, std::string, std::less<>> kSortable = {
      {"occurred_at", "a.occurred_at"}, {"id", "a.id"}};
  db::Params params;
  common::Where filters(params);
  filters.add_if(filter.entity_type, "a.entity_type = {}")
      .add_if(filter.entity_id, "a.entity_id = {}")
      .add_if(filter.actor_user_id, "a.actor_user_id = {}")
      .add_if(filter.action, "a.action = {}")
      .add_if(filter.request_id, "a.request_id = {}")
      .add_if(filter.occurred_after, "a.occurred_at >= {}::timestamptz")
      .add_if(filter.occurred_before, "a.occurred_at < {}::timestamptz");
  const auto where = filters.sql();
  const auto found = common::fetch_page(
      connection,
      {.count_from = " FROM audit_log a" + where,
       .columns = fmt::format("a.id, {}, a.actor_user_id, u.email, a.request_id, "
                              "a.client_address::text, a.action, a.entity_type, a.entity_id, "
                              "a.changes::text, c.prev_hash, coalesce(c.hash, '')",
                              common::rfc3339("a.occurred_at")),
       .page_from = " FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id"
                    " LEFT JOIN audit_chain c ON c.audit_log_id = a.id"
                    + where,
       .order = common::order_by(sort, kSortable, "a.occurred_at DESC", "a.id DESC")},
      params, page);
  const auto& rows = found.rows;
  AuditPage result;
  result.total = found.total;
  result.items.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    result.items.push_back(AuditRecord{.id = rows.int64(row, 0),
                                       .occurred_at = rows.string(row, 1),
                                       .actor_user_id = rows.optional_int64(row, 2),
                                       .actor_email = rows.optional_string(row, 3),
                                       .request_id = rows.optional_string(row, 4),
                                       .client_address = rows.optional_string(row, 5),
                                       .action = rows.string(row, 6),
                                       .entity_type = rows.string(row, 7),
                                       .entity_id = rows.optional_int64(row, 8),
                                       .changes = rows.string(row, 9),
                                       .prev_hash = rows.optional_string(row, 10),
                                       .hash = rows.string(row, 11)});
  }
  return result;
}

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
