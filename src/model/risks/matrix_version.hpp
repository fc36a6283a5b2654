#pragma once

// Versions of the risk matrix, declared once (ADR-0010): the level of each of the 25 likelihood x
// impact cells. The newest version is current; a version is never changed (a new one replaces
// it), and every risk and assessment keeps the version it was scored with.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kit/field.hpp"
#include "kit/values.hpp"
#include "model/risks/risk.hpp"

namespace qgp::model::risks {

// One cell of a version: likelihood x impact is `level`.
struct MatrixCellLevel : kit::Record {
  std::int64_t matrix_id = 0;
  std::int16_t likelihood = 1;
  std::int16_t impact = 1;
  RiskLevel level = RiskLevel::kMedium;
};

constexpr auto describe(kit::Tag<MatrixCellLevel> /*unused*/) {
  using kit::field;
  using C = MatrixCellLevel;
  return kit::record_resource<C>({.name = "RiskMatrixCellLevel",
                                  .noun = "matrix cell",
                                  .table = "risk_matrix_cells",
                                  .alias = "mc",
                                  .order = "mc.likelihood, mc.impact"},
                                 field("matrix_id", &C::matrix_id)
                                     .server()
                                     .not_audited()
                                     .references("risk_matrices", kit::OnDelete::kRestrict),
                                 field("likelihood", &C::likelihood).range(1, 5),
                                 field("impact", &C::impact).range(1, 5),
                                 field("level", &C::level));
}

// Whether a version is the newest (computed: a newer version makes it history).
inline constexpr std::string_view kCurrentMatrixSql =
    "(m.version_number = (SELECT max(version_number) FROM risk_matrices))";

struct RiskMatrixVersion : kit::Record {
  std::int32_t version_number = 0;
  std::string name;
  std::optional<std::string> notes;
  bool current = false;
  std::vector<MatrixCellLevel> cells;
};

constexpr auto describe(kit::Tag<RiskMatrixVersion> /*unused*/) {
  using kit::field;
  using M = RiskMatrixVersion;
  return kit::record_resource<M>(
      {.name = "RiskMatrixVersion",
       .noun = "risk matrix",
       .entity = "risk_matrix",
       .table = "risk_matrices",
       .alias = "m",
       .order = "m.version_number DESC",
       .path = "/api/v1/risk-matrices"},
      field("version_number", &M::version_number).server().sort(),
      field("name", &M::name).text(1, 200).trimmed(),
      field("notes", &M::notes)
          .text(1, 4000)
          .trimmed()
          .describe("Why this matrix replaces the previous one"),
      field("current", &M::current)
          .expression(kCurrentMatrixSql)
          .describe("The newest version: new ratings and re-scoring use it"),
      field("cells", &M::cells)
          .children("matrix_id")
          .describe("All 25 cells, each likelihood x impact once; a cell is never rated below a "
                    "cell of lower or equal likelihood and impact"));
}

}  // namespace qgp::model::risks
