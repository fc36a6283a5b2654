#include "store/standards/standards_store.hpp"

#include <map>

#include "db/connection.hpp"
#include "store/common/list_sql.hpp"
#include "store/common/page_query.hpp"
#include "store/common/where.hpp"
#include "store/standards/rows.hpp"

namespace qgp::store::standards {

namespace {

const std::map<std::string, std::string, std::less<>>& standard_sort_columns() {
  static const std::map<std::string, std::string, std::less<>> kColumns = {
      {"code", "s.code"},
      {"name", "s.name"},
      {"edition", "s.edition"},
      {"effective_date", "s.effective_date"},
      {"created_at", "s.created_at"},
      {"updated_at", "s.updated_at"},
  };
  return kColumns;
}

}  // namespace

std::optional<StandardRow> find_standard(db::Connection& connection, std::int64_t id) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::standard_columns() + " FROM standards s WHERE s.id = $1", db::Params(id));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::standard(result, 0);
}

std::optional<StandardRow> find_standard_by_code(db::Connection& connection,
                                                 std::string_view code) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::standard_columns() + " FROM standards s WHERE s.code = $1",
      db::Params(code));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::standard(result, 0);
}

ListResult<StandardRow> list_standards(db::Connection& connection, const StandardFilter& filter,
                                       const ListWindow& window) {
  db::Params params;
  common::Where where(params);
  if (!filter.include_archived) {
    where.add("s.archived_at IS NULL");
  }
  if (filter.is_active) {
    where.add("s.is_active = {}", *filter.is_active);
  }
  if (filter.code) {
    where.add("s.code = {}", *filter.code);
  }
  if (filter.q) {
    where.add(
        "s.code ILIKE '%' || {} || '%' OR s.name ILIKE '%' || {} || '%' "
        "OR s.full_name ILIKE '%' || {} || '%'",
        common::like_escape(*filter.q));
  }
  const std::string from = " FROM standards s" + where.sql();
  const auto found = common::fetch_page(
      connection,
      {.count_from = from,
       .columns = rows::standard_columns(),
       .page_from = from,
       .order = common::order_by(window.sort, standard_sort_columns(), "s.code", "s.id")},
      params, window.page);
  ListResult<StandardRow> list;
  list.total = found.total;
  for (int row = 0; row < found.rows.rows(); ++row) {
    list.items.push_back(rows::standard(found.rows, row));
  }
  return list;
}

std::int64_t insert_standard(db::Connection& connection, const StandardFields& fields,
                             std::optional<std::int64_t> user_id) {
  return connection
      .exec_prepared(
          "INSERT INTO standards (code, name, full_name, edition, description, effective_date, "
          "is_active, created_by_id, updated_by_id) "
          "VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $8) RETURNING id",
          db::Params(fields.code, fields.name, fields.full_name, fields.edition, fields.description,
                     fields.effective_date, fields.is_active, user_id))
      .int64(0, 0);
}

bool update_standard(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                     const StandardFields& fields, std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE standards SET code = $3, name = $4, full_name = $5, edition = $6, "
                 "description = $7, effective_date = $8::date, is_active = $9, "
                 "updated_by_id = $10, version = version + 1 "
                 "WHERE id = $1 AND version = $2 AND archived_at IS NULL",
                 db::Params(id, expected_version, fields.code, fields.name, fields.full_name,
                            fields.edition, fields.description, fields.effective_date,
                            fields.is_active, user_id))
             .affected_rows()
         == 1;
}

bool archive_standard(db::Connection& connection, std::int64_t id,
                      std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE standards SET archived_at = now(), archived_by_id = $2, is_active = "
                 "false, "
                 "updated_by_id = $2, version = version + 1 WHERE id = $1 AND archived_at IS NULL",
                 db::Params(id, user_id))
             .affected_rows()
         == 1;
}

void lock_catalog(db::Connection& connection) {
  connection.exec_prepared("SELECT pg_advisory_xact_lock(hashtext('qgp.standards.catalog'))");
}

bool user_exists(db::Connection& connection, std::int64_t user_id) {
  return !connection.exec_prepared("SELECT 1 FROM users WHERE id = $1", db::Params(user_id))
              .empty();
}

}  // namespace qgp::store::standards
