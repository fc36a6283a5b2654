// GCC 12 at -O2/-O3 reports -Wnull-dereference inside Asio's scheduler after inlining (a false
// positive in a system header that the system-header exemption does not cover).
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "http/server.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/config.hpp"
#include "core/errors.hpp"
#include "core/logging.hpp"
#include "db/pool.hpp"
#include "http/dispatcher.hpp"
#include "http/docs_assets.hpp"
#include "http/errors.hpp"
#include "http/json_body.hpp"
#include "http/metrics.hpp"
#include "http/openapi.hpp"
#include "http/request_id.hpp"
#include "http/web_app.hpp"

namespace qgp::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t kLingerMaxBytes = std::size_t{1024} * 1024;
constexpr std::chrono::seconds kLingerTimeout{1};
constexpr std::size_t kMaxLoggedPath = 512;

std::string to_string(beast::string_view view) {
  return {view.data(), view.size()};
}

// RFC 9112 section 3.2: a server must answer 400 to an HTTP/1.1 request without a Host header
// field and to any request with more than one (HTTP/1.0 requests may omit it).
std::optional<std::string_view> host_problem(const bhttp::fields& fields, unsigned version) {
  const auto hosts = fields.count(bhttp::field::host);
  if (hosts > 1) {
    return "more than one Host header";
  }
  if (hosts == 0 && version >= 11) {
    return "an HTTP/1.1 request needs a Host header";
  }
  return std::nullopt;
}

// Runs `function` on the worker pool and resumes the awaiting coroutine on its own executor, so a
// blocking handler never occupies an I/O thread. `function` must not throw.
template <typename Function>
auto run_blocking(asio::thread_pool& pool, Function function) {
  using Result = std::invoke_result_t<Function&>;
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(Result)>(
      [&pool](auto handler, Function fn) {
        auto io_executor = asio::get_associated_executor(handler);
        asio::post(pool, [handler = std::move(handler), fn = std::move(fn),
                          io_executor = std::move(io_executor)]() mutable {
          Result result = fn();
          asio::post(io_executor,
                     [handler = std::move(handler), result = std::move(result)]() mutable {
                       std::move(handler)(std::move(result));
                     });
        });
      },
      asio::use_awaitable, std::move(function));
}

// The page's policy: scripts, styles, images and API calls of this origin only (Swagger UI's style
// sheet embeds its icons as data: URIs); no inline script, no other host, no framing.
constexpr std::string_view kDocsPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// /docs and /docs/<asset> from the assets embedded at build time (web/docs).
Response docs_response(std::string_view name, std::string_view request_id) {
  return asset_response(docs_assets(), name, kDocsPolicy, "no such documentation file", request_id);
}

struct SessionState {
  beast::tcp_stream* stream = nullptr;
  bool waiting = false;  // between requests (or before the first): safe to close at shutdown
};

struct IoWorker {
  // Declared before the context: destroying the context destroys pending session frames, whose
  // cleanup still unregisters from this set.
  std::set<SessionState*> sessions;  // touched only on this worker's thread
  asio::io_context context{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
};

}  // namespace

ServerOptions ServerOptions::from_config(const core::Config& config) {
  ServerOptions options;
  options.host = config.http_host;
  options.port = config.http_port;
  options.io_threads = config.http_threads;
  options.worker_threads = config.worker_threads;
  options.password_threads = static_cast<int>(config.password_hash_queue);
  options.database_url = config.database_url;
  options.db_pool_size = config.db_pool_size;
  options.db_acquire_timeout = config.db_acquire_timeout;
  options.max_body_bytes = config.max_body_bytes;
  options.request_timeout = config.request_timeout;
  options.shutdown_grace = config.shutdown_grace;
  options.cors_origins = config.cors_origins;
  options.cors_allow_credentials = config.cors_allow_credentials;
  options.enforce_response_contract =
      config.app_env == core::AppEnv::kDevelopment || config.app_env == core::AppEnv::kTesting;
  options.response_contract_sample = config.response_contract_sample;
  return options;
}

