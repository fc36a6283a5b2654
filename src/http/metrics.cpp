#include "http/metrics.hpp"

#include <fmt/format.h>

namespace qgp::http {

namespace {

std::string_view method_label(std::string_view method) {
  static constexpr std::array<std::string_view, 9> kKnown = {
      "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT"};
  for (const auto known : kKnown) {
    if (known == method) {
      // cppcheck-suppress returnDanglingLifetime ; a view of a static constexpr literal, not a
      // local
      return known;
    }
  }
  return "OTHER";
}

// Route patterns are our own strings, but escape anyway so the exposition stays valid.
std::string escape_label(std::string_view value) {
  std::string out;
  for (const char c : value) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace

void Metrics::request_finished(std::string_view method, std::string_view route, int status,
                               double seconds) {
  in_flight_.fetch_sub(1);
  const auto status_class = fmt::format("{}xx", status / 100);
  const std::lock_guard lock(mutex_);
  ++requests_[{std::string(method_label(method)), std::string(route), status_class}];
  auto& histogram = latency_[std::string(route)];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets.at(i)) {
      ++histogram.buckets.at(i);
    }
  }
  ++histogram.count;
  histogram.sum += seconds;
}

void Metrics::body_checked(std::string_view method, std::string_view route,
                           std::size_t violations) {
  const std::lock_guard lock(mutex_);
  auto& counts = contract_[{std::string(method_label(method)), std::string(route)}];
  ++counts.checked;
  if (violations > 0) {
    ++counts.violated;
  }
}

std::string Metrics::render(const PoolGauges& pool) const {
  std::string out;
  out +=
      "# HELP qgp_http_requests_total HTTP requests by method, route pattern and status class.\n";
  out += "# TYPE qgp_http_requests_total counter\n";
  const std::lock_guard lock(mutex_);
  for (const auto& [key, count] : requests_) {
    const auto& [method, route, status_class] = key;
    out += fmt::format("qgp_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                       method, escape_label(route), status_class, count);
  }
  out += "# HELP qgp_http_request_duration_seconds Request latency by route pattern.\n";
  out += "# TYPE qgp_http_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    const auto label = escape_label(route);
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("qgp_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         label, kBuckets.at(i), histogram.buckets.at(i));
    }
    out += fmt::format("qgp_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                       label, histogram.count);
    out += fmt::format("qgp_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                       histogram.sum);
    out += fmt::format("qgp_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                       histogram.count);
  }
  const auto contract_counter = [&](std::string_view name, std::string_view help,
                                    std::uint64_t ContractCounts::* count) {
    out += fmt::format("# HELP {} {}\n# TYPE {} counter\n", name, help, name);
    for (const auto& [key, counts] : contract_) {
      out += fmt::format("{}{{method=\"{}\",route=\"{}\"}} {}\n", name, key.first,
                         escape_label(key.second), counts.*count);
    }
  };
  contract_counter("qgp_contract_bodies_checked_total",
                   "Success bodies validated against their route's response schema (ADR-0007).",
                   &ContractCounts::checked);
  contract_counter("qgp_contract_violations_total",
                   "Checked success bodies that violated their route's response schema.",
                   &ContractCounts::violated);
  out += "# HELP qgp_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE qgp_http_requests_in_flight gauge\n";
  out += fmt::format("qgp_http_requests_in_flight {}\n", in_flight_.load());
  out += "# HELP qgp_http_connections_open Open client connections.\n";
  out += "# TYPE qgp_http_connections_open gauge\n";
  out += fmt::format("qgp_http_connections_open {}\n", connections_.load());
  out += "# HELP qgp_db_pool_size Maximum database connections.\n";
  out += "# TYPE qgp_db_pool_size gauge\n";
  out += fmt::format("qgp_db_pool_size {}\n", pool.size);
  out += "# HELP qgp_db_pool_open Open database connections.\n";
  out += "# TYPE qgp_db_pool_open gauge\n";
  out += fmt::format("qgp_db_pool_open {}\n", pool.open);
  out += "# HELP qgp_db_pool_idle Idle database connections.\n";
  out += "# TYPE qgp_db_pool_idle gauge\n";
  out += fmt::format("qgp_db_pool_idle {}\n", pool.idle);
  out += "# HELP qgp_db_pool_waiting Threads waiting for a database connection.\n";
  out += "# TYPE qgp_db_pool_waiting gauge\n";
  out += fmt::format("qgp_db_pool_waiting {}\n", pool.waiting);
  return out;
}

}  // namespace qgp::http
