#pragma once

#include <string>
#include <string_view>

namespace qgp::store::common {

// SQL that renders a timestamptz expression as RFC 3339 UTC with microseconds and a `Z`
// ("2026-11-25T02:14:07.123456Z"), the API's one timestamp format; NULL stays NULL.
inline std::string rfc3339(std::string_view expression) {
  return "to_char((" + std::string(expression)
         + R"sql() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))sql";
}

}  // namespace qgp::store::common
