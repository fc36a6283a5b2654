#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "api/routes.hpp"
#include "cli/commands.hpp"
#include "core/config.hpp"
#include "core/logging.hpp"
#include "domain/audit/checkpoint_signing.hpp"
#include "domain/audit/sealer.hpp"
#include "domain/identity/auth_service.hpp"
#include "http/server.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/status.hpp"
#include "store/audit/audit_log_store.hpp"

namespace qgp::cli {

namespace {

struct ServeOptions {
  std::string host;
  std::uint16_t port = 0;
  int http_threads = 0;
  int worker_threads = 0;
  CLI::Option* host_option = nullptr;
  CLI::Option* port_option = nullptr;
  CLI::Option* threads_option = nullptr;
  CLI::Option* workers_option = nullptr;
};

}  // namespace

void register_serve_command(CLI::App& app, Context& context) {
  auto* serve = app.add_subcommand(
      "serve", "Serve the HTTP API; SIGTERM/SIGINT shut down gracefully (exit 0)");
  auto options = std::make_shared<ServeOptions>();
  options->host_option = serve->add_option("--host", options->host, "Listen address (HTTP_HOST)");
  options->port_option =
      serve->add_option("--port", options->port, "Listen port (HTTP_PORT); 0 picks a free one")
          ->check(CLI::Range(0, 65535));
  options->threads_option =
      serve->add_option("--http-threads", options->http_threads, "I/O threads (HTTP_THREADS)")
          ->check(CLI::Range(0, 256));
  options->workers_option = serve
                                ->add_option("--worker-threads", options->worker_threads,
                                             "Handler threads (WORKER_THREADS)")
                                ->check(CLI::Range(0, 1024));
  serve->callback([&context, options] {
    auto server_options = http::ServerOptions::from_config(context.config());
    server_options.web_assets = context.web_assets;
    // One password thread per place in the Argon2id queue, plus two that only ever answer the
    // refusals beyond it: a caller past the bound meets the full gate on one of those and gets
    // 503 BUSY at once, instead of queueing unseen for a thread (docs/adr/0012).
    constexpr unsigned kRefusalThreads = 2;
    server_options.password_threads = static_cast<int>(
        domain::identity::password_hash_capacity(context.config()) + kRefusalThreads);
    if (options->host_option->count() > 0) {
      server_options.host = options->host;
    }
    if (options->port_option->count() > 0) {
      server_options.port = options->port;
    }
    if (options->threads_option->count() > 0) {
      server_options.io_threads = options->http_threads;
    }
    if (options->workers_option->count() > 0) {
      server_options.worker_threads = options->worker_threads;
    }
    http::Server server(server_options);
    api::register_routes(server, context.config());
    // The routes that wait for Argon2id run on threads of their own (PASSWORD_HASH_QUEUE of them):
    // a burst of sign-ins queues there instead of holding the workers of every other request.
    for (const auto& [method, pattern] :
         {std::pair{"POST", "/api/v1/auth/login"},
          std::pair{"POST", "/api/v1/auth/change-password"}, std::pair{"POST", "/api/v1/users"}}) {
      server.run_on_password_threads(method, pattern);
    }
    // Ready means "at head": a pod whose migrations have not run yet must not take traffic.
    auto graph = std::make_shared<const migrate::RevisionGraph>(migrate::load_embedded_revisions());
    server.add_readiness_check("schema", [graph](db::Connection& connection) {
      return migrate::schema_head_problem(connection, *graph);
    });
    // The audit trail is append-only only if the service cannot rewrite it (ADR-0008): staging
    // and production are not ready while the role could; development and testing are told once.
    const auto app_env = context.config().app_env;
    const bool strict = app_env == core::AppEnv::kStaging || app_env == core::AppEnv::kProduction;
    auto warned = std::make_shared<std::atomic<bool>>(false);
    server.add_readiness_check("least_privilege", [strict, warned](db::Connection& connection) {
      auto problem = store::audit::rewrite_privilege_problem(connection);
      if (problem && !strict) {
        if (!warned->exchange(true)) {
          core::log::warn(
              "database_role_not_least_privilege",
              {{"problem", *problem}, {"fix", "serve as a member of qgp_app (docs/adr/0008)"}});
        }
        return std::optional<std::string>();
      }
      if (problem) {
        *problem += ": serve as a member of qgp_app (docs/adr/0008)";
      }
      return problem;
    });
    // The audit trail's sealer (docs/adr/0003): every replica runs one; an advisory lock lets one
    // work at a time. Staging and production are not ready without a key to sign checkpoints.
    auto signing_key = domain::audit::signing_key(context.config());
    if (!signing_key) {
      if (strict) {
        server.add_readiness_check("audit_signing_key", [](db::Connection& /*connection*/) {
          return std::optional<std::string>(
              "AUDIT_SIGNING_KEY is empty: audit checkpoints would be unsigned (docs/adr/0003)");
        });
      } else {
        core::log::warn("audit_checkpoints_unsigned",
                        {{"reason", "AUDIT_SIGNING_KEY is empty"},
                         {"fix", "qgp audit keygen (docs/adr/0003)"}});
      }
    }
    std::optional<domain::audit::BackgroundSealer> sealer;
    if (!context.config().database_url.empty()) {
      sealer.emplace(context.config().database_url,
                     domain::audit::Sealer(signing_key, context.config().audit_seal_batch_size),
                     context.config().audit_seal_interval);
    }
    server.start();
    if (sealer) {
      sealer->start();
    }
    const bool drained = server.wait();
    if (sealer) {
      sealer->stop();  // a last pass first: rows of the drained requests are sealed too
    }
    if (!drained) {
      // A handler outlived the grace period; its threads cannot be joined, so leave at once.
      core::log::error("serve_exit", {{"reason", "shutdown grace period expired"}});
      std::_Exit(1);
    }
    context.exit_code = 0;
  });
}

}  // namespace qgp::cli
