#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qgp::core::log {

enum class Level : std::uint8_t { kTrace, kDebug, kInfo, kWarn, kError };

// A structured field of a log line. Values are strings; numbers are rendered by the caller.
using Field = std::pair<std::string_view, std::string>;

// Configures the process logger: JSON lines on stderr at `level` ("info", "debug", ...).
void init(std::string_view level);

// Writes one JSON line {"ts","level","event",...fields}. Never pass secrets as fields.
void write(Level level, std::string_view event, const std::vector<Field>& fields = {});

inline void info(std::string_view event, const std::vector<Field>& fields = {}) {
  write(Level::kInfo, event, fields);
}
inline void warn(std::string_view event, const std::vector<Field>& fields = {}) {
  write(Level::kWarn, event, fields);
}
inline void error(std::string_view event, const std::vector<Field>& fields = {}) {
  write(Level::kError, event, fields);
}
inline void debug(std::string_view event, const std::vector<Field>& fields = {}) {
  write(Level::kDebug, event, fields);
}

bool enabled(Level level);

}  // namespace qgp::core::log
