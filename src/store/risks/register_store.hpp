#pragma once

// The register's read-only aggregates: the heat map's counts per cell, the statistics, and the
// rows of the CSV export. One statement each.

#include <cstdint>
#include <vector>

#include "db/connection.hpp"
#include "model/risks/register.hpp"
#include "model/risks/risk.hpp"

namespace qgp::store::risks {

struct CellCount {
  int likelihood = 0;
  int impact = 0;
  std::int64_t risks = 0;
};

// Open (not closed, not archived) risks per (likelihood, impact) of the query's basis, filtered
// by its department, category and owner; cells without risks are absent.
std::vector<CellCount> matrix_counts(db::Connection& connection,
                                     const model::risks::MatrixQuery& query);

// Counts over the risks not archived (see RiskStatistics' declaration).
model::risks::RiskStatistics statistics(db::Connection& connection);

// Every risk not archived, by reference number.
std::vector<model::risks::Risk> all_risks(db::Connection& connection);

}  // namespace qgp::store::risks
