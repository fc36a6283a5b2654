// The HTTP layer end to end: the real `qgp serve` binary over real sockets (and, for routes the
// shipped binary does not have yet, an in-process Server in this test binary).
#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "domain/identity/password.hpp"
#include "http/json_body.hpp"
#include "http/server.hpp"
#include "support/json_api.hpp"
#include "support/run_process.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using namespace std::chrono_literals;

// Every wait below ends as soon as its condition holds. This bound only turns a wait that would
// hang (the behaviour under test is broken) into a failure; a passing run never comes near it.
constexpr auto kHangGuard = 60s;

// Re-checks `condition` whenever the thread gets the CPU again (no fixed sleep); false when the
// hang guard ran out first.
template <typename Condition>
bool eventually(Condition condition) {
  const auto guard = std::chrono::steady_clock::now() + kHangGuard;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > guard) {
      return false;
    }
    std::this_thread::yield();
  }
  return true;
}

// True once nothing accepts connections on `port` any more (a draining server closed its
// listening socket).
bool refuses_connections(std::uint16_t port) {
  try {
    const HttpClient probe(port);
    return false;
  } catch (const std::exception&) {
    return true;
  }
}

// The status of one request, or -1 when the connection failed or was dropped (never throws, so
// it is safe in a thread the test joins).
int status_of(std::uint16_t port, std::string_view target) {
  try {
    return http_request(port, "GET", target).status;
  } catch (const std::exception&) {
    return -1;
  }
}

// A DATABASE_URL nobody listens on.
ServerProcess::Env env_without_database() {
  return {
      {"DATABASE_URL", fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", free_port())}};
}

void expect_envelope(const HttpResponse& response, int status, const std::string& code) {
  EXPECT_EQ(response.status, status) << response.body;
  const auto body = json_of(response);
  EXPECT_EQ(body.at("error_code"), code);
  EXPECT_TRUE(body.at("message").is_string());
  EXPECT_TRUE(body.at("details").is_object());
  EXPECT_EQ(body.at("request_id"), response.header("X-Request-Id").value_or("<missing>"));
}

// JSON lines of the server log with the given event.
std::vector<nlohmann::json> log_events(const std::string& log, const std::string& event) {
  std::vector<nlohmann::json> events;
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    auto parsed = nlohmann::json::parse(line, nullptr, false);
    if (parsed.is_object() && parsed.value("event", "") == event) {
      events.push_back(std::move(parsed));
    }
  }
  return events;
}

// A TCP server that accepts connections but never answers: libpq connecting to it waits until
// close() drops them.
class SilentListener {
 public:
  SilentListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): BSD socket API
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (::bind(fd_, generic, sizeof address) != 0 || ::listen(fd_, 16) != 0) {
      throw std::runtime_error("cannot listen");
    }
    socklen_t length = sizeof address;
    ::getsockname(fd_, generic, &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] {
      while (true) {
        const int client = ::accept(fd_, nullptr, nullptr);
        if (client < 0) {
          return;  // shut down
        }
        const std::lock_guard lock(mutex_);
        clients_.push_back(client);
        accepted_.notify_all();
      }
    });
  }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  SilentListener(SilentListener&&) = delete;
  SilentListener& operator=(SilentListener&&) = delete;
  ~SilentListener() { close(); }

  // Drops every accepted connection: the client sees end-of-file.
  void close() {
    if (fd_ < 0) {
      return;
    }
    ::shutdown(fd_, SHUT_RDWR);  // wakes the blocked accept()
    acceptor_.join();
    ::close(fd_);
    fd_ = -1;
    const std::lock_guard lock(mutex_);
    for (const int client : clients_) {
      ::close(client);
    }
    clients_.clear();
  }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] std::size_t accepted() {
    const std::lock_guard lock(mutex_);
    return clients_.size();
  }
  // Blocks until `count` connections were accepted (true), or the hang guard ran out.
  bool wait_accepted(std::size_t count) {
    std::unique_lock lock(mutex_);
    return accepted_.wait_for(lock, kHangGuard, [&] { return clients_.size() >= count; });
  }

 private:
  int fd_;
  std::uint16_t port_ = 0;
  std::thread acceptor_;
  std::mutex mutex_;
  std::condition_variable accepted_;
  std::vector<int> clients_;
};