struct Server::Impl {
  explicit Impl(ServerOptions opts)
      : options(std::move(opts)),
        pool(options.database_url.empty()
                 ? nullptr
                 : std::make_unique<db::Pool>(
                       options.database_url,
                       db::PoolOptions{.size = options.db_pool_size,
                                       .acquire_timeout = options.db_acquire_timeout})),
        dispatcher(router, CorsPolicy(options.cors_origins, options.cors_allow_credentials),
                   pool.get()) {
    dispatcher.set_enforce_response_contract(options.enforce_response_contract);
    dispatcher.set_response_contract_sample(options.response_contract_sample);
  }

  ServerOptions options;
  Router router;
  SchemaRegistry schemas;
  TagDescriptions tags;
  std::unique_ptr<db::Pool> pool;
  Dispatcher dispatcher;
  Metrics metrics;
  std::vector<std::pair<std::string, ReadinessCheck>> readiness_checks;
  std::string openapi_json;

  std::vector<std::unique_ptr<IoWorker>> io_workers;
  std::unique_ptr<asio::thread_pool> worker_pool;
  std::unique_ptr<asio::thread_pool> password_pool;  // null: password routes use worker_pool
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<asio::signal_set> signals;
  std::uint16_t bound_port = 0;
  bool started = false;
  bool finished = false;

  std::atomic<bool> shutting_down{false};
  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;
  int active_sessions = 0;

  void register_builtin_routes();
  Response readyz(const RequestContext& context);
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> session(IoWorker& worker, tcp::socket socket);
  void session_ended();
};

void Server::Impl::register_builtin_routes() {
  schemas["Health"] = {{"type", "object"},
                       {"required", {"status"}},
                       {"properties", {{"status", {{"type", "string"}, {"enum", {"ok"}}}}}},
                       {"additionalProperties", false}};
  schemas["Readiness"] = {{"type", "object"},
                          {"required", {"status", "checks"}},
                          {"properties",
                           {{"status", {{"type", "string"}, {"enum", {"ready"}}}},
                            {"checks",
                             {{"type", "object"},
                              {"description", "each readiness check by name: ok, or why it is not"},
                              {"additionalProperties", {{"type", "string"}}}}}}},
                          {"additionalProperties", false}};
  router.add(
      Route{.method = "GET",
            .pattern = "/healthz",
            .summary = "Liveness: the process is up (no database access)",
            .tag = "system",
            .is_public = true,
            .response_schema = "Health",
            .runs_inline = true,
            .handler = [](RequestContext&) { return json_response(200, {{"status", "ok"}}); }});
  router.add(Route{.method = "GET",
                   .pattern = "/readyz",
                   .summary = "Readiness: the database answers and every readiness check passes",
                   .tag = "system",
                   .is_public = true,
                   .response_schema = "Readiness",
                   .handler = [this](RequestContext& context) { return readyz(context); }});
  router.add(Route{
      .method = "GET",
      .pattern = "/metrics",
      .summary = "Prometheus metrics",
      .tag = "system",
      .is_public = true,
      .success_content_type = "text/plain",
      .handler = [this](RequestContext&) {
        Metrics::PoolGauges gauges;
        if (pool) {
          const auto stats = pool->stats();
          gauges = {
              .size = stats.size, .open = stats.open, .idle = stats.idle, .waiting = stats.waiting};
        }
        Response response;
        response.set_header("Content-Type", "text/plain; version=0.0.4");
        response.body = metrics.render(gauges);
        return response;
      }});
  router.add(Route{.method = "GET",
                   .pattern = "/openapi.json",
                   .summary = "OpenAPI 3.1 description generated from the route table",
                   .tag = "system",
                   .is_public = true,
                   .handler = [this](RequestContext&) {
                     Response response;
                     response.set_header("Content-Type", "application/json");
                     response.body = openapi_json;
                     return response;
                   }});
  router.add(Route{.method = "GET",
                   .pattern = "/docs",
                   .summary = "Interactive API documentation (Swagger UI, embedded in the binary)",
                   .tag = "system",
                   .is_public = true,
                   .success_content_type = "text/html",
                   .handler = [](RequestContext& context) {
                     return docs_response("index.html", context.request_id());
                   }});
  router.add(Route{.method = "GET",
                   .pattern = "/docs/{asset}",
                   .summary = "A file of the interactive documentation (script, style sheet, icon)",
                   .tag = "system",
                   .is_public = true,
                   .success_content_type = "*/*",
                   .handler = [](RequestContext& context) {
                     return docs_response(context.param("asset"), context.request_id());
                   }});
  // The web application (docs/adr/0015): public like /docs - it holds no data, the API it calls
  // still wants a token. Listed in OpenAPI whether or not this binary embeds it, so that the
  // build-time document (written by a binary without it) is the served one.
  router.add(Route{.method = "GET",
                   .pattern = "/",
                   .summary = "The web application (its index.html; client-side routes get it too)",
                   .tag = "system",
                   .is_public = true,
                   .success_content_type = "text/html",
                   .handler = [this](RequestContext& context) {
                     return web_app_response(options.web_assets, "index.html",
                                             context.request_id());
                   }});
  router.add(Route{.method = "GET",
                   .pattern = "/assets/{asset}",
                   .summary = "A content-hashed file of the web application (script, style sheet)",
                   .tag = "system",
                   .is_public = true,
                   .success_content_type = "*/*",
                   .handler = [this](RequestContext& context) {
                     return web_app_response(options.web_assets,
                                             "assets/" + std::string(context.param("asset")),
                                             context.request_id());
                   }});
  if (!options.web_assets.empty()) {
    dispatcher.set_client_route_page([this](const Request& request) {
      return web_app_response(options.web_assets, "index.html", request.request_id);
    });
  }
}

