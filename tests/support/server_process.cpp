// GCC 12 at -O2/-O3 reports -Wnull-dereference inside Asio's scheduler after inlining (a false
// positive in a system header that the system-header exemption does not cover).
#pragma GCC diagnostic ignored "-Wnull-dereference"

#include "support/server_process.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not in a header

namespace qgp::testing {

namespace asio = boost::asio;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) {
      return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    };
    if (lower(a[i]) != lower(b[i])) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::uint16_t free_port() {
  asio::io_context context;
  tcp::acceptor acceptor(context, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (iequals(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

struct HttpClient::Impl {
  asio::io_context context;
  tcp::socket socket{context};
  boost::beast::flat_buffer buffer;
  std::chrono::milliseconds timeout{0};

  // Runs the asynchronous operation started on `socket` until it completes (true) or `deadline`
  // passes (false: the socket is closed, which ends the operation). Asio's synchronous reads
  // ignore SO_RCVTIMEO (they poll again without a limit), so reads go through here to bound them.
  bool run_until(std::chrono::steady_clock::time_point deadline) {
    context.restart();
    context.run_until(deadline);
    if (context.stopped()) {
      return true;
    }
    boost::system::error_code ignored;
    socket.close(ignored);
    context.restart();
    context.run();
    return false;
  }
};

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->timeout = timeout;
  // Writes stay synchronous: requests are small, and the kernel's send buffer takes them whole.
  impl_->socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::request(std::string_view method, std::string_view target, std::string body,
                                 const std::vector<std::pair<std::string, std::string>>& headers) {
  bhttp::request<bhttp::string_body> request;
  request.method_string(boost::beast::string_view(method.data(), method.size()));
  request.target(boost::beast::string_view(target.data(), target.size()));
  request.version(11);
  request.set(bhttp::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) {
    request.set(name, value);
  }
  const bool has_body = !body.empty();
  request.body() = std::move(body);
  if (has_body || method == "POST" || method == "PUT" || method == "PATCH") {
    request.prepare_payload();
  }
  bhttp::write(impl_->socket, request);
  return read_response(method == "HEAD");
}

HttpResponse HttpClient::read_response(bool head) {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(head);  // a response to HEAD announces a body it does not send
  constexpr std::uint64_t kBodyLimit = std::uint64_t{64} * 1024 * 1024;
  parser.body_limit(kBodyLimit);
  boost::system::error_code ec = asio::error::would_block;
  bhttp::async_read(impl_->socket, impl_->buffer, parser,
                    [&ec](const boost::system::error_code& result, std::size_t) { ec = result; });
  if (!impl_->run_until(std::chrono::steady_clock::now() + impl_->timeout)) {
    throw std::runtime_error(fmt::format("no complete response within the client timeout ({} ms)",
                                         impl_->timeout.count()));
  }
  if (ec) {
    throw boost::system::system_error(ec);
  }
  const auto& message = parser.get();
  HttpResponse response;
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = message.body();
  response.keep_alive = message.keep_alive();
  return response;
}

void HttpClient::send_raw(std::string_view bytes) {
  asio::write(impl_->socket, asio::buffer(bytes.data(), bytes.size()));
}

bool HttpClient::wait_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::array<char, 4096> sink{};
  while (true) {
    boost::system::error_code ec;
    impl_->socket.async_read_some(asio::buffer(sink), [&ec](const boost::system::error_code& result,
                                                            std::size_t) { ec = result; });
    if (!impl_->run_until(deadline)) {
      return false;  // still open at the deadline
    }
    if (ec) {
      return true;  // end of file, reset: closed by the server
    }
  }
}

HttpResponse http_request(std::uint16_t port, std::string_view method, std::string_view target,
                          std::string body,
                          const std::vector<std::pair<std::string, std::string>>& headers) {
  HttpClient client(port);
  return client.request(method, target, std::move(body), headers);
}

ServerProcess::ServerProcess(Env env, std::vector<std::string> extra_args) : port_(free_port()) {
  env.try_emplace("HTTP_HOST", "127.0.0.1");
  env.try_emplace("HTTP_PORT", std::to_string(port_));
  env.try_emplace("APP_ENV", "testing");
  env.try_emplace("QGP_ENV_FILE", "/nonexistent/qgp-test.env");
  env.try_emplace("HTTP_THREADS", "2");
  if (const char* path = std::getenv("PATH")) {  // NOLINT(concurrency-mt-unsafe): test setup
    env.try_emplace("PATH", path);
  }
  port_ = static_cast<std::uint16_t>(std::stoi(env.at("HTTP_PORT")));

  std::array<char, 32> log_template{};
  const std::string pattern = "/tmp/qgp-serve-XXXXXX";
  std::copy(pattern.begin(), pattern.end(), log_template.begin());
  const int log_fd = ::mkstemp(log_template.data());
  if (log_fd < 0) {
    throw std::runtime_error("cannot create the server log file");
  }
  log_path_ = log_template.data();

  std::vector<std::string> env_strings;
  for (const auto& [key, value] : env) {
    env_strings.push_back(key + "=" + value);
  }
  std::vector<std::string> args = {QGP_BINARY, "serve"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& arg : args) {
    argv.push_back(arg.data());
  }
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (auto& item : env_strings) {
    envp.push_back(item.data());
  }
  envp.push_back(nullptr);

  const pid_t test_process = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(log_fd);
    throw std::runtime_error("fork failed");
  }
  if (pid_ == 0) {
    // A test that dies without running its destructors (an abort, a crash, SIGKILL from a
    // timeout) must not leave its server serving on: the kernel sends SIGTERM when the thread
    // that forked it ends (servers are started from a test's main thread). If the test is
    // already gone, the signal was missed: stop here.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != test_process) {
      ::_exit(127);
    }
    ::dup2(log_fd, STDOUT_FILENO);
    ::dup2(log_fd, STDERR_FILENO);
    ::close(log_fd);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::close(log_fd);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string last_error = "none";  // why the last /healthz probe failed, for the timeout message
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("qgp serve exited during startup; its log:\n" + log());
    }
    try {
      if (http_request(port_, "GET", "/healthz").status == 200) {
        return;
      }
    } catch (const std::exception& e) {
      last_error = e.what();  // not listening yet
    }
    // The readiness probe's interval: the wait ends when /healthz answers, not after a guess.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("qgp serve did not answer /healthz within 20 s (last probe error: "
                           + last_error + "); its log:\n" + log());
}

