#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/config.hpp"

namespace qgp::cli {

void register_config_commands(CLI::App& app, Context& context) {
  auto* config = app.add_subcommand("config", "Configuration (ADR-0002)");
  config->require_subcommand(1);
  auto* check = config->add_subcommand(
      "check", "Validate the configuration for the current APP_ENV and exit (0 valid, 2 invalid)");
  check->callback([&context] {
    const auto& loaded = context.config();  // throws ConfigError listing every problem
    std::cout << fmt::format("configuration is valid for APP_ENV={} (database {})\n",
                             core::app_env_name(loaded.app_env),
                             core::redact_database_url(loaded.database_url));
    if (!loaded.migration_database_url.empty()) {
      std::cout << fmt::format("migrations connect as the schema owner: {}\n",
                               core::redact_database_url(loaded.migration_database_url));
    }
  });
}

}  // namespace qgp::cli