Response Server::Impl::readyz(const RequestContext& context) {
  nlohmann::json checks = nlohmann::json::object();
  std::vector<std::string> reasons;
  if (!pool) {
    checks["database"] = "not configured";
    reasons.emplace_back("no database configured");
  } else {
    std::optional<db::PooledConnection> connection;
    try {
      connection.emplace(pool->acquire());
      if (!(*connection)->ping()) {
        connection.reset();
      }
    } catch (const std::exception&) {
      connection.reset();  // the error text may name hosts or quote data; the reason is enough
    }
    checks["database"] = connection ? "ok" : "unreachable";
    if (!connection) {
      reasons.emplace_back("database unreachable");
    }
    // Checks after the database only make sense when it answers.
    for (const auto& [name, check] : readiness_checks) {
      if (!connection) {
        break;
      }
      std::optional<std::string> reason;
      try {
        reason = check(**connection);
      } catch (const std::exception&) {
        reason = "check failed";
      }
      checks[name] = reason ? *reason : std::string("ok");
      if (reason) {
        reasons.push_back(fmt::format("{}: {}", name, *reason));
      }
    }
  }
  if (reasons.empty()) {
    return json_response(200, {{"status", "ready"}, {"checks", std::move(checks)}});
  }
  std::string message = "not ready";
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    message += (i == 0 ? ": " : "; ") + reasons[i];
  }
  return error_response(core::ErrorCode::kUnavailable, message, context.request_id(),
                        {{"checks", std::move(checks)}});
}

