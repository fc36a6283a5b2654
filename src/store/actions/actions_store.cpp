#include "store/actions/actions_store.hpp"

#include <cstddef>
#include <string>

#include <fmt/format.h>

#include "store/common/id_lists.hpp"
#include "store/kit/rows.hpp"

namespace qgp::store::actions {

FindingActionCounts finding_action_counts(db::Connection& connection, std::int64_t finding_id) {
  static const std::string kSql =
      "SELECT count(*) FILTER (WHERE status = 'verified'), count(*) FILTER (WHERE status NOT IN "
      "('verified', 'cancelled')) FROM actions WHERE finding_id = $1 AND archived_at IS NULL";
  const auto result = connection.exec_prepared(kSql, db::Params(finding_id));
  return FindingActionCounts{.verified = result.int64(0, 0), .outstanding = result.int64(0, 1)};
}

std::vector<std::int64_t> foreign_actions(db::Connection& connection, std::int64_t risk_id,
                                          const std::vector<std::int64_t>& action_ids) {
  return foreign_actions(connection, "risk_id", risk_id, action_ids);
}

std::vector<std::int64_t> foreign_actions(db::Connection& connection,
                                          std::string_view source_column, std::int64_t source_id,
                                          const std::vector<std::int64_t>& action_ids) {
  const auto sql = fmt::format(
      "SELECT u.id FROM unnest($2::text[]::bigint[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM "
      "actions a WHERE a.id = u.id AND a.{} = $1 AND a.archived_at IS NULL) ORDER BY u.id",
      source_column);
  const auto result =
      connection.exec_prepared(sql, db::Params(source_id, common::id_array_literal(action_ids)));
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    out.push_back(result.int64(row, 0));
  }
  return out;
}

std::vector<model::actions::Action> all_actions(db::Connection& connection) {
  static const std::string kSql =
      fmt::format("{} WHERE a.archived_at IS NULL ORDER BY a.reference_number",
                  kit::select_from<model::actions::Action>());
  return kit::read_rows<model::actions::Action>(connection.exec_prepared(kSql));
}

}  // namespace qgp::store::actions
