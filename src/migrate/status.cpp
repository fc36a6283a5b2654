#include "migrate/status.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/connection.hpp"
#include "migrate/graph.hpp"

namespace qgp::migrate {

std::optional<std::string> schema_head_problem(db::Connection& connection,
                                               const RevisionGraph& graph) {
  const auto exists =
      connection.exec_prepared("SELECT to_regclass('public.qgp_schema_version') IS NOT NULL");
  if (!exists.boolean(0, 0)) {
    return "no migrations applied: run `qgp db upgrade head`";
  }
  const auto rows =
      connection.exec_prepared("SELECT revision FROM public.qgp_schema_version ORDER BY revision");
  std::vector<std::string> applied;
  applied.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    applied.push_back(rows.string(row, 0));
  }
  auto heads = graph.heads();
  std::sort(heads.begin(), heads.end());
  if (applied == heads) {
    return std::nullopt;
  }
  for (const auto& revision : applied) {
    if (graph.find(revision) == nullptr) {
      return fmt::format("database is at revision {}, unknown to this binary (newer schema?)",
                         revision);
    }
  }
  const auto pending = graph.upgrade_path(applied, graph.resolve("heads")).size();
  if (pending == 0) {
    // Applied revisions past or beside the heads cannot be; say what we saw.
    return fmt::format("schema at {} but this binary's heads are {}", fmt::join(applied, ", "),
                       fmt::join(heads, ", "));
  }
  return fmt::format("{} revision{} pending: run `qgp db upgrade head`", pending,
                     pending == 1 ? "" : "s");
}

}  // namespace qgp::migrate
