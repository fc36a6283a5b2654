#include "core/clock.hpp"

#include <ctime>

#include <fmt/format.h>

namespace qgp::core {

std::string format_rfc3339(Clock::time_point at) {
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
  auto seconds = static_cast<std::time_t>(millis / 1000);
  auto fraction = millis % 1000;
  if (fraction < 0) {
    fraction += 1000;
    --seconds;
  }
  std::tm utc{};
  if (gmtime_r(&seconds, &utc) == nullptr) {
    return "1970-01-01T00:00:00.000Z";  // unreachable for any time_t a clock produces
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, fraction);
}

}  // namespace qgp::core
