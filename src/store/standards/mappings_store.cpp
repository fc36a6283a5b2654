#include <algorithm>
#include <map>

#include "db/connection.hpp"
#include "store/common/list_sql.hpp"
#include "store/common/page_query.hpp"
#include "store/standards/rows.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::store::standards {

namespace {

const std::map<std::string, std::string, std::less<>>& mapped_sort_columns() {
  static const std::map<std::string, std::string, std::less<>> kColumns = {
      {"standard_code", "s.code"},
      {"clause_number", rows::natural_key("c.clause_number")},
      {"mapping_type", "m.mapping_type"},
  };
  return kColumns;
}

// The clause on the other side of the ordered pair, seen from $1.
constexpr std::string_view kMappedFrom =
    " FROM clause_mappings m "
    "JOIN clauses c ON c.id = CASE WHEN m.clause_a_id = $1 THEN m.clause_b_id "
    "ELSE m.clause_a_id END "
    "JOIN standards s ON s.id = c.standard_id "
    "WHERE (m.clause_a_id = $1 OR m.clause_b_id = $1) AND c.archived_at IS NULL";

}  // namespace

std::optional<MappingRow> find_mapping(db::Connection& connection, std::int64_t id) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::mapping_columns() + " FROM clause_mappings m WHERE m.id = $1",
      db::Params(id));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::mapping(result, 0);
}

std::optional<MappingRow> find_mapping_by_pair(db::Connection& connection, std::int64_t a,
                                               std::int64_t b) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::mapping_columns()
          + " FROM clause_mappings m WHERE m.clause_a_id = $1 AND m.clause_b_id = $2",
      db::Params(std::min(a, b), std::max(a, b)));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::mapping(result, 0);
}

std::vector<MappingRow> all_mappings(db::Connection& connection) {
  const auto result = connection.exec_prepared("SELECT " + rows::mapping_columns()
                                               + " FROM clause_mappings m ORDER BY m.id");
  std::vector<MappingRow> mappings;
  mappings.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    mappings.push_back(rows::mapping(result, row));
  }
  return mappings;
}

ListResult<MappedClauseRow> list_mapped_clauses(db::Connection& connection, std::int64_t clause_id,
                                                const ListWindow& window) {
  const auto found = common::fetch_page(
      connection,
      {.count_from = std::string(kMappedFrom),
       .columns = "m.id, m.mapping_type, m.notes, s.code, " + rows::clause_columns(),
       .page_from = std::string(kMappedFrom),
       .order = common::order_by(window.sort, mapped_sort_columns(),
                                 "s.code, " + rows::natural_key("c.clause_number"), "m.id")},
      db::Params(clause_id), window.page);
  const auto& result = found.rows;
  ListResult<MappedClauseRow> list;
  list.total = found.total;
  constexpr int kClauseOffset = 4;
  for (int row = 0; row < result.rows(); ++row) {
    MappedClauseRow mapped;
    mapped.mapping_id = result.int64(row, 0);
    mapped.mapping_type = result.string(row, 1);
    mapped.notes = result.optional_string(row, 2);
    mapped.standard_code = result.string(row, 3);
    mapped.clause = rows::clause(result, row, kClauseOffset);
    list.items.push_back(std::move(mapped));
  }
  return list;
}

std::int64_t insert_mapping(db::Connection& connection, std::int64_t a, std::int64_t b,
                            std::string_view mapping_type, const std::optional<std::string>& notes,
                            std::optional<std::int64_t> user_id) {
  return connection
      .exec_prepared(
          "INSERT INTO clause_mappings (clause_a_id, clause_b_id, mapping_type, notes, "
          "created_by_id, updated_by_id) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
          db::Params(std::min(a, b), std::max(a, b), mapping_type, notes, user_id))
      .int64(0, 0);
}

void update_mapping_type(db::Connection& connection, std::int64_t id, std::string_view mapping_type,
                         std::optional<std::int64_t> user_id) {
  connection.exec_prepared(
      "UPDATE clause_mappings SET mapping_type = $2, updated_by_id = $3, version = version + 1 "
      "WHERE id = $1",
      db::Params(id, mapping_type, user_id));
}

bool delete_mapping(db::Connection& connection, std::int64_t id) {
  return connection.exec_prepared("DELETE FROM clause_mappings WHERE id = $1", db::Params(id))
             .affected_rows()
         == 1;
}

}  // namespace qgp::store::standards
