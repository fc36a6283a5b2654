#include "cli/commands.hpp"

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/logging.hpp"

namespace qgp::cli {

const core::Environment& Context::environment() {
  if (!environment_) {
    const char* path = std::getenv("QGP_ENV_FILE");  // NOLINT(concurrency-mt-unsafe): startup only
    environment_ = core::load_environment(path != nullptr ? path : ".env");
  }
  return *environment_;
}

const core::Config& Context::config() {
  if (!config_) {
    config_ = core::load_config(environment());
    core::log::init(config_->log_level);
  }
  return *config_;
}

int run(int argc, char** argv, std::span<const http::DocsAsset> web_assets) {
  CLI::App app{"QGP - Quality Governance Platform"};
  app.set_version_flag("--version", std::string("qgp ") + QGP_VERSION);
  app.require_subcommand(1);
  Context context;
  context.web_assets = web_assets;
  register_config_commands(app, context);
  register_db_commands(app, context);
  register_serve_command(app, context);
  register_seed_command(app, context);
  register_user_commands(app, context);
  register_audit_commands(app, context);
  register_openapi_command(app, context);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const core::ConfigError& e) {
    std::cerr << "qgp: " << e.what() << '\n';
    return 2;
  } catch (const core::ValidationError& e) {
    std::cerr << fmt::format("qgp: {}\n", e.what());
    for (const auto& [field, problem] : e.fields()) {
      std::cerr << fmt::format("  {}: {}\n", field, problem);
    }
    return 1;
  } catch (const core::Error& e) {
    std::cerr << fmt::format("qgp: {}: {}\n", core::error_code_name(e.code()), e.what());
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "qgp: " << e.what() << '\n';
    return 1;
  }
  return context.exit_code;
}

}  // namespace qgp::cli
