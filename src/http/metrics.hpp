#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace qgp::http {

// Process metrics in Prometheus text format. Labels are bounded: methods outside the standard set
// become OTHER, paths are reported by route pattern ("unmatched" when no route matched).
class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1.0,  2.5,   10.0};

  void request_started() noexcept { in_flight_.fetch_add(1); }
  void request_finished(std::string_view method, std::string_view route, int status,
                        double seconds);
  // A success body of `method route` validated against its response schema (ADR-0007).
  void body_checked(std::string_view method, std::string_view route, std::size_t violations);
  void connection_opened() noexcept { connections_.fetch_add(1); }
  void connection_closed() noexcept { connections_.fetch_sub(1); }

  struct PoolGauges {
    std::size_t size = 0;
    std::size_t open = 0;
    std::size_t idle = 0;
    std::size_t waiting = 0;
  };
  [[nodiscard]] std::string render(const PoolGauges& pool) const;

  [[nodiscard]] std::int64_t in_flight() const noexcept { return in_flight_.load(); }

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;  // by route
  struct ContractCounts {
    std::uint64_t checked = 0;
    std::uint64_t violated = 0;
  };
  std::map<std::pair<std::string, std::string>, ContractCounts> contract_;  // by method, route
  std::atomic<std::int64_t> in_flight_{0};
  std::atomic<std::int64_t> connections_{0};
};

}  // namespace qgp::http
