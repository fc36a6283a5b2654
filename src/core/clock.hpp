#pragma once

#include <chrono>
#include <string>

namespace qgp::core {

using Clock = std::chrono::system_clock;

// RFC 3339 in UTC with a Z suffix and millisecond precision: 2026-11-24T22:40:03.123Z
std::string format_rfc3339(Clock::time_point at);

}  // namespace qgp::core