void Server::Impl::session_ended() {
  metrics.connection_closed();
  const std::lock_guard lock(mutex);
  --active_sessions;
  changed.notify_all();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  std::size_t next = 0;
  asio::steady_timer backoff(acceptor->get_executor());
  while (true) {
    auto& worker = *io_workers[next];
    next = (next + 1) % io_workers.size();
    beast::error_code ec;
    tcp::socket socket = co_await acceptor->async_accept(
        worker.context, asio::redirect_error(asio::use_awaitable, ec));
    if (ec == asio::error::operation_aborted || !acceptor->is_open()) {
      co_return;
    }
    if (ec) {
      // EMFILE and friends: back off instead of spinning.
      core::log::warn("http_accept_failed", {{"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(100));
      co_await backoff.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    {
      const std::lock_guard lock(mutex);
      ++active_sessions;
    }
    metrics.connection_opened();
    asio::co_spawn(worker.context, session(worker, std::move(socket)), asio::detached);
  }
}

asio::awaitable<void> Server::Impl::session(IoWorker& worker, tcp::socket socket) {
  beast::error_code ec;
  const auto endpoint = socket.remote_endpoint(ec);
  // The client's IP alone is what handlers see (audit trail, throttling); logs add the port.
  const std::string remote_ip = ec ? std::string() : endpoint.address().to_string();
  const std::string remote =
      ec ? std::string("unknown") : fmt::format("{}:{}", remote_ip, endpoint.port());
  beast::tcp_stream stream(std::move(socket));
  SessionState state{.stream = &stream};
  worker.sessions.insert(&state);
  struct Cleanup {
    Impl* impl;
    IoWorker* worker;
    SessionState* state;
    Cleanup(Impl* i, IoWorker* w, SessionState* s) : impl(i), worker(w), state(s) {}
    Cleanup(const Cleanup&) = delete;
    Cleanup& operator=(const Cleanup&) = delete;
    Cleanup(Cleanup&&) = delete;
    Cleanup& operator=(Cleanup&&) = delete;
    ~Cleanup() {
      worker->sessions.erase(state);
      impl->session_ended();
    }
  } const cleanup(this, &worker, &state);

  beast::flat_buffer buffer;
  bool keep_alive = true;
  bool linger = false;
  while (keep_alive && !shutting_down.load()) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(options.max_body_bytes);
    state.waiting = true;
    stream.expires_after(options.request_timeout);
    co_await bhttp::async_read_header(stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, ec));
    state.waiting = false;
    const auto request_began = std::chrono::steady_clock::now();
    Request request;
    request.remote_address = remote_ip;
    Response response;
    std::string route = "unmatched";
    bool transport_error = false;
    if (ec) {
      if (ec == beast::error::timeout) {
        // An idle keep-alive connection, or a client too slow to send its header (slowloris):
        // nothing to answer, but on the record.
        core::log::info("http_connection_timed_out",
                        {{"remote", remote}, {"waiting_for", "request header"}});
        break;
      }
      if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted
          || ec == asio::error::connection_reset || ec == asio::error::eof
          || ec == asio::error::bad_descriptor) {
        break;  // closed by the client, or shutdown: nothing to answer
      }
      // Whatever part of the header was parsed (the start line, perhaps) helps the access log.
      request.method = to_string(parser.get().method_string());
      if (request.method.empty()) {
        request.method = "-";
      }
      request.path = split_target(to_string(parser.get().target())).first;
      request.request_id = resolve_request_id(std::nullopt);
      metrics.request_started();
      transport_error = true;
      keep_alive = false;
      core::log::info(
          "http_protocol_error",
          {{"request_id", request.request_id}, {"remote", remote}, {"reason", ec.message()}});
      if (ec == bhttp::error::body_limit) {
        // Beast checks Content-Length against the limit while parsing the header: refused before
        // a byte of the body is read.
        linger = true;
        response =
            error_response(core::ErrorCode::kPayloadTooLarge,
                           fmt::format("request body exceeds {} bytes", options.max_body_bytes),
                           request.request_id);
      } else if (ec == bhttp::error::header_limit) {
        response = error_response(core::ErrorCode::kBadRequest, "request headers too large",
                                  request.request_id, nlohmann::json::object(), 431);
      } else {
        response = error_response(core::ErrorCode::kBadRequest, "malformed HTTP request",
                                  request.request_id);
      }
    } else {
      auto& header = parser.get();
      request.method = to_string(header.method_string());
      request.target = to_string(header.target());
      std::tie(request.path, request.query) = split_target(request.target);
      for (const auto& field : header) {
        request.headers.emplace_back(to_string(field.name_string()), to_string(field.value()));
      }
      request.request_id = resolve_request_id(request.header("X-Request-Id"));
      keep_alive = header.keep_alive();
      const unsigned version = header.version();
      metrics.request_started();
      const auto length = parser.content_length();
      if (const auto problem = host_problem(header, version)) {
        // Answered and closed without reading the body (drained by the linger below).
        core::log::info("http_protocol_error", {{"request_id", request.request_id},
                                                {"remote", remote},
                                                {"reason", std::string(*problem)}});
        transport_error = true;
        keep_alive = false;
        linger = true;
        response =
            error_response(core::ErrorCode::kBadRequest, std::string(*problem), request.request_id);
      } else if (length && *length > options.max_body_bytes) {
        // Refuse before reading a byte of the body.
        transport_error = true;
        keep_alive = false;
        linger = true;
        response =
            error_response(core::ErrorCode::kPayloadTooLarge,
                           fmt::format("request body exceeds {} bytes", options.max_body_bytes),
                           request.request_id);
      } else {
        const auto expect = request.header("Expect");
        if (expect && header_name_equals(*expect, "100-continue")) {
          bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, version};
          co_await bhttp::async_write(stream, proceed,
                                      asio::redirect_error(asio::use_awaitable, ec));
        }
        if (!ec) {
          stream.expires_after(options.request_timeout);
          co_await bhttp::async_read(stream, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
        }
        if (ec == bhttp::error::body_limit) {
          transport_error = true;
          keep_alive = false;
          linger = true;
          response =
              error_response(core::ErrorCode::kPayloadTooLarge,
                             fmt::format("request body exceeds {} bytes", options.max_body_bytes),
                             request.request_id);
        } else if (ec == beast::error::timeout || ec == asio::error::eof
                   || ec == bhttp::error::end_of_stream || ec == asio::error::connection_reset
                   || ec == asio::error::operation_aborted) {
          // The client stopped sending mid-body: nobody to answer.
          metrics.request_finished(request.method, route, 408, 0);
          core::log::info(
              "http_request_aborted",
              {{"request_id", request.request_id}, {"remote", remote}, {"reason", ec.message()}});
          break;
        } else if (ec) {
          core::log::info(
              "http_protocol_error",
              {{"request_id", request.request_id}, {"remote", remote}, {"reason", ec.message()}});
          transport_error = true;
          keep_alive = false;
          response = error_response(core::ErrorCode::kBadRequest, "malformed HTTP request body",
                                    request.request_id);
        } else {
          request.body = std::move(parser.get().body());
          Dispatcher::Outcome outcome;
          if (dispatcher.runs_inline(request)) {
            outcome = dispatcher.dispatch(request);
          } else if (password_pool && dispatcher.hashes_passwords(request)) {
            outcome = co_await run_blocking(
                *password_pool, [this, &request] { return dispatcher.dispatch(request); });
          } else {
            outcome = co_await run_blocking(
                *worker_pool, [this, &request] { return dispatcher.dispatch(request); });
          }
          if (outcome.body_checked) {
            metrics.body_checked(request.method, outcome.route, outcome.body_violations);
          }
          response = std::move(outcome.response);
          route = std::move(outcome.route);
        }
      }
    }
    if (transport_error) {
      dispatcher.decorate(request, response);
    }
    keep_alive = keep_alive && !shutting_down.load();

    bhttp::response<bhttp::string_body> out;
    out.version(parser.get().version() == 10 ? 10 : 11);
    out.result(static_cast<unsigned>(response.status));
    for (auto& [name, value] : response.headers) {
      out.set(name, value);
    }
    const std::size_t body_bytes = response.body.size();
    out.body() = std::move(response.body);
    out.keep_alive(keep_alive);
    out.prepare_payload();
    if (request.method == "HEAD") {
      out.body().clear();  // Content-Length still announces the GET body
    }
    stream.expires_after(options.request_timeout);
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, ec));

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - request_began).count();
    metrics.request_finished(request.method, route, response.status, seconds);
    // The fields are built only when the line is written: with LOG_LEVEL above info the access
    // log costs a request nothing.
    if (core::log::enabled(core::log::Level::kInfo)) {
      core::log::info("http_request", {{"method", request.method.substr(0, 16)},
                                       {"path", request.path.substr(0, kMaxLoggedPath)},
                                       {"route", route},
                                       {"status", std::to_string(response.status)},
                                       {"duration_ms", fmt::format("{:.3f}", seconds * 1000.0)},
                                       {"bytes", std::to_string(body_bytes)},
                                       {"request_id", request.request_id},
                                       {"remote", remote}});
    }
    if (ec) {
      break;
    }
  }
  if (stream.socket().is_open()) {
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (linger) {
      // Read (and drop) what the client is still sending so that closing does not reset the
      // connection before it has read our error response.
      std::array<char, 16384> sink{};
      std::size_t drained = 0;
      stream.expires_after(kLingerTimeout);
      while (drained < kLingerMaxBytes) {
        drained += co_await stream.async_read_some(asio::buffer(sink),
                                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
          break;
        }
      }
    }
    stream.socket().close(ec);
    // cppcheck-suppress missingReturn ; a coroutine: falling off the end is an implicit co_return
  }
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->register_builtin_routes();
}

