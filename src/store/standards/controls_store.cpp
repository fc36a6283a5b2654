#include <map>
#include <optional>
#include <string>

#include "db/connection.hpp"
#include "store/common/list_sql.hpp"
#include "store/common/page_query.hpp"
#include "store/common/where.hpp"
#include "store/standards/rows.hpp"
#include "store/standards/standards_store.hpp"

namespace qgp::store::standards {

namespace {

const std::map<std::string, std::string, std::less<>>& control_sort_columns() {
  static const std::map<std::string, std::string, std::less<>> kColumns = {
      {"control_number", rows::natural_key("k.control_number")},
      {"title", "k.title"},
      {"theme", "k.theme"},
      {"created_at", "k.created_at"},
      {"updated_at", "k.updated_at"},
  };
  return kColumns;
}

const std::map<std::string, std::string, std::less<>>& soa_sort_columns() {
  static const std::map<std::string, std::string, std::less<>> kColumns = {
      {"control_number", rows::natural_key("k.control_number")},
      {"title", "k.title"},
      {"theme", "k.theme"},
      {"is_applicable", "COALESCE(e.is_applicable, true)"},
      {"implementation_status", "COALESCE(e.implementation_status, 'not_implemented')"},
      {"updated_at", "e.updated_at"},
  };
  return kColumns;
}

const std::string& soa_from() {
  static const std::string kFrom =
      " FROM controls k LEFT JOIN soa_entries e ON e.control_id = k.id";
  return kFrom;
}

SoaLine soa_line(const db::Result& result, int row) {
  SoaLine line;
  line.control = rows::control(result, row);
  if (!result.is_null(row, rows::kControlColumnCount)) {
    line.entry = rows::soa_entry(result, row, rows::kControlColumnCount);
  }
  return line;
}

}  // namespace

std::optional<ControlRow> find_control(db::Connection& connection, std::int64_t id) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::control_columns() + " FROM controls k WHERE k.id = $1", db::Params(id));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::control(result, 0);
}

ListResult<ControlRow> list_controls(db::Connection& connection, std::int64_t standard_id,
                                     const ControlFilter& filter, const ListWindow& window) {
  db::Params params;
  common::Where where(params);
  where.add("k.standard_id = {}", standard_id);
  if (!filter.include_archived) {
    where.add("k.archived_at IS NULL");
  }
  if (filter.theme) {
    where.add("k.theme = {}", *filter.theme);
  }
  if (filter.clause_id) {
    where.add("k.clause_id = {}", *filter.clause_id);
  }
  if (filter.is_active) {
    where.add("k.is_active = {}", *filter.is_active);
  }
  if (filter.q) {
    where.add("k.control_number ILIKE {} || '%' OR k.title ILIKE '%' || {} || '%'",
              common::like_escape(*filter.q));
  }
  const std::string from = " FROM controls k" + where.sql();
  const auto found =
      common::fetch_page(connection,
                         {.count_from = from,
                          .columns = rows::control_columns(),
                          .page_from = from,
                          .order = common::order_by(window.sort, control_sort_columns(),
                                                    rows::natural_key("k.control_number"), "k.id")},
                         params, window.page);
  ListResult<ControlRow> list;
  list.total = found.total;
  for (int row = 0; row < found.rows.rows(); ++row) {
    list.items.push_back(rows::control(found.rows, row));
  }
  return list;
}

std::vector<ControlRow> all_controls(db::Connection& connection, std::int64_t standard_id,
                                     bool include_archived) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::control_columns()
          + " FROM controls k WHERE k.standard_id = $1 AND ($2 OR k.archived_at IS NULL) ORDER BY "
          + rows::natural_key("k.control_number") + ", k.id",
      db::Params(standard_id, include_archived));
  std::vector<ControlRow> controls;
  controls.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    controls.push_back(rows::control(result, row));
  }
  return controls;
}

std::int64_t insert_control(db::Connection& connection, std::int64_t standard_id,
                            const ControlFields& fields, std::optional<std::int64_t> user_id) {
  return connection
      .exec_prepared(
          "INSERT INTO controls (standard_id, clause_id, control_number, title, description, "
          "guidance, theme, is_active, created_by_id, updated_by_id) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
          db::Params(standard_id, fields.clause_id, fields.control_number, fields.title,
                     fields.description, fields.guidance, fields.theme, fields.is_active, user_id))
      .int64(0, 0);
}

bool update_control(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                    const ControlFields& fields, std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE controls SET clause_id = $3, control_number = $4, title = $5, "
                 "description = $6, guidance = $7, theme = $8, is_active = $9, "
                 "updated_by_id = $10, version = version + 1 "
                 "WHERE id = $1 AND version = $2 AND archived_at IS NULL",
                 db::Params(id, expected_version, fields.clause_id, fields.control_number,
                            fields.title, fields.description, fields.guidance, fields.theme,
                            fields.is_active, user_id))
             .affected_rows()
         == 1;
}

