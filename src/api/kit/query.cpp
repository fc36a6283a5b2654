#include "api/kit/query.hpp"

#include <charconv>

namespace qgp::api::kit::detail {

std::optional<std::int64_t> query_integer(std::string_view text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  // NOLINTNEXTLINE(bugprone-suspicious-stringview-data-usage): from_chars reads [data, end)
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return std::nullopt;
  }
  return value;
}

}  // namespace qgp::api::kit::detail
