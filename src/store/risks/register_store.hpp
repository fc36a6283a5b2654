#pragma once

// The register's read-only aggregates: the heat map's counts per cell, the statistics, and the
// rows of the CSV export. One statement each.

#include <cstdint>
#include <utility>
#include <vector>

#include "db/connection.hpp"
#include "model/risks/matrix_version.hpp"
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

// The 25 cells (matrix_id, likelihood, impact, level) of the newest matrix version.
std::vector<model::risks::MatrixCellLevel> current_matrix_cells(db::Connection& connection);

// The number the next matrix version takes; holds a transaction-scoped lock so two versions
// created at once are numbered one after the other (call inside the creating transaction).
std::int32_t next_matrix_version_number(db::Connection& connection);

// The version numbers of two matrix versions (by id), in the order given.
std::pair<std::int32_t, std::int32_t> matrix_version_numbers(db::Connection& connection,
                                                             std::int64_t first,
                                                             std::int64_t second);

// Every risk not archived, by reference number.
std::vector<model::risks::Risk> all_risks(db::Connection& connection);

}  // namespace qgp::store::risks
