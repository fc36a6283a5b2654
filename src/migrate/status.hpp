#pragma once

#include <optional>
#include <string>

namespace qgp::db {
class Connection;
}

namespace qgp::migrate {

class RevisionGraph;

// Why the database is not at the graph's heads ("2 revisions pending: run `qgp db upgrade
// head`"), or nullopt when it is. One cheap read of the version table, for /readyz.
std::optional<std::string> schema_head_problem(db::Connection& connection,
                                               const RevisionGraph& graph);

}  // namespace qgp::migrate
