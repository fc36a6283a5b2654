#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace qgp::cli {

void register_db_commands(CLI::App& app, Context& /*context*/) {
  auto* db = app.add_subcommand("db", "Database migrations");
  db->require_subcommand(1);
}

}  // namespace qgp::cli
