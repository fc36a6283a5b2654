#include "store/standards/standards_store.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "store/common/page_query.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"

namespace qgp::store::standards {

namespace {

// Rows of R whose SELECT (R's declaration) is followed by `tail` (WHERE ... ORDER BY ...).
template <qgp::kit::Described R>
std::vector<R> select(db::Connection& connection, std::string_view tail, const db::Params& params) {
  return kit::read_rows<R>(
      connection.exec_prepared(fmt::format("{} {}", kit::select_from<R>(), tail), params));
}

}  // namespace

std::optional<Standard> standard_by_code(db::Connection& connection, std::string_view code) {
  return kit::first_row(select<Standard>(connection, "WHERE s.code = $1", db::Params(code)));
}

std::vector<Clause> clauses_of(db::Connection& connection, std::int64_t standard_id,
                               bool include_archived) {
  static const std::string tail =
      fmt::format("WHERE c.standard_id = $1 AND ($2 OR c.archived_at IS NULL) ORDER BY {}, c.id",
                  qgp::kit::meta<Clause>().order);
  return select<Clause>(connection, tail, db::Params(standard_id, include_archived));
}

std::vector<Control> controls_of(db::Connection& connection, std::int64_t standard_id,
                                 bool include_archived) {
  static const std::string tail =
      fmt::format("WHERE k.standard_id = $1 AND ($2 OR k.archived_at IS NULL) ORDER BY {}, k.id",
                  qgp::kit::meta<Control>().order);
  return select<Control>(connection, tail, db::Params(standard_id, include_archived));
}

std::vector<ClauseMapping> all_mappings(db::Connection& connection) {
  return select<ClauseMapping>(connection, "ORDER BY m.id", db::Params());
}

qgp::kit::Page<MappedClause> mapped_clauses(db::Connection& connection, std::int64_t clause_id,
                                            const qgp::kit::ListQuery& query) {
  const auto& m = qgp::kit::meta<MappedClause>();
  // The joins and the condition read the clause seen from as $1 (kMappedClauseRows).
  static const std::string from =
      fmt::format(" FROM {} {} {} WHERE {}", m.table, m.alias, m.joins, m.where);
  // The mapping's fields, then the other clause's, each read back by its declaration.
  static const std::string columns =
      fmt::format("{}, {}", kit::select_list<MappedClause>(), kit::select_list<Clause>());
  const auto found = common::fetch_page(connection,
                                        {.count_from = from,
                                         .columns = columns,
                                         .page_from = from,
                                         .order = kit::order_by<MappedClause>(query)},
                                        db::Params(clause_id), common::page_of(query));
  auto items = kit::read_rows<MappedClause>(found.rows);
  auto clauses = kit::read_rows<Clause>(found.rows);
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].clause = std::move(clauses[i]);
  }
  return {.items = std::move(items), .total = found.total, .total_exact = found.total_exact};
}

bool delete_mapping(db::Connection& connection, std::int64_t id) {
  return connection.exec_prepared("DELETE FROM clause_mappings WHERE id = $1", db::Params(id))
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
  std::ranges::sort(changed, {}, &Relevelled::id);
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

std::optional<SoaEntry> soa_entry_of(db::Connection& connection, std::int64_t control_id) {
  return kit::first_row(
      select<SoaEntry>(connection, "WHERE e.control_id = $1", db::Params(control_id)));
}

std::vector<SoaLine> soa_lines(db::Connection& connection, std::int64_t standard_id) {
  static const std::string tail =
      fmt::format("WHERE k.standard_id = $1 AND {} ORDER BY {}, k.id",
                  qgp::kit::meta<SoaLine>().where, qgp::kit::meta<SoaLine>().order);
  return select<SoaLine>(connection, tail, db::Params(standard_id));
}

void lock_catalog(db::Connection& connection) {
  connection.exec_prepared("SELECT pg_advisory_xact_lock(hashtext('qgp.standards.catalog'))");
}

}  // namespace qgp::store::standards
