#include <algorithm>
#include <map>

#include "db/connection.hpp"
#include "store/common/list_sql.hpp"
#include "store/common/page_query.hpp"
#include "store/common/where.hpp"
#include "store/standards/rows.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::store::standards {

namespace {

const std::map<std::string, std::string, std::less<>>& clause_sort_columns() {
  static const std::map<std::string, std::string, std::less<>> kColumns = {
      {"clause_number", rows::natural_key("c.clause_number")},
      {"title", "c.title"},
      {"level", "c.level"},
      {"sort_order", "c.sort_order"},
      {"created_at", "c.created_at"},
      {"updated_at", "c.updated_at"},
  };
  return kColumns;
}

std::string tree_order() {
  return " ORDER BY c.sort_order, " + rows::natural_key("c.clause_number") + ", c.id";
}

}  // namespace

std::optional<ClauseRow> find_clause(db::Connection& connection, std::int64_t id) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::clause_columns() + " FROM clauses c WHERE c.id = $1", db::Params(id));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::clause(result, 0);
}

std::optional<ClauseRow> find_clause_by_number(db::Connection& connection, std::int64_t standard_id,
                                               std::string_view clause_number) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::clause_columns()
          + " FROM clauses c WHERE c.standard_id = $1 AND c.clause_number = $2",
      db::Params(standard_id, clause_number));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::clause(result, 0);
}

ListResult<ClauseRow> list_clauses(db::Connection& connection, std::int64_t standard_id,
                                   const ClauseFilter& filter, const ListWindow& window) {
  db::Params params;
  common::Where where(params);
  where.add("c.standard_id = {}", standard_id);
  if (!filter.include_archived) {
    where.add("c.archived_at IS NULL");
  }
  if (filter.top_level_only) {
    where.add("c.parent_clause_id IS NULL");
  }
  if (filter.parent_clause_id) {
    where.add("c.parent_clause_id = {}", *filter.parent_clause_id);
  }
  if (filter.level) {
    where.add("c.level = {}", *filter.level);
  }
  if (filter.is_active) {
    where.add("c.is_active = {}", *filter.is_active);
  }
  if (filter.q) {
    where.add("c.clause_number ILIKE {} || '%' OR c.title ILIKE '%' || {} || '%'",
              common::like_escape(*filter.q));
  }
  const std::string from = " FROM clauses c" + where.sql();
  const auto found = common::fetch_page(
      connection,
      {.count_from = from,
       .columns = rows::clause_columns(),
       .page_from = from,
       .order = common::order_by(window.sort, clause_sort_columns(),
                                 "c.sort_order, " + rows::natural_key("c.clause_number"), "c.id")},
      params, window.page);
  ListResult<ClauseRow> list;
  list.total = found.total;
  for (int row = 0; row < found.rows.rows(); ++row) {
    list.items.push_back(rows::clause(found.rows, row));
  }
  return list;
}

std::vector<ClauseRow> all_clauses(db::Connection& connection, std::int64_t standard_id,
                                   bool include_archived) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::clause_columns()
          + " FROM clauses c WHERE c.standard_id = $1 AND ($2 OR c.archived_at IS NULL)"
          + tree_order(),
      db::Params(standard_id, include_archived));
  std::vector<ClauseRow> clauses;
  clauses.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    clauses.push_back(rows::clause(result, row));
  }
  return clauses;
}

std::int64_t insert_clause(db::Connection& connection, std::int64_t standard_id,
                           const ClauseFields& fields, std::optional<std::int64_t> user_id) {
  return connection
      .exec_prepared(
          "INSERT INTO clauses (standard_id, parent_clause_id, clause_number, title, description, "
          "level, sort_order, is_active, created_by_id, updated_by_id) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
          db::Params(standard_id, fields.parent_clause_id, fields.clause_number, fields.title,
                     fields.description, fields.level, fields.sort_order, fields.is_active,
                     user_id))
      .int64(0, 0);
}