TEST(HttpServer, HealthzEchoesRequestId) {
  ServerProcess server(env_without_database());
  const auto echoed =
      http_request(server.port(), "GET", "/healthz", {}, {{"X-Request-Id", "client-req-123"}});
  EXPECT_EQ(echoed.status, 200);
  EXPECT_EQ(json_of(echoed), (nlohmann::json{{"status", "ok"}}));
  EXPECT_EQ(echoed.header("X-Request-Id"), "client-req-123");
  EXPECT_EQ(echoed.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(echoed.header("Cache-Control"), "no-store");

  const auto generated = http_request(server.port(), "GET", "/healthz");
  EXPECT_EQ(generated.header("X-Request-Id").value_or("").size(), 32U);
  const auto replaced =
      http_request(server.port(), "GET", "/healthz", {}, {{"X-Request-Id", "bad id; drop"}});
  EXPECT_EQ(replaced.header("X-Request-Id").value_or("").size(), 32U);

  HttpClient head(server.port());
  const auto head_response = head.request("HEAD", "/healthz");
  EXPECT_EQ(head_response.status, 200);
  EXPECT_TRUE(head_response.body.empty());
  EXPECT_EQ(head_response.header("Content-Length"), "15");
}

TEST(HttpServer, ReadyzIsReadyWithADatabaseAtHead) {
  const TestDatabase database(TestDatabase::Source::kMigratedTemplate);
  ServerProcess server({{"DATABASE_URL", database.url()}});
  const auto response = http_request(server.port(), "GET", "/readyz");
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(json_of(response)["status"], "ready");
  EXPECT_EQ(json_of(response)["checks"]["database"], "ok");
  EXPECT_EQ(json_of(response)["checks"]["schema"], "ok");
  EXPECT_EQ(server.terminate(), 0);
}

TEST(HttpServer, ReadyzIs503UntilMigrationsReachHead) {
  const TestDatabase database(TestDatabase::Source::kEmpty);
  ServerProcess server({{"DATABASE_URL", database.url()}});
  const auto before = http_request(server.port(), "GET", "/readyz");
  expect_envelope(before, 503, "UNAVAILABLE");
  EXPECT_EQ(json_of(before)["details"]["checks"]["database"], "ok");
  EXPECT_NE(json_of(before)["details"]["checks"]["schema"].get<std::string>().find(
                "no migrations applied"),
            std::string::npos)
      << before.body;
  // The process serves on while the schema is behind; /readyz turns ready once it is at head.
  const auto upgrade = run_qgp({"db", "upgrade", "head"},
                               {{"APP_ENV", "testing"}, {"DATABASE_URL", database.url()}});
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
  const auto after = http_request(server.port(), "GET", "/readyz");
  EXPECT_EQ(after.status, 200) << after.body;
  EXPECT_EQ(server.terminate(), 0);
}

TEST(HttpServer, ReadyzIs503WhenTheDatabaseIsUnreachable) {
  ServerProcess server(env_without_database());
  const auto response = http_request(server.port(), "GET", "/readyz");
  expect_envelope(response, 503, "UNAVAILABLE");
  EXPECT_EQ(json_of(response)["details"]["checks"]["database"], "unreachable");
  EXPECT_NE(json_of(response)["message"].get<std::string>().find("database"), std::string::npos);
  // The process stays alive and healthy.
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
}

// A test process that dies without running its destructors (an abort, a crash, a timeout's
// SIGKILL) must not leave its server behind, holding a port and a database connection.
TEST(HttpServer, AServerEndsWithTheTestProcessThatStartedIt) {
  std::array<int, 2> pid_pipe{};
  std::array<int, 2> ack_pipe{};
  ASSERT_EQ(::pipe(pid_pipe.data()), 0);
  ASSERT_EQ(::pipe(ack_pipe.data()), 0);
  const pid_t test_process = ::fork();
  ASSERT_GE(test_process, 0);
  if (test_process == 0) {
    // The dying test: starts a server, reports its pid, waits until the parent holds a pidfd of
    // it (so the pid cannot be reused meanwhile), then ends without destructors.
    // Nothing may escape into the forked copy of the test runner: it would run on as a second one.
    try {
      const ServerProcess server(env_without_database());
      const pid_t server_pid = server.pid();
      char ack = 0;
      const bool told = ::write(pid_pipe[1], &server_pid, sizeof server_pid) == sizeof server_pid;
      const bool acked = ::read(ack_pipe[0], &ack, 1) == 1;
      ::_exit(told && acked ? 0 : 1);
    } catch (...) {
      ::_exit(1);
    }
  }
  ::close(pid_pipe[1]);
  ::close(ack_pipe[0]);
  pid_t server_pid = -1;
  const auto got = ::read(pid_pipe[0], &server_pid, sizeof server_pid);
  // Through syscall(): Debian 12's <sys/pidfd.h> lacks extern "C", so its wrappers do not link.
  const int server =
      got == sizeof server_pid ? static_cast<int>(::syscall(SYS_pidfd_open, server_pid, 0)) : -1;
  const char ack = 1;
  EXPECT_EQ(::write(ack_pipe[1], &ack, 1), 1);
  ::close(pid_pipe[0]);
  ::close(ack_pipe[1]);
  int status = 0;
  ASSERT_EQ(::waitpid(test_process, &status, 0), test_process);
  ASSERT_GE(server, 0) << "the dying test did not start its server";
  // The pidfd turns readable when the server exits; the timeout only keeps a failure from hanging.
  pollfd exited{.fd = server, .events = POLLIN, .revents = 0};
  const int polled = ::poll(&exited, 1, 20'000);
  if (polled != 1) {
    ::syscall(SYS_pidfd_send_signal, server, SIGKILL, nullptr, 0);
  }
  ::close(server);
  EXPECT_EQ(polled, 1) << "the server outlived the test process that started it";
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  ServerProcess server(env_without_database());
  {
    HttpClient client(server.port());
    for (int i = 0; i < 5; ++i) {
      const auto response = client.request("GET", "/openapi.json");
      EXPECT_EQ(response.status, 200);
      EXPECT_TRUE(response.keep_alive);
    }
  }
  ASSERT_EQ(server.terminate(), 0);
  std::set<std::string> remotes;
  int count = 0;
  for (const auto& line : log_events(server.log(), "http_request")) {
    if (line["path"] == "/openapi.json") {
      remotes.insert(line["remote"].get<std::string>());
      ++count;
    }
  }
  EXPECT_EQ(count, 5);
  EXPECT_EQ(remotes.size(), 1U) << "the five requests did not share one connection";
}

TEST(HttpServer, NotFoundAndMethodNotAllowedEnvelopes) {
  ServerProcess server(env_without_database());
  expect_envelope(http_request(server.port(), "GET", "/api/v1/nothing"), 404, "NOT_FOUND");
  expect_envelope(http_request(server.port(), "GET", "/healthz/"), 404, "NOT_FOUND");
  const auto wrong = http_request(server.port(), "DELETE", "/healthz");
  expect_envelope(wrong, 405, "METHOD_NOT_ALLOWED");
  EXPECT_EQ(wrong.header("Allow"), "GET, HEAD");
}

TEST(HttpServer, OversizeBodiesAre413) {
  ServerProcess server([] {
    auto env = env_without_database();
    env["MAX_BODY_BYTES"] = "2048";
    return env;
  }());
  {
    // Refused from Content-Length alone, before any body byte is sent.
    HttpClient client(server.port());
    client.send_raw(
        "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000000\r\n\r\n");
    const auto response = client.read_response();
    expect_envelope(response, 413, "PAYLOAD_TOO_LARGE");
    EXPECT_FALSE(response.keep_alive);
  }
  {
    // Chunked bodies have no Content-Length: the limit is enforced while reading.
    HttpClient client(server.port());
    const std::string chunk(4000, 'x');
    client.send_raw(
        fmt::format("POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                    "chunked\r\n\r\n{:x}\r\n{}\r\n0\r\n\r\n",
                    chunk.size(), chunk));
    expect_envelope(client.read_response(), 413, "PAYLOAD_TOO_LARGE");
  }
  // A body within the limit is read and routed normally.
  expect_envelope(http_request(server.port(), "POST", "/healthz", std::string(1000, 'x'),
                               {{"Content-Type", "application/json"}}),
                  405, "METHOD_NOT_ALLOWED");
}

TEST(HttpServer, MalformedRequestsAre400AndTheServerCarriesOn) {
  ServerProcess server(env_without_database());
  const std::vector<std::string> garbage_requests = {
      "GARBAGE\r\n\r\n", "GET /healthz HTTP/7.5\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
      std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + "\r\n\r\n"};
  for (const auto& garbage : garbage_requests) {
    HttpClient client(server.port());
    client.send_raw(garbage);
    const auto response = client.read_response();
    expect_envelope(response, 400, "BAD_REQUEST");
    EXPECT_TRUE(client.wait_closed(kHangGuard));
  }
  {
    HttpClient client(server.port());
    client.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a')
                    + "\r\n\r\n");
    const auto response = client.read_response();
    EXPECT_EQ(response.status, 431);
  }
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(server.terminate(), 0);
}

TEST(HttpServer, RequestsWithoutExactlyOneHostAre400AndClose) {
  // RFC 9112 section 3.2: an HTTP/1.1 request without Host, and any request with two.
  ServerProcess server(env_without_database());
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"GET /healthz HTTP/1.1\r\n\r\n", "an HTTP/1.1 request needs a Host header"},
      {"POST /healthz HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
       "an HTTP/1.1 request needs a Host header"},
      {"GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "more than one Host header"},
      {"GET /healthz HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", "more than one Host header"}};
  for (const auto& [request, message] : refused) {
    HttpClient client(server.port());
    client.send_raw(request);
    const auto response = client.read_response();
    expect_envelope(response, 400, "BAD_REQUEST");
    EXPECT_EQ(json_of(response)["message"], message) << request;
    EXPECT_FALSE(response.keep_alive) << request;
    EXPECT_TRUE(client.wait_closed(kHangGuard)) << request;
  }
  {
    // HTTP/1.0 may omit it.
    HttpClient client(server.port());
    client.send_raw("GET /healthz HTTP/1.0\r\n\r\n");
    EXPECT_EQ(client.read_response().status, 200);
  }
  {
    // One Host: served, and the connection stays open for the next request.
    HttpClient client(server.port());
    client.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto response = client.read_response();
    EXPECT_EQ(response.status, 200);
    EXPECT_TRUE(response.keep_alive);
    EXPECT_EQ(client.request("GET", "/healthz").status, 200);
  }
}