Server::~Server() {
  if (impl_->started && !impl_->finished) {
    stop();
    wait();
  }
}

void Server::add_route(Route route) {
  impl_->router.add(std::move(route));
}

void Server::run_on_password_threads(std::string_view method, std::string_view pattern) {
  Route* route = impl_->router.find(method, pattern);
  if (route == nullptr) {
    throw std::invalid_argument(
        fmt::format("no route {} {} to run on the password threads", method, pattern));
  }
  route->hashes_passwords = true;
}

void Server::add_schema(const std::string& name, const nlohmann::json& schema) {
  impl_->schemas[name] = schema;
}

void Server::add_tag(const std::string& name, const std::string& description) {
  impl_->tags[name] = description;
}

void Server::set_authenticator(std::shared_ptr<Authenticator> authenticator) {
  impl_->dispatcher.set_authenticator(std::move(authenticator));
}

void Server::add_readiness_check(const std::string& name, ReadinessCheck check) {
  impl_->readiness_checks.emplace_back(name, std::move(check));
}

const Router& Server::router() const noexcept {
  return impl_->router;
}

std::uint16_t Server::port() const noexcept {
  return impl_->bound_port;
}

nlohmann::json Server::openapi() const {
  return build_openapi(impl_->router, impl_->schemas, QGP_VERSION, impl_->tags);
}

