#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <sys/types.h>

namespace qgp::testing {

// A loopback port that was free a moment ago (bind to 0, read it, close).
std::uint16_t free_port();

// The real `qgp serve` (QGP_BINARY) in a child process with a controlled environment: only PATH
// and the given variables, plus HTTP_HOST=127.0.0.1, HTTP_PORT=<free port>, APP_ENV=testing and
// QGP_ENV_FILE pointing nowhere (so no .env leaks in) unless overridden. stdout+stderr go to a log
// file readable through log().
//
// Before it stops a server that is still running (terminate() or the destructor), it reads the
// response-contract counters of its /metrics (ADR-0007) and appends their lines to the file named
// by QGP_CONTRACT_REPORT, when set: `scripts/dev.sh test` sums them after the run ("response
// contract: N bodies checked ..."). A server that cannot be read adds "# unreadable".
class ServerProcess {
 public:
  using Env = std::map<std::string, std::string>;

  // Starts the server and waits until /healthz answers 200 (throws with the log otherwise).
  explicit ServerProcess(Env env, std::vector<std::string> extra_args = {});
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ServerProcess(ServerProcess&&) = delete;
  ServerProcess& operator=(ServerProcess&&) = delete;
  ~ServerProcess();  // SIGKILL when still running

  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }
  [[nodiscard]] pid_t pid() const noexcept { return pid_; }
  void send_signal(int signal_number) const;
  // Waits for the process to exit: its exit code, 128+signal when killed, nullopt on timeout.
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);
  // SIGTERM, then wait_exit.
  std::optional<int> terminate(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  [[nodiscard]] std::string log() const;

 private:
  void report_contract_counters();

  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string log_path_;
  bool contract_reported_ = false;
};

// A tiny blocking HTTP/1.1 client (Beast) whose reads end at a timeout, so a test never hangs: a
// response not complete within it throws. One object is one TCP connection, so keep-alive can be
// observed.
struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool keep_alive = false;
  [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds(15));
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;
  HttpClient(HttpClient&&) = delete;
  HttpClient& operator=(HttpClient&&) = delete;
  ~HttpClient();

  HttpResponse request(std::string_view method, std::string_view target, std::string body = {},
                       const std::vector<std::pair<std::string, std::string>>& headers = {});
  // Sends bytes as they are (malformed requests, partial requests).
  void send_raw(std::string_view bytes);
  // Reads one response after send_raw.
  HttpResponse read_response(bool head = false);
  // Reads until the server closes the connection (true) or the timeout passes (false).
  bool wait_closed(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection.
HttpResponse http_request(std::uint16_t port, std::string_view method, std::string_view target,
                          std::string body = {},
                          const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace qgp::testing
