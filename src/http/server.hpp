#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "http/auth.hpp"
#include "http/docs_assets.hpp"
#include "http/router.hpp"

namespace qgp::core {
struct Config;
}
namespace qgp::db {
class Connection;
}

namespace qgp::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8000;  // 0: an ephemeral port (see Server::start)
  int io_threads = 0;         // 0: one per core
  int worker_threads = 0;     // 0: db_pool_size
  // Threads of the routes that hash passwords (Route::hashes_passwords); 0: they share the worker
  // threads. More than the places in the Argon2id queue (qgp serve adds two): a waiting sign-in
  // blocks one of these, never a worker, and a caller beyond the queue is refused on a spare one.
  int password_threads = 0;
  std::string database_url;  // empty: no pool, /readyz reports the database as missing
  std::size_t db_pool_size = 8;
  std::chrono::milliseconds db_acquire_timeout{5000};
  std::size_t max_body_bytes = std::size_t{1024} * 1024;
  std::size_t max_header_bytes = std::size_t{16} * 1024;
  std::chrono::milliseconds request_timeout{30000};
  std::chrono::milliseconds shutdown_grace{10000};
  std::vector<std::string> cors_origins;
  bool cors_allow_credentials = false;
  bool handle_signals = true;  // SIGTERM/SIGINT start a graceful shutdown
  // Undocumented success statuses become 500s (Dispatcher::set_enforce_response_contract);
  // from_config turns it on outside staging and production.
  bool enforce_response_contract = false;
  // One success body in this many is checked against its schema, per route (the first always).
  unsigned response_contract_sample = 1;
  // The web application's files (http/web_app.hpp), served at / and /assets/<file>, index.html
  // also for every client-side route; empty (the build-time tools): those paths answer 404.
  std::span<const DocsAsset> web_assets;

  static ServerOptions from_config(const core::Config& config);
};

// Returns a reason when the service is not ready (e.g. "schema is not at head"), nullopt when it
// is. Runs on a worker thread for each /readyz request, after the database answered, with the
// pooled connection /readyz pinged it on.
using ReadinessCheck = std::function<std::optional<std::string>(db::Connection&)>;

// The HTTP server: Beast + Asio coroutines on `io_threads` I/O threads (one io_context each; one
// acceptor hands connections out round-robin), handlers on a separate worker pool so that a
// blocking database call never stalls I/O. Owns the database pool. Built-in routes: /healthz,
// /readyz, /metrics, /openapi.json, /docs, and the web application at /
// (ServerOptions::web_assets).
class Server {
 public:
  explicit Server(ServerOptions options);
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  Server(Server&&) = delete;
  Server& operator=(Server&&) = delete;
  ~Server();

  // Registration happens before start(); the route table is read-only while serving.
  void add_route(Route route);
  // Runs the route registered for (method, pattern) on the password threads; throws
  // std::invalid_argument when there is no such route (a renamed path must not go unnoticed).
  void run_on_password_threads(std::string_view method, std::string_view pattern);
  void add_schema(const std::string& name, const nlohmann::json& schema);
  // The OpenAPI description of a route tag (a module); the shipped tags have defaults
  // (http::known_tag_descriptions).
  void add_tag(const std::string& name, const std::string& description);
  void set_authenticator(std::shared_ptr<Authenticator> authenticator);
  void add_readiness_check(const std::string& name, ReadinessCheck check);

  // Builds the OpenAPI document, binds, and starts the I/O and worker threads. Returns the bound
  // port. Throws on a bind failure or an incomplete route table.
  std::uint16_t start();
  // Blocks until stop() or a signal, then shuts down gracefully: stops accepting, closes idle
  // keep-alive connections, lets in-flight requests finish within shutdown_grace. Returns true
  // when every connection finished in time.
  bool wait();
  // Requests a graceful shutdown; thread-safe, returns at once.
  void stop() noexcept;

  // The OpenAPI document of the routes and schemas registered so far: what /openapi.json serves
  // once started. Needs no database (`qgp openapi` prints it). Throws like start() when a route
  // names an unregistered schema.
  [[nodiscard]] nlohmann::json openapi() const;
  [[nodiscard]] const Router& router() const noexcept;
  [[nodiscard]] std::uint16_t port() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qgp::http