TEST(HttpServer, SlowClientsAreCutOffByTheRequestTimeout) {
  ServerProcess server([] {
    auto env = env_without_database();
    env["REQUEST_TIMEOUT_MS"] = "500";
    return env;
  }());
  HttpClient slow_header(server.port());
  slow_header.send_raw("GET /healthz HTTP/1.1\r\nHost: x\r\n");  // never finishes the header
  HttpClient slow_body(server.port());
  slow_body.send_raw(
      "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Content-Length: 100\r\n\r\n{\"a\":");
  HttpClient idle(server.port());  // connects and sends nothing
  // Meanwhile the server still serves others.
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
  // The server closes all three (read until end of file) ...
  EXPECT_TRUE(slow_header.wait_closed(kHangGuard));
  EXPECT_TRUE(slow_body.wait_closed(kHangGuard));
  EXPECT_TRUE(idle.wait_closed(kHangGuard));
  ASSERT_EQ(server.terminate(), 0);
  // ... and says why: the request timeout, two of them waiting for a header, one for a body.
  // Every other connection of this test was closed by its client, which logs nothing.
  const auto log = server.log();
  const auto header_timeouts = log_events(log, "http_connection_timed_out");
  EXPECT_EQ(header_timeouts.size(), 2U) << log;
  for (const auto& event : header_timeouts) {
    EXPECT_EQ(event["waiting_for"], "request header");
  }
  const auto aborted = log_events(log, "http_request_aborted");
  ASSERT_EQ(aborted.size(), 1U) << log;
  EXPECT_NE(aborted[0]["reason"].get<std::string>().find("timeout"), std::string::npos) << log;
}

