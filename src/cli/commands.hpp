#pragma once

#include <optional>
#include <span>

#include "core/config.hpp"
#include "http/docs_assets.hpp"

namespace CLI {  // NOLINT(readability-identifier-naming): the CLI11 library's namespace
class App;
}

namespace qgp::cli {

// Shared state of one CLI invocation. The configuration is loaded only when a command needs it, so
// `qgp --help` works with no environment at all.
class Context {
 public:
  // Loads and validates the configuration once (throws core::ConfigError).
  const core::Config& config();
  // The environment the configuration is read from (real environment over .env).
  const core::Environment& environment();
  // Exit code a command's callback sets; CLI11 callbacks cannot return one.
  int exit_code = 0;
  // The web application `qgp serve` serves (http/web_app.hpp); main() hands it over.
  std::span<const http::DocsAsset> web_assets;

 private:
  std::optional<core::Environment> environment_;
  std::optional<core::Config> config_;
};

// Each command group registers its subcommands on the root app.
void register_config_commands(CLI::App& app, Context& context);
void register_db_commands(CLI::App& app, Context& context);
// Schema commands (check, lint, test, revision --autogenerate) hang under the `db` subcommand.
void register_db_schema_commands(CLI::App& db, Context& context);
void register_serve_command(CLI::App& app, Context& context);
// `qgp user create`: accounts from the command line (the first administrator).
void register_user_commands(CLI::App& app, Context& context);
// `qgp audit verify`: walks the audit trail's hash chain.
void register_audit_commands(CLI::App& app, Context& context);
// `qgp seed`: permissions, system roles and the standards library, idempotently.
void register_seed_command(CLI::App& app, Context& context);
// `qgp openapi`: the document `qgp serve` would serve, without a database (the CI linter's input).
void register_openapi_command(CLI::App& app, Context& context);

// Parses argv, runs the chosen command, and returns the process exit code. Errors are printed as
// one readable line on stderr (exit 1 for a failed command, 2 for usage or configuration errors).
// `web_assets`: the embedded web application, which only the `qgp` executable links (the
// build-time OpenAPI writer runs without it).
int run(int argc, char** argv, std::span<const http::DocsAsset> web_assets = {});

}  // namespace qgp::cli