void ServerProcess::report_contract_counters() {
  const char* path = std::getenv("QGP_CONTRACT_REPORT");  // NOLINT(concurrency-mt-unsafe)
  if (path == nullptr || *path == '\0' || pid_ <= 0 || contract_reported_) {
    return;
  }
  contract_reported_ = true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;  // exited on its own (a test stopped it): nothing to read
    return;
  }
  std::string lines;
  try {
    HttpClient client(port_, std::chrono::seconds(10));
    const auto metrics = client.request("GET", "/metrics");
    if (metrics.status != 200) {
      throw std::runtime_error("/metrics answered " + std::to_string(metrics.status));
    }
    std::istringstream text(metrics.body);
    std::string line;
    while (std::getline(text, line)) {
      if (line.starts_with("qgp_contract_")) {
        lines += line + "\n";
      }
    }
  } catch (const std::exception& e) {
    lines = fmt::format("# unreadable: {}\n", e.what());
  }
  if (lines.empty()) {
    return;  // this server checked no body
  }
  // One write with O_APPEND: reports of parallel tests never interleave.
  const int fd = ::open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) {
    static_cast<void>(::write(fd, lines.data(), lines.size()));
    ::close(fd);
  }
}

ServerProcess::~ServerProcess() {
  report_contract_counters();
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  if (!log_path_.empty()) {
    ::unlink(log_path_.c_str());
  }
}

void ServerProcess::send_signal(int signal_number) const {
  if (pid_ > 0) {
    ::kill(pid_, signal_number);
  }
}

std::optional<int> ServerProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) {
    return std::nullopt;
  }
  // A pidfd becomes readable when the process exits: the wait ends at the exit itself (or at
  // `timeout`), with no polling interval.
  // Through syscall(): glibc 2.36's <sys/pidfd.h> lacks extern "C", so C++ cannot link its
  // pidfd_open wrapper.
  const auto pidfd = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
  if (pidfd < 0) {
    throw std::runtime_error(fmt::format("pidfd_open failed: errno {}", errno));
  }
  pollfd exited{.fd = pidfd, .events = POLLIN, .revents = 0};
  int ready = 0;
  do {
    ready = ::poll(&exited, 1, static_cast<int>(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  ::close(pidfd);
  if (ready <= 0) {
    return std::nullopt;
  }
  int status = 0;
  if (::waitpid(pid_, &status, 0) != pid_) {
    return std::nullopt;
  }
  pid_ = -1;
  if (WIFEXITED(status)) {
    return WEXITSTATUS(status);
  }
  return 128 + WTERMSIG(status);
}

std::optional<int> ServerProcess::terminate(std::chrono::milliseconds timeout) {
  report_contract_counters();
  send_signal(SIGTERM);
  return wait_exit(timeout);
}

std::string ServerProcess::log() const {
  const std::ifstream file(log_path_);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace qgp::testing