std::uint16_t Server::start() {
  auto& impl = *impl_;
  if (impl.started) {
    throw std::logic_error("server already started");
  }
  const auto document = openapi();
  impl.openapi_json = document.dump(2);
  impl.dispatcher.set_openapi_document(document);

  const int io_threads = impl.options.io_threads > 0
                             ? impl.options.io_threads
                             : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  const auto worker_threads = impl.options.worker_threads > 0
                                  ? static_cast<std::size_t>(impl.options.worker_threads)
                                  : std::max<std::size_t>(1, impl.options.db_pool_size);
  for (int i = 0; i < io_threads; ++i) {
    auto worker = std::make_unique<IoWorker>();
    worker->guard.emplace(asio::make_work_guard(worker->context));
    impl.io_workers.push_back(std::move(worker));
  }
  auto& first = impl.io_workers.front()->context;
  tcp::resolver resolver(first);
  const auto endpoints = resolver.resolve(impl.options.host, std::to_string(impl.options.port),
                                          tcp::resolver::passive | tcp::resolver::numeric_service);
  if (endpoints.empty()) {
    throw std::runtime_error(fmt::format("cannot resolve HTTP_HOST {}", impl.options.host));
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  impl.acceptor = std::make_unique<tcp::acceptor>(first);
  impl.acceptor->open(endpoint.protocol());
  impl.acceptor->set_option(asio::socket_base::reuse_address(true));
  impl.acceptor->bind(endpoint);
  impl.acceptor->listen(asio::socket_base::max_listen_connections);
  impl.bound_port = impl.acceptor->local_endpoint().port();

  impl.worker_pool = std::make_unique<asio::thread_pool>(worker_threads);
  if (impl.options.password_threads > 0) {
    impl.password_pool = std::make_unique<asio::thread_pool>(
        static_cast<std::size_t>(impl.options.password_threads));
  }
  if (impl.options.handle_signals) {
    impl.signals = std::make_unique<asio::signal_set>(first, SIGINT, SIGTERM);
    impl.signals->async_wait([this](const beast::error_code& ec, int signal_number) {
      if (!ec) {
        core::log::info("http_signal",
                        {{"signal", signal_number == SIGTERM ? "SIGTERM" : "SIGINT"}});
        stop();
      }
    });
  }
  asio::co_spawn(first, impl.accept_loop(), asio::detached);
  for (auto& worker : impl.io_workers) {
    worker->thread = std::thread([context = &worker->context] { context->run(); });
  }
  impl.started = true;
  core::log::info("http_listening", {{"address", endpoint.address().to_string()},
                                     {"port", std::to_string(impl.bound_port)},
                                     {"io_threads", std::to_string(io_threads)},
                                     {"worker_threads", std::to_string(worker_threads)},
                                     {"routes", std::to_string(impl.router.routes().size())}});
  return impl.bound_port;
}

void Server::stop() noexcept {
  const std::lock_guard lock(impl_->mutex);
  impl_->stop_requested = true;
  impl_->changed.notify_all();
}

bool Server::wait() {
  auto& impl = *impl_;
  if (!impl.started || impl.finished) {
    return true;
  }
  {
    std::unique_lock lock(impl.mutex);
    impl.changed.wait(lock, [&] { return impl.stop_requested; });
  }
  const auto began = std::chrono::steady_clock::now();
  core::log::info("http_shutdown_started",
                  {{"in_flight", std::to_string(impl.metrics.in_flight())}});
  impl.shutting_down.store(true);
  // Stop accepting, then close every connection that sits between requests; the others close
  // after their response (shutting_down turns keep-alive off).
  asio::post(impl.acceptor->get_executor(), [&impl] {
    beast::error_code ec;
    impl.acceptor->close(ec);
    if (impl.signals) {
      impl.signals->cancel(ec);
    }
  });
  for (auto& worker : impl.io_workers) {
    asio::post(worker->context, [worker = worker.get()] {
      for (auto* state : worker->sessions) {
        if (state->waiting) {
          beast::error_code ec;
          state->stream->socket().close(ec);
        }
      }
    });
  }
  bool clean = false;
  {
    std::unique_lock lock(impl.mutex);
    clean = impl.changed.wait_for(lock, impl.options.shutdown_grace,
                                  [&] { return impl.active_sessions == 0; });
  }
  const int remaining = [&] {
    const std::lock_guard lock(impl.mutex);
    return impl.active_sessions;
  }();
  for (auto& worker : impl.io_workers) {
    worker->guard.reset();
    worker->context.stop();
  }
  for (auto& worker : impl.io_workers) {
    worker->thread.join();
  }
  if (clean) {
    impl.worker_pool->join();
    if (impl.password_pool) {
      impl.password_pool->join();
    }
  } else {
    // A handler is still running past the grace period: it may touch the workers and contexts
    // when it returns, so they are left alive (never joined) and the caller exits the process.
    impl.worker_pool->stop();
    if (impl.password_pool) {
      impl.password_pool->stop();
    }
    for (auto& worker : impl.io_workers) {
      static_cast<void>(worker.release());  // NOLINT(bugprone-unused-return-value): deliberate leak
    }
    // NOLINTBEGIN(bugprone-unused-return-value): deliberate leak, see above
    static_cast<void>(impl.worker_pool.release());
    static_cast<void>(impl.password_pool.release());
    static_cast<void>(impl.acceptor.release());
    static_cast<void>(impl.signals.release());
    static_cast<void>(impl.pool.release());
    // NOLINTEND(bugprone-unused-return-value)
  }
  impl.finished = true;
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - began);
  core::log::info("http_shutdown_complete", {{"clean", clean ? "true" : "false"},
                                             {"connections_dropped", std::to_string(remaining)},
                                             {"duration_ms", std::to_string(took.count())}});
  return clean;
}

}  // namespace qgp::http
