#include "store/incidents/incident_store.hpp"

#include <string_view>

#include <fmt/format.h>

#include "store/common/counts.hpp"
#include "store/common/first_column.hpp"
#include "store/kit/rows.hpp"

namespace qgp::store::incidents {

namespace {

using common::count_by;

std::string open_grouped(std::string_view column) {
  return fmt::format(
      "SELECT i.{0}, count(*) FROM incidents i WHERE i.archived_at IS NULL AND i.status <> "
      "'closed' GROUP BY i.{0}",
      column);
}

}  // namespace

std::vector<std::string> open_action_references(db::Connection& connection,
                                                std::int64_t incident_id) {
  // The actions register keeps these two status names for work not yet done.
  const auto result = connection.exec_prepared(
      "SELECT a.reference_number FROM actions a WHERE a.incident_id = $1 AND a.archived_at IS "
      "NULL AND a.status IN ('open', 'in_progress') ORDER BY a.id",
      db::Params(incident_id));
  return common::first_column_texts(result);
}

bool is_future(db::Connection& connection, const qgp::kit::Timestamp& instant) {
  const auto result =
      connection.exec_prepared("SELECT $1::timestamptz > now()", db::Params(instant.text));
  return result.boolean(0, 0);
}

bool is_before(db::Connection& connection, const qgp::kit::Timestamp& later,
               const qgp::kit::Timestamp& earlier) {
  const auto result = connection.exec_prepared("SELECT $1::timestamptz < $2::timestamptz",
                                               db::Params(later.text, earlier.text));
  return result.boolean(0, 0);
}

model::incidents::IncidentStatistics statistics(db::Connection& connection) {
  static const std::string kTotals = fmt::format(
      "SELECT count(*), count(*) FILTER (WHERE i.status <> 'closed'), count(*) FILTER (WHERE {}), "
      "count(*) FILTER (WHERE {}) FROM incidents i WHERE i.archived_at IS NULL",
      model::incidents::kRiddorDueSql, model::incidents::kRiddorOverdueSql);
  static const std::string kByStatus =
      "SELECT i.status, count(*) FROM incidents i WHERE i.archived_at IS NULL GROUP BY i.status";
  static const std::string kByType = open_grouped("incident_type");
  static const std::string kBySeverity = open_grouped("severity");
  model::incidents::IncidentStatistics out;
  const auto totals = connection.exec_prepared(kTotals);
  out.total = totals.int64(0, 0);
  out.open = totals.int64(0, 1);
  out.riddor_due = totals.int64(0, 2);
  out.riddor_overdue = totals.int64(0, 3);
  count_by(connection, kByStatus, out.by_status);
  count_by(connection, kByType, out.by_type);
  count_by(connection, kBySeverity, out.by_severity);
  return out;
}

std::vector<model::incidents::Incident> all_incidents(db::Connection& connection) {
  static const std::string kSql =
      fmt::format("{} WHERE i.archived_at IS NULL ORDER BY i.reference_number",
                  kit::select_from<model::incidents::Incident>());
  return kit::read_rows<model::incidents::Incident>(connection.exec_prepared(kSql));
}

}  // namespace qgp::store::incidents
