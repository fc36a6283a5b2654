#include "http/cors.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qgp::http {

namespace {

constexpr std::string_view kAllowedHeaders = "Authorization, Content-Type, If-Match, X-Request-Id";
constexpr std::string_view kExposedHeaders = "X-Request-Id, Location, ETag";

}  // namespace

CorsPolicy::CorsPolicy(std::vector<std::string> origins, bool allow_credentials)
    : origins_(std::move(origins)), allow_credentials_(allow_credentials) {
  wildcard_ = std::ranges::find(origins_, "*") != origins_.end();
}

bool CorsPolicy::origin_allowed(std::string_view origin) const {
  return wildcard_ || std::ranges::find(origins_, origin) != origins_.end();
}

std::string CorsPolicy::allow_origin_value(std::string_view origin) const {
  // With credentials the browser demands the exact origin; "*" is only sent without them.
  if (wildcard_ && !allow_credentials_) {
    return "*";
  }
  return std::string(origin);
}

void CorsPolicy::apply(const Request& request, Response& response) const {
  if (origins_.empty()) {
    return;
  }
  response.set_header("Vary", "Origin");
  const auto origin = request.header("Origin");
  if (!origin || !origin_allowed(*origin)) {
    return;
  }
  response.set_header("Access-Control-Allow-Origin", allow_origin_value(*origin));
  if (allow_credentials_) {
    response.set_header("Access-Control-Allow-Credentials", "true");
  }
  response.set_header("Access-Control-Expose-Headers", std::string(kExposedHeaders));
}

bool CorsPolicy::is_preflight(const Request& request) {
  return request.method == "OPTIONS" && request.header("Origin").has_value()
         && request.header("Access-Control-Request-Method").has_value();
}

Response CorsPolicy::preflight(const Request& request,
                               const std::vector<std::string>& methods) const {
  Response response;
  response.status = 204;
  if (!origins_.empty()) {
    response.set_header("Vary", "Origin");
  }
  const auto origin = request.header("Origin");
  if (!origin || !origin_allowed(*origin)) {
    return response;  // no CORS headers: the browser refuses the actual request
  }
  response.set_header("Access-Control-Allow-Origin", allow_origin_value(*origin));
  if (allow_credentials_) {
    response.set_header("Access-Control-Allow-Credentials", "true");
  }
  response.set_header("Access-Control-Allow-Methods", fmt::to_string(fmt::join(methods, ", ")));
  response.set_header("Access-Control-Allow-Headers", std::string(kAllowedHeaders));
  response.set_header("Access-Control-Max-Age", "600");
  return response;
}

}  // namespace qgp::http
