#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace qgp::http {

using QueryParams = std::multimap<std::string, std::string, std::less<>>;

// Decodes a raw query string; malformed percent-encoding or invalid UTF-8 -> BAD_REQUEST (400).
QueryParams parse_query(std::string_view query);

// The single value of a parameter; a repeated parameter -> VALIDATION_ERROR.
std::optional<std::string> single_param(const QueryParams& params, std::string_view name);

}  // namespace qgp::http
