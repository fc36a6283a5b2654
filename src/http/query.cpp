#include "http/query.hpp"

#include "core/errors.hpp"
#include "http/message.hpp"

namespace qgp::http {

QueryParams parse_query(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) {
      throw core::Error(core::ErrorCode::kBadRequest,
                        "malformed query string (bad percent-encoding or invalid UTF-8)");
    }
    params.emplace(std::move(*key), std::move(*value));
  }
  return params;
}

std::optional<std::string> single_param(const QueryParams& params, std::string_view name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) {
    return std::nullopt;
  }
  if (std::next(first) != last) {
    throw core::ValidationError(std::string(name), "must be given at most once");
  }
  return first->second;
}

}  // namespace qgp::http
