#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace qgp::http {

// CORS policy from CORS_ORIGINS / CORS_ALLOW_CREDENTIALS. Exact origin matching; "*" allows any
// origin but is never echoed together with credentials.
class CorsPolicy {
 public:
  CorsPolicy(std::vector<std::string> origins, bool allow_credentials);

  [[nodiscard]] bool origin_allowed(std::string_view origin) const;
  // Adds the CORS response headers for an actual (non-preflight) request.
  void apply(const Request& request, Response& response) const;
  // True for OPTIONS carrying Origin and Access-Control-Request-Method.
  [[nodiscard]] static bool is_preflight(const Request& request);
  // The preflight answer for a path whose routes allow `methods`.
  [[nodiscard]] Response preflight(const Request& request,
                                   const std::vector<std::string>& methods) const;

 private:
  [[nodiscard]] std::string allow_origin_value(std::string_view origin) const;

  std::vector<std::string> origins_;
  bool wildcard_ = false;
  bool allow_credentials_;
};

}  // namespace qgp::http
