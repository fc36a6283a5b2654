#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace qgp::cli {

void register_db_schema_commands(CLI::App& /*db*/, Context& /*context*/) {}

}  // namespace qgp::cli
