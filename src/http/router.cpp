#include "http/router.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "core/errors.hpp"

namespace qgp::http {

namespace {

// "/a/b/" -> {"a", "b", ""}: the empty last segment keeps a trailing slash a different path.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.empty() || path.front() != '/') {
    return segments;
  }
  path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      break;
    }
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_param(std::string_view segment) {
  return segment.size() >= 3 && segment.front() == '{' && segment.back() == '}';
}

bool valid_param_name(std::string_view name) {
  return !name.empty() && std::ranges::all_of(name, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

const Principal* RequestContext::principal() const {
  settle_principal();
  return principal_;
}

const Principal& RequestContext::require_principal() const {
  const auto* principal = this->principal();
  if (principal == nullptr) {
    throw core::Unauthenticated();
  }
  return *principal;
}

db::Pool& RequestContext::pool() const {
  if (pool_ == nullptr) {
    throw core::Unavailable("no database configured");
  }
  if (connection_ && !connection_lent_) {
    settle_principal();
    connection_.reset();
  }
  return *pool_;
}

db::Connection& RequestContext::connection() {
  auto& connection = connection_for_principal();
  connection_lent_ = true;
  return connection;
}

db::Connection& RequestContext::connection_for_principal() {
  if (pool_ == nullptr) {
    throw core::Unavailable("no database configured");
  }
  if (!connection_) {
    connection_.emplace(pool_->acquire());
  }
  return **connection_;
}

void RequestContext::resolve_principal(std::optional<Principal> principal,
                                       std::string_view permission) {
  principal_ahead_ = false;
  try {
    if (!principal) {
      throw core::Unauthenticated();
    }
    if (!permission.empty() && !principal->has_permission(permission)) {
      throw core::Forbidden(fmt::format("permission {} required", permission));
    }
  } catch (...) {
    refusal_ = std::current_exception();
    throw;
  }
  resolved_ = std::move(principal);
  principal_ = &*resolved_;
}

void RequestContext::settle_principal() const {
  if (principal_ahead_ && connection_) {
    (**connection_).settle();
  }
  if (refusal_) {
    std::rethrow_exception(refusal_);
  }
  if (principal_ahead_) {
    // The connection failed before the statement was answered: nobody was authenticated.
    throw core::Unauthenticated();
  }
}

std::string_view RequestContext::param(std::string_view name) const {
  const auto it = params_.find(name);
  if (it == params_.end()) {
    throw core::Error(core::ErrorCode::kInternal, fmt::format("route has no parameter {}", name));
  }
  return it->second;
}

std::int64_t RequestContext::id_param(std::string_view name) const {
  const auto text = param(name);
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(
      text.data(), end, value);  // NOLINT(bugprone-suspicious-stringview-data-usage)
  if (ec != std::errc() || ptr != end || value < 1 || text.front() == '+') {
    throw core::ValidationError(std::string(name), "must be a positive integer id");
  }
  return value;
}

std::vector<std::string> pattern_params(std::string_view pattern) {
  std::vector<std::string> names;
  for (const auto segment : split_path(pattern)) {
    if (is_param(segment)) {
      names.emplace_back(segment.substr(1, segment.size() - 2));
    }
  }
  return names;
}

Route* Router::find(std::string_view method, std::string_view pattern) {
  const auto found = std::ranges::find_if(routes_, [&](const Route& route) {
    return route.method == method && route.pattern == pattern;
  });
  return found == routes_.end() ? nullptr : &*found;
}

void Router::add(Route route) {
  if (route.pattern.empty() || route.pattern.front() != '/') {
    throw std::invalid_argument(
        fmt::format("route pattern must start with '/': {}", route.pattern));
  }
  if (route.method.empty() || !route.handler) {
    throw std::invalid_argument(
        fmt::format("route {} needs a method and a handler", route.pattern));
  }
  Compiled compiled;
  std::vector<std::string> seen;
  for (const auto segment : split_path(route.pattern)) {
    if (segment.find_first_of("{}") != std::string_view::npos) {
      const auto name = segment.substr(1, segment.size() - 2);
      if (!is_param(segment) || !valid_param_name(name)) {
        throw std::invalid_argument(
            fmt::format("malformed parameter segment '{}' in {}", segment, route.pattern));
      }
      if (std::ranges::find(seen, name) != seen.end()) {
        throw std::invalid_argument(
            fmt::format("duplicate parameter '{}' in {}", name, route.pattern));
      }
      seen.emplace_back(name);
    }
    compiled.segments.emplace_back(segment);
  }
  for (const auto& existing : routes_) {
    if (existing.method == route.method && existing.pattern == route.pattern) {
      throw std::invalid_argument(
          fmt::format("duplicate route {} {}", route.method, route.pattern));
    }
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  const auto segments = split_path(path);
  Match result;
  // Literal segments win over parameters, so "/incidents/export" is not "/incidents/{id}".
  int best_literals = -1;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& pattern = compiled_[i].segments;
    if (pattern.size() != segments.size()) {
      continue;
    }
    PathParams params;
    int literals = 0;
    bool ok = true;
    for (std::size_t s = 0; s < pattern.size() && ok; ++s) {
      if (is_param(pattern[s])) {
        if (segments[s].empty()) {
          ok = false;
        } else {
          params.emplace(pattern[s].substr(1, pattern[s].size() - 2), std::string(segments[s]));
        }
      } else if (pattern[s] == segments[s]) {
        ++literals;
      } else {
        ok = false;
      }
    }
    if (!ok) {
      continue;
    }
    const auto& route = routes_[i];
    if (literals > best_literals) {
      // A more specific pattern shadows the less specific ones entirely.
      best_literals = literals;
      result = Match{};
    } else if (literals < best_literals) {
      continue;
    }
    if (std::ranges::find(result.allow, route.method) == result.allow.end()) {
      result.allow.push_back(route.method);
    }
    const bool method_ok = route.method == method || (method == "HEAD" && route.method == "GET");
    if (method_ok && (result.route == nullptr || route.method == method)) {
      result.kind = MatchKind::kFound;
      result.route = &route;
      result.params = std::move(params);
    }
  }
  if (result.route == nullptr) {
    result.kind = result.allow.empty() ? MatchKind::kNotFound : MatchKind::kMethodNotAllowed;
  }
  if (std::ranges::find(result.allow, "GET") != result.allow.end()
      && std::ranges::find(result.allow, "HEAD") == result.allow.end()) {
    result.allow.emplace_back("HEAD");
  }
  return result;
}

bool documents_status(const Route& route, int status) noexcept {
  if (status < 200 || status >= 300) {
    return true;
  }
  return status == route.success_status || (route.may_create && status == 201);
}

}  // namespace qgp::http