bool archive_control(db::Connection& connection, std::int64_t id,
                     std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE controls SET archived_at = now(), archived_by_id = $2, is_active = false, "
                 "updated_by_id = $2, version = version + 1 WHERE id = $1 AND archived_at IS NULL",
                 db::Params(id, user_id))
             .affected_rows()
         == 1;
}

namespace {

std::optional<SoaEntryRow> select_soa_entry(db::Connection& connection, std::int64_t control_id,
                                            bool lock) {
  static const std::string kSelect =
      "SELECT " + rows::soa_columns() + " FROM soa_entries e WHERE e.control_id = $1";
  static const std::string kLock = kSelect + " FOR UPDATE";
  const auto result = connection.exec_prepared(lock ? kLock : kSelect, db::Params(control_id));
  if (result.empty()) {
    return std::nullopt;
  }
  return rows::soa_entry(result, 0);
}

}  // namespace

std::optional<SoaEntryRow> find_soa_entry(db::Connection& connection, std::int64_t control_id) {
  return select_soa_entry(connection, control_id, false);
}

std::optional<SoaEntryRow> lock_soa_entry(db::Connection& connection, std::int64_t control_id) {
  return select_soa_entry(connection, control_id, true);
}

ListResult<SoaLine> list_soa(db::Connection& connection, std::int64_t standard_id,
                             const SoaFilter& filter, const ListWindow& window) {
  db::Params params;
  common::Where where(params);
  where.add("k.standard_id = {}", standard_id);
  where.add("k.archived_at IS NULL");
  if (filter.theme) {
    where.add("k.theme = {}", *filter.theme);
  }
  if (filter.is_applicable) {
    where.add("COALESCE(e.is_applicable, true) = {}", *filter.is_applicable);
  }
  if (filter.implementation_status) {
    where.add("COALESCE(e.implementation_status, 'not_implemented') = {}",
              *filter.implementation_status);
  }
  if (filter.q) {
    where.add("k.control_number ILIKE {} || '%' OR k.title ILIKE '%' || {} || '%'",
              common::like_escape(*filter.q));
  }
  const std::string from = soa_from() + where.sql();
  const auto found =
      common::fetch_page(connection,
                         {.count_from = from,
                          .columns = rows::control_columns() + ", " + rows::soa_columns(),
                          .page_from = from,
                          .order = common::order_by(window.sort, soa_sort_columns(),
                                                    rows::natural_key("k.control_number"), "k.id")},
                         params, window.page);
  ListResult<SoaLine> list;
  list.total = found.total;
  for (int row = 0; row < found.rows.rows(); ++row) {
    list.items.push_back(soa_line(found.rows, row));
  }
  return list;
}

std::vector<SoaLine> all_soa(db::Connection& connection, std::int64_t standard_id) {
  const auto result = connection.exec_prepared(
      "SELECT " + rows::control_columns() + ", " + rows::soa_columns() + soa_from()
          + " WHERE k.standard_id = $1 AND k.archived_at IS NULL ORDER BY "
          + rows::natural_key("k.control_number") + ", k.id",
      db::Params(standard_id));
  std::vector<SoaLine> lines;
  lines.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    lines.push_back(soa_line(result, row));
  }
  return lines;
}

std::optional<std::int64_t> insert_soa_entry(db::Connection& connection, std::int64_t control_id,
                                             const SoaFields& fields,
                                             std::optional<std::int64_t> user_id) {
  const auto result = connection.exec_prepared(
      "INSERT INTO soa_entries (control_id, is_applicable, justification, "
      "implementation_status, owner_id, notes, reviewed_at, reviewed_by_id, created_by_id, "
      "updated_by_id) VALUES ($1, $2, $3, $4, $5, $6, now(), $7, $7, $7) "
      "ON CONFLICT (control_id) DO NOTHING RETURNING id",
      db::Params(control_id, fields.is_applicable, fields.justification,
                 fields.implementation_status, fields.owner_id, fields.notes, user_id));
  if (result.empty()) {
    return std::nullopt;
  }
  return result.int64(0, 0);
}

bool update_soa_entry(db::Connection& connection, std::int64_t id, std::int64_t expected_version,
                      const SoaFields& fields, std::optional<std::int64_t> user_id) {
  return connection
             .exec_prepared(
                 "UPDATE soa_entries SET is_applicable = $3, justification = $4, "
                 "implementation_status = $5, owner_id = $6, notes = $7, reviewed_at = now(), "
                 "reviewed_by_id = $8, updated_by_id = $8, version = version + 1 "
                 "WHERE id = $1 AND version = $2",
                 db::Params(id, expected_version, fields.is_applicable, fields.justification,
                            fields.implementation_status, fields.owner_id, fields.notes, user_id))
             .affected_rows()
         == 1;
}

}  // namespace qgp::store::standards