TEST(HttpServer, SigtermLetsAnInFlightRequestFinish) {
  SilentListener stalled_database;
  // connect_timeout far beyond the test: only closing the listener ends the database connect.
  ServerProcess server(
      {{"DATABASE_URL",
        fmt::format("postgresql://postgres@127.0.0.1:{}/postgres?connect_timeout=600",
                    stalled_database.port())},
       {"SHUTDOWN_GRACE_MS", "120000"}});
  std::atomic<int> status{0};
  std::thread in_flight([&] { status = status_of(server.port(), "/readyz"); });
  // Once the listener accepted the server's database connection, /readyz is blocked in it.
  EXPECT_TRUE(stalled_database.wait_accepted(1));
  server.send_signal(SIGTERM);
  // Draining has begun once new connections are refused.
  EXPECT_TRUE(eventually([&] { return refuses_connections(server.port()); }));
  EXPECT_EQ(server.wait_exit(0ms), std::nullopt) << "exited with a request in flight";
  EXPECT_EQ(status.load(), 0);  // still in flight: the database has not answered
  stalled_database.close();     // the database "answers" (with an error): /readyz completes
  in_flight.join();
  EXPECT_EQ(status.load(), 503);  // a server that had not waited for it would have dropped it
  EXPECT_EQ(server.wait_exit(kHangGuard), 0);
  const auto log = server.log();
  EXPECT_EQ(log_events(log, "http_shutdown_complete").at(0)["clean"], "true") << log;
}

