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
  // One filter for both bases: department, category and owner, each optional ($1..$3).
  static const std::string kFilterAndGroup = fmt::format(
      "WHERE {} AND ($1::text IS NULL OR r.department = $1) AND ($2::text IS NULL OR r.category = "
      "$2) AND ($3::bigint IS NULL OR r.owner_id = $3) GROUP BY 1, 2",
      kOpen);
  // The inherent rating of a risk never assessed is its current one.
  static const std::string kInherent =
      "SELECT coalesce(la.inherent_likelihood, r.likelihood), coalesce(la.inherent_impact, "
      "r.impact), count(*) FROM risks r LEFT JOIN LATERAL (SELECT a.inherent_likelihood, "
      "a.inherent_impact FROM risk_assessments a WHERE a.risk_id = r.id ORDER BY a.assessed_at "
      "DESC, a.id DESC LIMIT 1) la ON true "
      + kFilterAndGroup;
  static const std::string kResidual =
      "SELECT r.likelihood, r.impact, count(*) FROM risks r " + kFilterAndGroup;
  db::Params params;
  params.add(query.department);
  params.add(query.category ? std::optional<std::string>(qgp::kit::wire_name(*query.category))
                            : std::nullopt);
  params.add(query.owner_id);
  const auto result = connection.exec_prepared(
      query.basis == MatrixBasis::kInherent ? kInherent : kResidual, params);
  std::vector<CellCount> cells;
  cells.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    cells.push_back(CellCount{.likelihood = static_cast<int>(result.int64(row, 0)),
                              .impact = static_cast<int>(result.int64(row, 1)),
                              .risks = result.int64(row, 2)});
  }
  return cells;
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
