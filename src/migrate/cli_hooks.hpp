#pragma once

#include <functional>
#include <string>
#include <vector>

#include "migrate/graph.hpp"

// How `qgp db revision --autogenerate` reaches the schema engine without the migration engine
// depending on it: register_db_schema_commands (src/cli/db_schema_commands.cpp) calls
// set_autogenerate_hook once at start-up; `qgp db revision -m MSG --autogenerate` then calls the
// hook and writes a revision file with the SQL it returns (parent: the current head, exactly as a
// plain `revision`). With no hook set, `--autogenerate` is an error.
namespace qgp::migrate {

struct AutogenerateRequest {
  const RevisionGraph& graph;               // the revisions the new file will follow
  std::string message;                      // -m MSG
  std::vector<std::string> down_revisions;  // the parents the new file will name
};

struct AutogenerateResult {
  std::string upgrade_sql;    // what brings the live database to the declared schema
  std::string downgrade_sql;  // what reverts it
  bool transactional = true;  // false when the SQL needs autocommit (CREATE INDEX CONCURRENTLY)
};

// May throw any core::Error (printed as the command's error). The hook captures whatever it needs
// (e.g. the CLI context for the database URL).
using AutogenerateHook = std::function<AutogenerateResult(const AutogenerateRequest&)>;

void set_autogenerate_hook(AutogenerateHook hook);
// The hook set last; empty when none was set.
const AutogenerateHook& autogenerate_hook();

}  // namespace qgp::migrate
