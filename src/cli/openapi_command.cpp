#include <fstream>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "api/routes.hpp"
#include "cli/commands.hpp"
#include "core/config.hpp"
#include "core/logging.hpp"
#include "http/server.hpp"

namespace qgp::cli {

void register_openapi_command(CLI::App& app, Context& context) {
  auto* openapi = app.add_subcommand(
      "openapi",
      "Print the OpenAPI 3.1 document `qgp serve` serves at /openapi.json (no database)");
  auto output = std::make_shared<std::string>();
  openapi->add_option("-o,--output", *output, "Write it to this file instead of standard output");
  openapi->callback([&context, output] {
    // The routes are registered exactly as `qgp serve` does, but nothing connects: the document
    // needs no database, so DATABASE_URL may be absent (a placeholder satisfies the configuration).
    auto environment = context.environment();
    environment.try_emplace("DATABASE_URL", "postgresql:///unused");
    const auto config = core::load_config(environment);
    core::log::init("error");  // warnings about serving (an ephemeral key) do not apply here
    http::Server server(http::ServerOptions{});
    api::register_routes(server, config);
    const auto text = server.openapi().dump(2) + "\n";
    if (output->empty()) {
      std::cout << text << std::flush;
    } else {
      std::ofstream file(*output, std::ios::binary | std::ios::trunc);
      file << text;
      file.close();
      if (!file) {
        throw std::runtime_error("cannot write " + *output);
      }
    }
    context.exit_code = 0;
  });
}

}  // namespace qgp::cli
