#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qgp::http {

// Header fields as received or to be sent. Names are compared case-insensitively.
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// An HTTP request as handlers see it: Beast stays inside server.cpp so api/ code compiles fast.
struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // raw request target, e.g. "/api/v1/incidents?page=2"
  std::string path;    // target without the query string
  std::string query;   // raw query string without '?', may be empty
  HeaderList headers;
  std::string body;
  std::string remote_address;  // the client IP (no port); empty when unknown
  std::string request_id;      // assigned by the server before dispatch

  // The first value of a header, if present.
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
};

struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;

  // Replaces an existing header of the same name or appends it.
  void set_header(std::string_view name, std::string value);
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
};

// Case-insensitive ASCII comparison of header names.
bool header_name_equals(std::string_view a, std::string_view b) noexcept;

// Splits a request target into path and query.
std::pair<std::string, std::string> split_target(std::string_view target);

// Percent-decodes a URL component; `plus_as_space` for query strings. nullopt when the encoding is
// malformed or decodes to a NUL byte or invalid UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_as_space);

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

}  // namespace qgp::http