TEST(HttpServer, SigtermClosesIdleKeepAliveConnectionsPromptly) {
  auto env = env_without_database();
  // Neither the grace nor the request timeout can close the idle connection during the test:
  // only the shutdown's own close of idle connections can.
  env["SHUTDOWN_GRACE_MS"] = "120000";
  env["REQUEST_TIMEOUT_MS"] = "600000";
  ServerProcess server(env);
  HttpClient client(server.port());
  EXPECT_EQ(client.request("GET", "/healthz").status, 200);
  server.send_signal(SIGTERM);
  EXPECT_TRUE(client.wait_closed(kHangGuard));
  EXPECT_EQ(server.wait_exit(kHangGuard), 0);
  const auto log = server.log();
  EXPECT_EQ(log_events(log, "http_listening").size(), 1U);
  EXPECT_EQ(log_events(log, "http_shutdown_started").size(), 1U);
  // Clean: every connection was closed before the grace ran out, none dropped at its end.
  const auto complete = log_events(log, "http_shutdown_complete");
  ASSERT_EQ(complete.size(), 1U) << log;
  EXPECT_EQ(complete[0]["clean"], "true") << log;
  EXPECT_EQ(complete[0]["connections_dropped"], "0") << log;
}

TEST(HttpServer, MetricsCountRequests) {
  ServerProcess server(env_without_database());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(http_request(server.port(), "GET", "/docs").status, 200);
  }
  // An unknown API path (any other GET is a client-side route of the web application).
  EXPECT_EQ(http_request(server.port(), "GET", "/api/missing").status, 404);
  const auto metrics = http_request(server.port(), "GET", "/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.header("Content-Type").value_or("").rfind("text/plain", 0), 0U);
  const auto& text = metrics.body;
  EXPECT_NE(text.find(R"(qgp_http_requests_total{method="GET",route="/docs",status="2xx"} 3)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(R"(qgp_http_requests_total{method="GET",route="unmatched",status="4xx"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(qgp_http_request_duration_seconds_count{route="/docs"} 3)"),
            std::string::npos);
  EXPECT_NE(text.find("qgp_http_requests_in_flight 1\n"), std::string::npos);  // this request
  EXPECT_NE(text.find("qgp_db_pool_size "), std::string::npos);
}

TEST(HttpServer, OpenApiAndDocsListEveryRoute) {
  ServerProcess server(env_without_database());
  const auto response = http_request(server.port(), "GET", "/openapi.json");
  ASSERT_EQ(response.status, 200);
  const auto doc = json_of(response);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  const auto docs = http_request(server.port(), "GET", "/docs");
  EXPECT_EQ(docs.status, 200);
  EXPECT_EQ(docs.header("Content-Type").value_or("").rfind("text/html", 0), 0U);
  std::size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      ++operations;
      EXPECT_TRUE(op.contains("security")) << method << " " << path;
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
    }
  }
  for (const auto* builtin : {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs"}) {
    EXPECT_TRUE(doc["paths"].contains(builtin)) << builtin;
  }
  // Every route the binary serves is documented: each documented GET answers something other
  // than 404/405, and nothing else is routable.
  EXPECT_GE(operations, 5U);
  for (const auto& [path, item] : doc["paths"].items()) {
    if (item.contains("get") && path.find('{') == std::string::npos) {
      const auto status = http_request(server.port(), "GET", path).status;
      EXPECT_NE(status, 404) << path;
      EXPECT_NE(status, 405) << path;
    }
  }
}

TEST(HttpServer, AccessLogIsOneJsonLinePerRequestWithoutSecrets) {
  ServerProcess server(env_without_database());
  const auto response =
      http_request(server.port(), "GET", "/healthz?token=QUERYSECRET", {},
                   {{"Authorization", "Bearer HEADERSECRET"}, {"X-Request-Id", "log-check-1"}});
  EXPECT_EQ(response.status, 200);
  ASSERT_EQ(server.terminate(), 0);
  const auto log = server.log();
  EXPECT_EQ(log.find("QUERYSECRET"), std::string::npos);
  EXPECT_EQ(log.find("HEADERSECRET"), std::string::npos);
  bool found = false;
  for (const auto& line : log_events(log, "http_request")) {
    if (line["request_id"] == "log-check-1") {
      found = true;
      EXPECT_EQ(line["method"], "GET");
      EXPECT_EQ(line["path"], "/healthz");
      EXPECT_EQ(line["status"], "200");
      EXPECT_TRUE(line.contains("duration_ms"));
      EXPECT_EQ(line["bytes"], "15");
      EXPECT_EQ(line["remote"].get<std::string>().rfind("127.0.0.1:", 0), 0U);
    }
  }
  EXPECT_TRUE(found) << log;
}

TEST(HttpServer, CorsPreflightFromTheConfiguredOrigin) {
  auto env = env_without_database();
  env["CORS_ORIGINS"] = "https://app.example";
  ServerProcess server(env);
  const auto preflight =
      http_request(server.port(), "OPTIONS", "/healthz", {},
                   {{"Origin", "https://app.example"}, {"Access-Control-Request-Method", "GET"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("Access-Control-Allow-Origin"), "https://app.example");
  const auto actual =
      http_request(server.port(), "GET", "/healthz", {}, {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(actual.header("Access-Control-Allow-Origin").has_value());
}

// A handler that holds every request until the test releases it, so a test knows a request is in
// flight (and stays there) without guessing how long that takes.
class HeldRequests {
 public:
  HeldRequests() = default;
  HeldRequests(const HeldRequests&) = delete;
  HeldRequests& operator=(const HeldRequests&) = delete;
  HeldRequests(HeldRequests&&) = delete;
  HeldRequests& operator=(HeldRequests&&) = delete;
  ~HeldRequests() { release(); }

  void hold() {
    std::unique_lock lock(mutex_);
    ++held_;
    changed_.notify_all();
    changed_.wait(lock, [&] { return released_; });
  }
  // Blocks until `count` requests are held (true), or the hang guard ran out.
  bool wait_held(int count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kHangGuard, [&] { return held_ >= count; });
  }
  void release() {
    const std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int held_ = 0;
  bool released_ = false;
};

// The shipped binary has no non-public route yet, so these run an in-process Server with routes
// that exist only in this test binary.
class InProcessServer : public ::testing::Test {
 public:
  InProcessServer(const InProcessServer&) = delete;
  InProcessServer& operator=(const InProcessServer&) = delete;
  InProcessServer(InProcessServer&&) = delete;
  InProcessServer& operator=(InProcessServer&&) = delete;
  ~InProcessServer() override {
    held_.release();  // before the server (destroyed first) waits for its handlers
  }

 protected:
  InProcessServer() {
    http::ServerOptions options;
    options.port = 0;
    options.io_threads = 2;
    options.worker_threads = 2;
    options.handle_signals = false;
    options.shutdown_grace = std::chrono::milliseconds(kHangGuard);
    // cppcheck-suppress useInitializationList ; the options are assembled first
    server_ = std::make_unique<http::Server>(options);
    server_->add_route({.method = "GET",
                        .pattern = "/api/v1/private",
                        .summary = "needs a principal",
                        .tag = "test",
                        .permission = "private.read",
                        .handler = [](http::RequestContext&) {
                          return http::json_response(200, {{"secret", true}});
                        }});
    server_->add_route({.method = "GET",
                        .pattern = "/test/held",
                        .summary = "waits until the test releases it",
                        .tag = "test",
                        .is_public = true,
                        .handler = [this](http::RequestContext&) {
                          held_.hold();
                          return http::json_response(200, {{"held", true}});
                        }});
  }

  HeldRequests held_;
  std::unique_ptr<http::Server> server_;
};

TEST_F(InProcessServer, NonPublicRoutesAre401WithoutAnAuthenticator) {
  const auto port = server_->start();
  const auto response =
      http_request(port, "GET", "/api/v1/private", {}, {{"Authorization", "Bearer anything"}});
  expect_envelope(response, 401, "UNAUTHENTICATED");
  EXPECT_EQ(response.body.find("secret\":true"), std::string::npos);
  server_->stop();
  EXPECT_TRUE(server_->wait());
}

TEST_F(InProcessServer, StopFinishesInFlightRequests) {
  const auto port = server_->start();
  std::atomic<int> status{0};
  std::atomic<bool> keep_alive{true};
  std::thread in_flight([&] {
    try {
      const auto response = http_request(port, "GET", "/test/held");
      keep_alive = response.keep_alive;
      status = response.status;
    } catch (const std::exception&) {
      status = -1;  // dropped
    }
  });
  EXPECT_TRUE(held_.wait_held(1));
  server_->stop();
  std::atomic<bool> returned{false};
  bool clean = false;
  std::thread waiter([&] {
    clean = server_->wait();
    returned = true;
  });
  // Draining has begun once new connections are refused; the request is still held.
  EXPECT_TRUE(eventually([&] { return refuses_connections(port); }));
  EXPECT_FALSE(returned.load()) << "wait() returned with a request in flight";
  held_.release();
  in_flight.join();
  waiter.join();
  EXPECT_EQ(status.load(), 200);  // answered, not dropped
  EXPECT_FALSE(keep_alive.load()) << "answered during the shutdown, the connection closes";
  EXPECT_TRUE(clean);
}

TEST_F(InProcessServer, LivenessAnswersWhileEveryWorkerIsBusy) {
  const auto port = server_->start();
  // Both workers are held in /test/held until the test releases them.
  std::atomic<int> first{0};
  std::atomic<int> second{0};
  std::thread first_client([&] { first = status_of(port, "/test/held"); });
  std::thread second_client([&] { second = status_of(port, "/test/held"); });
  EXPECT_TRUE(held_.wait_held(2));
  // /healthz runs on the I/O thread: it answers now. Queued behind the workers it could only
  // answer after the release below, and the client's receive timeout would fail it first.
  EXPECT_EQ(status_of(port, "/healthz"), 200);
  held_.release();
  first_client.join();
  second_client.join();
  EXPECT_EQ(first.load(), 200);
  EXPECT_EQ(second.load(), 200);
  server_->stop();
  EXPECT_TRUE(server_->wait());
}

// Routes that wait for password hashing run on threads of their own (docs/adr/0012): with every
// one of them blocked, the single worker thread still serves everything else.
TEST(PasswordThreads, BlockedPasswordRoutesNeverHoldTheWorkers) {
  http::ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 1;
  options.password_threads = 2;
  options.handle_signals = false;
  http::Server server(options);
  std::mutex mutex;
  std::condition_variable changed;
  int entered = 0;
  bool released = false;
  server.add_route({.method = "POST",
                    .pattern = "/test/hash",
                    .summary = "waits like a queued sign-in",
                    .tag = "test",
                    .is_public = true,
                    .handler = [&](http::RequestContext&) {
                      std::unique_lock lock(mutex);
                      ++entered;
                      changed.notify_all();
                      changed.wait(lock, [&] { return released; });
                      return http::json_response(200, {{"hashed", true}});
                    }});
  server.add_route({.method = "GET",
                    .pattern = "/test/plain",
                    .summary = "any other request",
                    .tag = "test",
                    .is_public = true,
                    .handler = [](http::RequestContext&) {
                      return http::json_response(200, {{"plain", true}});
                    }});
  EXPECT_THROW(server.run_on_password_threads("POST", "/test/missing"), std::invalid_argument);
  server.run_on_password_threads("POST", "/test/hash");
  const auto port = server.start();
  std::vector<std::thread> waiting;
  for (int i = 0; i < 2; ++i) {
    waiting.emplace_back([&] { EXPECT_EQ(http_request(port, "POST", "/test/hash").status, 200); });
  }
  bool both_entered = false;
  {
    // Both password threads are taken. (Were the routes on the single worker, the second could
    // never enter: the bound only keeps such a failure from hanging the suite.)
    std::unique_lock lock(mutex);
    both_entered = changed.wait_for(lock, kHangGuard, [&] { return entered == 2; });
  }
  int plain_status = 0;
  if (both_entered) {
    // Were the password routes on the worker, this would wait behind them until the client gives
    // up.
    plain_status = http_request(port, "GET", "/test/plain").status;
  }
  {
    const std::scoped_lock lock(mutex);
    released = true;
  }
  changed.notify_all();
  for (auto& thread : waiting) {
    thread.join();
  }
  EXPECT_TRUE(both_entered);
  EXPECT_EQ(plain_status, 200);
  server.stop();
  EXPECT_TRUE(server.wait());
}

// Beyond the Argon2id queue a caller is refused at once (docs/adr/0012): `qgp serve` gives the
// password routes two threads more than the queue's places, so a request past the bound meets
// the full gate on a spare thread and gets 503 BUSY with Retry-After and its route's words, while
// the admitted one still waits. (With no spare thread it would queue unseen behind the admitted
// one, unbounded, and this test's client would time out.)
TEST(PasswordThreads, BeyondTheQueueIsBusyAtOnceWithRetryAfter) {
  constexpr unsigned kPlaces = 1;
  domain::identity::set_password_hash_limits(1, kPlaces);
  http::ServerOptions options;
  options.port = 0;
  options.io_threads = 1;
  options.worker_threads = 1;
  options.password_threads = static_cast<int>(kPlaces) + 2;  // as qgp serve sizes them
  options.handle_signals = false;
  http::Server server(options);
  HeldRequests held;
  std::atomic<int> admitted_count{0};
  server.add_route({.method = "POST",
                    .pattern = "/test/sign-in",
                    .summary = "admitted like a sign-in, then held",
                    .tag = "test",
                    .is_public = true,
                    .handler = [&](http::RequestContext&) {
                      const domain::identity::PasswordAdmission admission(
                          "too many sign-ins at once");
                      ++admitted_count;
                      held.hold();
                      return http::json_response(200, {{"signed_in", true}});
                    }});
  server.run_on_password_threads("POST", "/test/sign-in");
  const auto port = server.start();
  int admitted_status = 0;
  std::thread admitted(
      [&] { admitted_status = http_request(port, "POST", "/test/sign-in").status; });
  const bool holding = held.wait_held(1);
  std::vector<HttpResponse> refused;
  for (int i = 0; holding && i < 3; ++i) {  // the spare threads are free again after each refusal
    try {
      refused.push_back(http_request(port, "POST", "/test/sign-in"));
    } catch (const std::exception& e) {  // queued behind the admitted one: the client gave up
      ADD_FAILURE() << "no answer while the queue was full: " << e.what();
      break;
    }
  }
  held.release();
  admitted.join();
  domain::identity::set_password_hash_limits(0, 1U << 20U);
  ASSERT_TRUE(holding);
  EXPECT_EQ(admitted_status, 200);
  ASSERT_EQ(refused.size(), 3U);
  for (const auto& response : refused) {
    expect_envelope(response, 503, "BUSY");
    EXPECT_GE(std::stoi(response.header("Retry-After").value_or("0")), 1);
    EXPECT_TRUE(
        json_of(response)["message"].get<std::string>().starts_with("too many sign-ins at once"))
        << response.body;
  }
  EXPECT_EQ(admitted_count.load(), 1);  // no refused caller reached the work behind the admission
  server.stop();
  EXPECT_TRUE(server.wait());
}

}  // namespace
}  // namespace qgp::testing
