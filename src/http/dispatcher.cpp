#include "http/dispatcher.hpp"

#include <algorithm>
#include <exception>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "core/logging.hpp"
#include "http/errors.hpp"

namespace qgp::http {

std::string media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  auto type = content_type.substr(0, semicolon);
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) {
    type.remove_suffix(1);
  }
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) {
    type.remove_prefix(1);
  }
  std::string out(type);
  std::ranges::transform(out, out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

Dispatcher::Outcome Dispatcher::dispatch(const Request& request) const {
  Outcome outcome;
  try {
    const auto match = router_.match(request.method, request.path);
    if (CorsPolicy::is_preflight(request) && !match.allow.empty()) {
      outcome.route = "preflight";
      outcome.response = cors_.preflight(request, match.allow);
    } else if (match.kind == Router::MatchKind::kNotFound) {
      outcome.route = "unmatched";
      outcome.response = error_response(core::ErrorCode::kNotFound, "no route matches this path",
                                        request.request_id);
    } else if (match.kind == Router::MatchKind::kMethodNotAllowed) {
      outcome.route = "unmatched";
      outcome.response = error_response(
          core::ErrorCode::kMethodNotAllowed,
          fmt::format("method {} is not allowed on this path", request.method.substr(0, 20)),
          request.request_id);
      outcome.response.set_header("Allow", fmt::to_string(fmt::join(match.allow, ", ")));
    } else {
      outcome.route = match.route->pattern;
      outcome.response = handle(request, match);
    }
  } catch (...) {
    outcome.response = response_for_exception(std::current_exception(), request.request_id);
  }
  decorate(request, outcome.response);
  return outcome;
}

bool Dispatcher::runs_inline(const Request& request) const {
  const auto match = router_.match(request.method, request.path);
  return match.kind == Router::MatchKind::kFound && match.route->runs_inline;
}

bool Dispatcher::hashes_passwords(const Request& request) const {
  const auto match = router_.match(request.method, request.path);
  return match.kind == Router::MatchKind::kFound && match.route->hashes_passwords;
}

Response Dispatcher::handle(const Request& request, const Router::Match& match) const {
  const Route& route = *match.route;
  try {
    std::optional<Principal> principal;
    if (!route.is_public) {
      if (authenticator_) {
        principal = authenticator_->authenticate(request, pool_);
      }
      if (!principal) {
        throw core::Unauthenticated();
      }
      if (!route.permission.empty() && !principal->has_permission(route.permission)) {
        throw core::Forbidden(fmt::format("permission {} required", route.permission));
      }
    }
    if (!request.body.empty()) {
      const auto content_type = request.header("Content-Type");
      if (!content_type || media_type(*content_type) != route.request_content_type) {
        throw core::Error(core::ErrorCode::kUnsupportedMediaType,
                          fmt::format("request body must be {}", route.request_content_type));
      }
    }
    PathParams params;
    for (const auto& [name, raw] : match.params) {
      auto decoded = percent_decode(raw, false);
      if (!decoded) {
        throw core::Error(core::ErrorCode::kBadRequest,
                          fmt::format("path parameter {} is not validly encoded", name));
      }
      params.emplace(name, std::move(*decoded));
    }
    RequestContext context(request, std::move(params), principal ? &*principal : nullptr, pool_);
    auto response = route.handler(context);
    if (!documents_status(route, response.status)) {
      const auto problem =
          fmt::format("{} {} answered {}, which its OpenAPI operation does not list", route.method,
                      route.pattern, response.status);
      if (enforce_response_contract_) {
        throw core::Error(core::ErrorCode::kInternal, problem);
      }
      core::log::warn("http_contract_violation", {{"problem", problem}});
    }
    return response;
  } catch (...) {
    return response_for_exception(std::current_exception(), request.request_id);
  }
}

void Dispatcher::decorate(const Request& request, Response& response) const {
  response.set_header("X-Request-Id", request.request_id);
  response.set_header("X-Content-Type-Options", "nosniff");
  if (!response.header("Cache-Control")) {
    response.set_header("Cache-Control", "no-store");
  }
  if (!response.header("Content-Security-Policy")) {
    response.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "no-referrer");
  if (!CorsPolicy::is_preflight(request)) {
    cors_.apply(request, response);
  }
}

}  // namespace qgp::http
