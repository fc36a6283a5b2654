#include "http/web_app.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "core/errors.hpp"
#include "http/errors.hpp"

namespace qgp::http {

namespace {

// A path is one of these, or under one of them followed by '/'.
constexpr std::array<std::string_view, 7> kServerPaths = {
    "/api", "/docs", "/openapi.json", "/healthz", "/readyz", "/metrics", "/assets"};

}  // namespace

bool is_client_route(std::string_view path) noexcept {
  if (!path.starts_with('/')) {
    return false;
  }
  return std::ranges::none_of(kServerPaths, [path](std::string_view prefix) {
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
  });
}

Response asset_response(std::span<const DocsAsset> assets, std::string_view name,
                        std::string_view page_policy, std::string_view missing,
                        std::string_view request_id) {
  const auto asset = std::ranges::find(assets, name, &DocsAsset::name);
  if (asset == assets.end() || name.empty()) {
    return error_response(core::ErrorCode::kNotFound, missing, request_id);
  }
  Response response;
  response.set_header("Content-Type", std::string(asset->content_type));
  response.set_header("Cache-Control",
                      asset->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (asset->content_type.starts_with("text/html")) {
    response.set_header("Content-Security-Policy", std::string(page_policy));
  }
  response.body = std::string(asset->body);
  return response;
}

Response web_app_response(std::span<const WebAsset> assets, std::string_view name,
                          std::string_view request_id) {
  return asset_response(assets, name, kWebAppPolicy,
                        assets.empty() ? "this qgp binary was built without the web application"
                                       : "no such file of the web application",
                        request_id);
}

}  // namespace qgp::http
