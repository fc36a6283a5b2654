#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace qgp::http {

inline constexpr std::size_t kMaxRequestIdLength = 128;

// A client-supplied X-Request-Id is kept only when it is 1-128 characters of [A-Za-z0-9._-], so it
// is safe in logs and headers.
bool is_valid_request_id(std::string_view id) noexcept;

// The incoming id when valid, otherwise a fresh random one.
std::string resolve_request_id(std::optional<std::string_view> incoming);

}  // namespace qgp::http
