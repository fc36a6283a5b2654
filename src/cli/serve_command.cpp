#include <CLI/CLI.hpp>

#include "cli/commands.hpp"

namespace qgp::cli {

void register_serve_command(CLI::App& app, Context& /*context*/) {
  app.add_subcommand("serve", "Serve the HTTP API");
}

}  // namespace qgp::cli
