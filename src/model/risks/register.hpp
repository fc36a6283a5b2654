#pragma once

// Read-only views of the whole register, declared once (ADR-0010): the heat map (GET
// /risks/matrix) with its query, and the statistics (GET /risks/statistics).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "model/risks/risk.hpp"

namespace qgp::model::risks {

QGP_KIT_ENUM(MatrixBasis, kResidual, kInherent)

// The heat map's query: which rating places a risk, and which risks count.
struct MatrixQuery {
  MatrixBasis basis = MatrixBasis::kResidual;
  std::optional<std::string> department;
  std::optional<RiskCategory> category;
  std::optional<std::int64_t> owner_id;
};

constexpr auto describe(kit::Tag<MatrixQuery> /*unused*/) {
  using kit::field;
  using Q = MatrixQuery;
  return kit::resource<Q>(
      {.name = "RiskMatrixQuery"},
      field("basis", &Q::basis)
          .defaulted()
          .describe("residual: the current rating; inherent: the latest assessment's inherent "
                    "rating (the current one for a risk never assessed)"),
      field("department", &Q::department).text(1, 100), field("category", &Q::category),
      field("owner_id", &Q::owner_id));
}

// One cell of the 5x5 matrix.
struct MatrixCell {
  std::int16_t likelihood = 0;
  std::int16_t impact = 0;
  std::int16_t score = 0;
  RiskLevel level{};
  std::string color;
  std::int64_t risk_count = 0;
};

constexpr auto describe(kit::Tag<MatrixCell> /*unused*/) {
  using kit::field;
  using C = MatrixCell;
  return kit::resource<C>({.name = "RiskMatrixCell"}, field("likelihood", &C::likelihood).server(),
                          field("impact", &C::impact).server(), field("score", &C::score).server(),
                          field("level", &C::level).server(),
                          field("color", &C::color).server().describe("#rrggbb of the level"),
                          field("risk_count", &C::risk_count).server());
}

// The heat map, in the order it is drawn.
struct RiskMatrix {
  MatrixBasis basis = MatrixBasis::kResidual;
  std::vector<MatrixCell> cells;
  std::int64_t total_risks = 0;
  std::map<RiskLevel, std::int64_t> risks_by_level;
};

constexpr auto describe(kit::Tag<RiskMatrix> /*unused*/) {
  using kit::field;
  using M = RiskMatrix;
  return kit::resource<M>(
      {.name = "RiskMatrix"}, field("basis", &M::basis).server(),
      field("cells", &M::cells)
          .server()
          .describe("The 25 cells row by row: likelihood 5 down to 1, in each impact 1 to 5"),
      field("total_risks", &M::total_risks).server().describe("Open risks counted"),
      field("risks_by_level", &M::risks_by_level).server());
}

struct RiskStatistics {
  std::int64_t total_risks = 0;
  std::int64_t open_risks = 0;
  std::map<RiskLevel, std::int64_t> by_level;
  std::map<RiskCategory, std::int64_t> by_category;
  std::map<RiskStatus, std::int64_t> by_status;
  std::map<TreatmentStrategy, std::int64_t> by_treatment;
  std::int64_t reviews_due = 0;
  std::int64_t overdue_treatments = 0;
  std::int64_t expired_acceptances = 0;
  kit::Decimal average_score{"0"};
};

constexpr auto describe(kit::Tag<RiskStatistics> /*unused*/) {
  using kit::field;
  using S = RiskStatistics;
  return kit::resource<S>(
      {.name = "RiskStatistics"},
      field("total_risks", &S::total_risks).server().describe("Every risk not archived"),
      field("open_risks", &S::open_risks).server().describe("Risks not closed"),
      field("by_level", &S::by_level).server().describe("Open risks by current level"),
      field("by_category", &S::by_category).server().describe("Open risks by category"),
      field("by_status", &S::by_status).server(),
      field("by_treatment", &S::by_treatment).server().describe("Open risks by treatment"),
      field("reviews_due", &S::reviews_due).server().describe("Open risks due for review today"),
      field("overdue_treatments", &S::overdue_treatments).server(),
      field("expired_acceptances", &S::expired_acceptances).server(),
      field("average_score", &S::average_score)
          .server()
          .describe("Mean current score of open risks, 0 when none"));
}

}  // namespace qgp::model::risks
