#include "http/request_id.hpp"

#include <algorithm>

#include "core/ids.hpp"

namespace qgp::http {

bool is_valid_request_id(std::string_view id) noexcept {
  return !id.empty() && id.size() <= kMaxRequestIdLength && std::ranges::all_of(id, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
           || c == '_' || c == '-';
  });
}

std::string resolve_request_id(std::optional<std::string_view> incoming) {
  if (incoming && is_valid_request_id(*incoming)) {
    return std::string(*incoming);
  }
  return core::random_hex_id();
}

}  // namespace qgp::http