bool update_clause(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                   const ClauseFields& fields, std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE clauses SET parent_clause_id = $3, clause_number = $4, title = $5, "
                 "description = $6, level = $7, sort_order = $8, is_active = $9, "
                 "updated_by_id = $10, version = version + 1 "
                 "WHERE id = $1 AND version = $2 AND archived_at IS NULL",
                 db::Params(id, expected_version, fields.parent_clause_id, fields.clause_number,
                            fields.title, fields.description, fields.level, fields.sort_order,
                            fields.is_active, user_id))
             .affected_rows()
         == 1;
}

std::vector<Relevelled> relevel_descendants(db::Connection& connection, std::int64_t id,
                                            std::optional<std::int64_t> user_id) {
  // The level is derived data: recompute the whole subtree from the moved clause's own level.
  const auto result = connection.exec_prepared(
      "WITH RECURSIVE sub(id, level) AS ("
      "  SELECT c.id, c.level::integer FROM clauses c WHERE c.id = $1"
      "  UNION ALL"
      "  SELECT c.id, sub.level + 1 FROM clauses c JOIN sub ON c.parent_clause_id = sub.id"
      "), changed AS ("
      "  SELECT c.id, c.level::integer AS before, sub.level AS after FROM clauses c"
      "  JOIN sub ON sub.id = c.id WHERE c.id <> $1 AND c.level <> sub.level"
      ") UPDATE clauses c SET level = changed.after, updated_by_id = $2, version = c.version + 1 "
      "FROM changed WHERE c.id = changed.id "
      "RETURNING c.id, changed.before, changed.after",
      db::Params(id, user_id));
  std::vector<Relevelled> changed;
  changed.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    changed.push_back({.id = result.int64(row, 0),
                       .before = static_cast<int>(result.int64(row, 1)),
                       .after = static_cast<int>(result.int64(row, 2))});
  }
  std::sort(changed.begin(), changed.end(),
            [](const Relevelled& a, const Relevelled& b) { return a.id < b.id; });
  return changed;
}

bool in_subtree(db::Connection& connection, std::int64_t ancestor, std::int64_t candidate) {
  return !connection
              .exec_prepared(
                  "WITH RECURSIVE sub(id) AS ("
                  "  SELECT $1::bigint"
                  "  UNION"
                  "  SELECT c.id FROM clauses c JOIN sub ON c.parent_clause_id = sub.id"
                  ") SELECT 1 FROM sub WHERE id = $2",
                  db::Params(ancestor, candidate))
              .empty();
}

int subtree_height(db::Connection& connection, std::int64_t id) {
  return static_cast<int>(
      connection
          .exec_prepared("WITH RECURSIVE sub(id, depth) AS ("
                         "  SELECT $1::bigint, 0"
                         "  UNION"
                         "  SELECT c.id, sub.depth + 1 FROM clauses c "
                         "  JOIN sub ON c.parent_clause_id = sub.id WHERE sub.depth < 20"
                         ") SELECT max(depth) FROM sub",
                         db::Params(id))
          .int64(0, 0));
}

std::int64_t count_live_children(db::Connection& connection, std::int64_t id) {
  return connection
      .exec_prepared(
          "SELECT (SELECT count(*) FROM clauses WHERE parent_clause_id = $1 AND archived_at IS "
          "NULL) + (SELECT count(*) FROM controls WHERE clause_id = $1 AND archived_at IS NULL)",
          db::Params(id))
      .int64(0, 0);
}

bool archive_clause(db::Connection& connection, std::int64_t id,
                    std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE clauses SET archived_at = now(), archived_by_id = $2, is_active = false, "
                 "updated_by_id = $2, version = version + 1 WHERE id = $1 AND archived_at IS NULL",
                 db::Params(id, user_id))
             .affected_rows()
         == 1;
}

}  // namespace qgp::store::standards
