#include "store/risks/register_store.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "kit/enums.hpp"
#include "store/common/counts.hpp"
#include "store/kit/rows.hpp"

namespace qgp::store::risks {

namespace {

using common::count_by;

using model::risks::MatrixBasis;

constexpr std::string_view kOpen = "r.archived_at IS NULL AND r.status <> 'closed'";

std::string grouped(std::string_view column) {
  return fmt::format("SELECT r.{0}, count(*) FROM risks r WHERE {1} GROUP BY r.{0}", column, kOpen);
}

}  // namespace

std::vector<CellCount> matrix_counts(db::Connection& connection,
                                     const model::risks::MatrixQuery& query) {
  // Only the filters given, as their own statement (at most eight shapes a basis): a generic plan
  // of "$1 IS NULL OR department = $1" could not search the heat map's index by department.
  std::string sql = query.basis == MatrixBasis::kInherent
                        ? "SELECT r.inherent_likelihood, r.inherent_impact, count(*) FROM risks r"
                        : "SELECT r.likelihood, r.impact, count(*) FROM risks r";
  sql += fmt::format(" WHERE {}", kOpen);
  db::Params params;
  int next = 1;
  if (query.department) {
    sql += fmt::format(" AND r.department = ${}", next++);
    params.add(*query.department);
  }
  if (query.category) {
    sql += fmt::format(" AND r.category = ${}", next++);
    params.add(qgp::kit::wire_name(*query.category));
  }
  if (query.owner_id) {
    sql += fmt::format(" AND r.owner_id = ${}", next++);
    params.add(*query.owner_id);
  }
  sql += " GROUP BY 1, 2";
  const auto result = connection.exec_prepared(sql, params);
  std::vector<CellCount> cells;
  cells.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    cells.push_back(CellCount{.likelihood = static_cast<int>(result.int64(row, 0)),
                              .impact = static_cast<int>(result.int64(row, 1)),
                              .risks = result.int64(row, 2)});
  }
  return cells;
}

std::vector<model::risks::MatrixCellLevel> current_matrix_cells(db::Connection& connection) {
  static const std::string kSql =
      "SELECT c.matrix_id, c.likelihood, c.impact, c.level FROM risk_matrix_cells c WHERE "
      "c.matrix_id = (SELECT m.id FROM risk_matrices m ORDER BY m.version_number DESC LIMIT 1)";
  const auto result = connection.exec_prepared(kSql);
  std::vector<model::risks::MatrixCellLevel> cells;
  cells.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    model::risks::MatrixCellLevel cell;
    cell.matrix_id = result.int64(row, 0);
    cell.likelihood = static_cast<std::int16_t>(result.int64(row, 1));
    cell.impact = static_cast<std::int16_t>(result.int64(row, 2));
    if (const auto level = qgp::kit::parse_enum<model::risks::RiskLevel>(result.text(row, 3))) {
      cell.level = *level;
      cells.push_back(cell);
    }
  }
  return cells;
}

std::int32_t next_matrix_version_number(db::Connection& connection) {
  static const std::string kLock = "SELECT pg_advisory_xact_lock(hashtext('qgp.risk_matrices'))";
  static const std::string kNext = "SELECT coalesce(max(version_number), 0) + 1 FROM risk_matrices";
  connection.exec_prepared(kLock);
  return static_cast<std::int32_t>(connection.exec_prepared(kNext).int64(0, 0));
}

std::pair<std::int32_t, std::int32_t> matrix_version_numbers(db::Connection& connection,
                                                             std::int64_t first,
                                                             std::int64_t second) {
  static const std::string kSql =
      "SELECT (SELECT version_number FROM risk_matrices WHERE id = $1), (SELECT version_number "
      "FROM risk_matrices WHERE id = $2)";
  const auto result = connection.exec_prepared(kSql, db::Params(first, second));
  return {static_cast<std::int32_t>(result.int64(0, 0)),
          static_cast<std::int32_t>(result.int64(0, 1))};
}

model::risks::RiskStatistics statistics(db::Connection& connection) {
  static const std::string kTotals = fmt::format(
      "SELECT count(*), count(*) FILTER (WHERE r.status <> 'closed'), count(*) FILTER (WHERE {}), "
      "count(*) FILTER (WHERE {}), count(*) FILTER (WHERE r.status <> 'closed' AND {}), "
      "coalesce(round(avg(r.score) FILTER (WHERE r.status <> 'closed'), 2), 0)::text "
      "FROM risks r WHERE r.archived_at IS NULL",
      model::risks::kReviewDueSql, model::risks::kTreatmentOverdueSql,
      model::risks::kAcceptanceExpiredSql);
  static const std::string kByStatus =
      "SELECT r.status, count(*) FROM risks r WHERE r.archived_at IS NULL GROUP BY r.status";
  static const std::string kByLevel = grouped("level");
  static const std::string kByCategory = grouped("category");
  static const std::string kByTreatment = grouped("treatment_strategy");
  model::risks::RiskStatistics out;
  const auto totals = connection.exec_prepared(kTotals);
  out.total_risks = totals.int64(0, 0);
  out.open_risks = totals.int64(0, 1);
  out.reviews_due = totals.int64(0, 2);
  out.overdue_treatments = totals.int64(0, 3);
  out.expired_acceptances = totals.int64(0, 4);
  out.average_score = qgp::kit::Decimal{totals.string(0, 5)};
  count_by(connection, kByStatus, out.by_status);
  count_by(connection, kByLevel, out.by_level);
  count_by(connection, kByCategory, out.by_category);
  count_by(connection, kByTreatment, out.by_treatment);
  return out;
}

std::vector<model::risks::Risk> all_risks(db::Connection& connection) {
  static const std::string kSql =
      fmt::format("{} WHERE r.archived_at IS NULL ORDER BY r.reference_number",
                  kit::select_from<model::risks::Risk>());
  return kit::read_rows<model::risks::Risk>(connection.exec_prepared(kSql));
}

}  // namespace qgp::store::risks
