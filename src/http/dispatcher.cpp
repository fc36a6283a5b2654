#include "http/dispatcher.hpp"

#include <algorithm>
#include <exception>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "core/logging.hpp"
#include "http/errors.hpp"
#include "http/schema_check.hpp"
#include "http/web_app.hpp"

namespace qgp::http {

namespace {

// Violations named in one log line or 500 detail; the rest are counted.
constexpr std::size_t kViolationsNamed = 10;

}  // namespace

Dispatcher::Dispatcher(const Router& router, CorsPolicy cors, db::Pool* pool)
    : router_(router), cors_(std::move(cors)), pool_(pool) {}

Dispatcher::~Dispatcher() = default;

void Dispatcher::set_openapi_document(const nlohmann::json& document) {
  checker_ = std::make_unique<const SchemaChecker>(document);
  contract_seen_ = std::vector<std::atomic<std::uint64_t>>(router_.routes().size());
}

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
    } else if (match.kind == Router::MatchKind::kNotFound && client_route_page_
               && request.method == "GET" && is_client_route(request.path)) {
      outcome.route = "client_route";
      outcome.response = client_route_page_(request);
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
      outcome.response = handle(request, match, outcome);
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

namespace {

// Requests that only read (RFC 9110 section 9.2.1, safe methods): their principal may be checked
// in the round trip of their first statement.
bool only_reads(std::string_view method) {
  return method == "GET" || method == "HEAD";
}

}  // namespace

Response Dispatcher::handle(const Request& request, const Router::Match& match,
                            Outcome& outcome) const {
  const Route& route = *match.route;
  RequestContext context(request, {}, nullptr, pool_);
  try {
    if (!route.is_public) {
      authenticate(request, route, context);
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
    context.set_params(std::move(params));
    auto response = route.handler(context);
    context.settle_principal();
    check_response_contract(route, response, outcome);
    return response;
  } catch (...) {
    const auto failure = std::current_exception();
    // A principal checked ahead answers first: a caller it refuses learns nothing else (not
    // even that its request was malformed).
    try {
      context.settle_principal();
    } catch (...) {
      return response_for_exception(std::current_exception(), request.request_id);
    }
    return response_for_exception(failure, request.request_id);
  }
}

void Dispatcher::authenticate(const Request& request, const Route& route,
                              RequestContext& context) const {
  const auto resolve = [&context, &route](std::optional<Principal> principal) {
    context.resolve_principal(std::move(principal), route.permission);
  };
  if (authenticator_ && pool_ != nullptr) {
    const auto ahead =
        authenticator_->authenticate_ahead(request, context.connection_for_principal(), resolve);
    if (ahead == Authenticator::Ahead::kSent) {
      context.expect_principal();
      if (!only_reads(request.method)) {
        // A write is decided by who asks: its principal is known before its handler runs, on
        // the connection the handler then uses.
        context.settle_principal();
      }
      return;
    }
    if (ahead == Authenticator::Ahead::kNoCredentials) {
      throw core::Unauthenticated();
    }
  }
  resolve(authenticator_ ? authenticator_->authenticate(request, pool_) : std::nullopt);
}

void Dispatcher::check_response_contract(const Route& route, const Response& response,
                                         Outcome& outcome) const {
  const auto route_name = fmt::format("{} {}", route.method, route.pattern);
  if (!documents_status(route, response.status)) {
    const auto problem = fmt::format("{} answered {}, which its OpenAPI operation does not list",
                                     route_name, response.status);
    core::log::warn("http_contract_violation",
                    {{"route", route_name}, {"rule", "status"}, {"problem", problem}});
    if (enforce_response_contract_) {
      throw core::Error(core::ErrorCode::kInternal, problem);
    }
    return;
  }
  // Errors share the envelope; 204 has no body; non-JSON operations have no body schema.
  const bool has_schema =
      !route.response_schema.empty() && route.success_content_type == "application/json"
      && response.status >= 200 && response.status < 300 && response.status != 204;
  if (!checker_ || !has_schema) {
    return;
  }
  if (contract_sample_ > 1) {
    const auto index = static_cast<std::size_t>(&route - router_.routes().data());
    if (index < contract_seen_.size()
        && contract_seen_[index].fetch_add(1, std::memory_order_relaxed) % contract_sample_ != 0) {
      return;
    }
  }
  outcome.body_checked = true;
  std::vector<SchemaViolation> violations;
  const auto content_type = response.header("Content-Type");
  if (!content_type || media_type(*content_type) != "application/json") {
    violations.push_back({"", "content-type",
                          fmt::format("{} where application/json is documented",
                                      content_type ? media_type(*content_type) : "none")});
  } else {
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (body.is_discarded()) {
      violations.push_back({"", "json", "the body is not valid JSON"});
    } else {
      violations = checker_->check_component(body, route.response_schema);
    }
  }
  if (violations.empty()) {
    return;
  }
  outcome.body_violations = violations.size();
  std::string named;
  for (std::size_t i = 0; i < violations.size() && i < kViolationsNamed; ++i) {
    const auto& violation = violations[i];
    core::log::warn("http_contract_violation", {{"route", route_name},
                                                {"schema", route.response_schema},
                                                {"pointer", violation.pointer},
                                                {"rule", violation.rule},
                                                {"problem", violation.message}});
    named += fmt::format("{}{} {} ({})", i == 0 ? "" : "; ",
                         violation.pointer.empty() ? "/" : violation.pointer, violation.rule,
                         violation.message);
  }
  if (enforce_response_contract_) {
    throw core::Error(
        core::ErrorCode::kInternal,
        fmt::format("{} answered a body that violates its schema {} ({} violations): {}",
                    route_name, route.response_schema, violations.size(), named));
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
