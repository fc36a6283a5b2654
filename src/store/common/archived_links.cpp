#include "store/common/archived_links.hpp"

#include <string_view>

#include <fmt/format.h>

#include "store/common/id_lists.hpp"

namespace qgp::store::common {

namespace {

std::string_view table_of(LinkTarget target) {
  switch (target) {
    case LinkTarget::kStandard:
      return "standards";
    case LinkTarget::kClause:
      return "clauses";
    case LinkTarget::kControl:
      return "controls";
    case LinkTarget::kRisk:
      return "risks";
  }
  return {};
}

}  // namespace

std::vector<std::int64_t> archived_among(db::Connection& connection, LinkTarget target,
                                         const std::vector<std::int64_t>& ids) {
  std::vector<std::int64_t> archived;
  if (ids.empty()) {
    return archived;
  }
  const auto result =
      connection.exec_prepared(fmt::format("SELECT id FROM {} WHERE id = ANY($1::text[]::bigint[]) "
                                           "AND archived_at IS NOT NULL ORDER BY id",
                                           table_of(target)),
                               db::Params(id_array_literal(ids)));
  archived.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    archived.push_back(result.int64(row, 0));
  }
  return archived;
}

}  // namespace qgp::store::common
