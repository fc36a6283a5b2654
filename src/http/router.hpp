#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/pool.hpp"
#include "http/auth.hpp"
#include "http/message.hpp"

namespace qgp::http {

using PathParams = std::map<std::string, std::string, std::less<>>;

// What a handler gets: the request, decoded path parameters, the request id, the authenticated
// principal (null on public routes) and the database.
//
// A request that only reads may have its principal checked in the round trip of its first
// statement (docs/adr/0012): the dispatcher sends the principal's statement ahead on the
// request's connection (db::Connection::send_ahead), and the principal is known once that
// statement is answered: when the handler's first statement on connection() returns, when the
// handler asks for principal(), or at the latest when the dispatcher settles it after the
// handler. An invalid principal (401) or a missing permission (403) is then thrown from there, so
// the handler never sees a row before the principal is checked, and the caller never sees an
// answer other than the 401/403.
class RequestContext {
 public:
  RequestContext(const Request& request, PathParams params, const Principal* principal,
                 db::Pool* pool)
      : request_(&request), params_(std::move(params)), principal_(principal), pool_(pool) {}

  [[nodiscard]] const Request& request() const noexcept { return *request_; }
  [[nodiscard]] const PathParams& params() const noexcept { return params_; }
  [[nodiscard]] const std::string& request_id() const noexcept { return request_->request_id; }
  // Settles a principal sent ahead first (which may throw core::Unauthenticated or
  // core::Forbidden).
  [[nodiscard]] const Principal* principal() const;
  // Throws core::Unauthenticated on a public route (no principal).
  [[nodiscard]] const Principal& require_principal() const;
  // For a handler that borrows its own connections. Hands back the request's connection first
  // (after settling its principal) unless the handler holds it, so that a request holds at most
  // one connection of its own. Throws core::Unavailable when the server has no database.
  [[nodiscard]] db::Pool& pool() const;
  // The request's connection: taken from the pool at first use, kept until the response.
  [[nodiscard]] db::Connection& connection();

  // A path parameter by name (the route pattern guarantees it exists).
  [[nodiscard]] std::string_view param(std::string_view name) const;
  // A path parameter that must be a positive 64-bit id: otherwise 422 with details.fields[name].
  [[nodiscard]] std::int64_t id_param(std::string_view name) const;

  // The dispatcher's side.
  void set_params(PathParams params) { params_ = std::move(params); }
  // The request's connection, not lent to the handler (pool() may still hand it back).
  [[nodiscard]] db::Connection& connection_for_principal();
  // The principal's statement was sent ahead on connection(); until it is settled, principal()
  // settles it.
  void expect_principal() noexcept { principal_ahead_ = true; }
  // Called with the principal looked up (now, or as the answer to the statement sent ahead):
  // records it, or throws (and remembers) core::Unauthenticated when there is none and
  // core::Forbidden when it lacks `permission`.
  void resolve_principal(std::optional<Principal> principal, std::string_view permission);
  // Sends and checks a principal sent ahead that no statement has carried yet; rethrows the
  // verdict of one that was refused. A no-op when the principal is known.
  void settle_principal() const;

 private:
  const Request* request_;
  PathParams params_;
  const Principal* principal_;
  db::Pool* pool_;
  // The principal answered ahead on the request's connection, and that connection (declared
  // last, so destroyed first: settling it at destruction may still record a verdict here).
  bool principal_ahead_ = false;
  std::optional<Principal> resolved_;
  std::exception_ptr refusal_;
  bool connection_lent_ = false;  // connection() was called: the handler may hold a reference
  mutable std::optional<db::PooledConnection> connection_;  // taken from the pool at first use
};

using Handler = std::function<Response(RequestContext&)>;

// One entry of the route table. Secure by default: a route is public only when it says so,
// otherwise it needs an authenticated principal and, when `permission` is set, that permission.
// The empty-brace initializers let api/ code use designated initializers without tripping GCC's
// -Wmissing-field-initializers.
// NOLINTBEGIN(readability-redundant-member-init)
struct Route {
  std::string method{};   // "GET", "POST", ...
  std::string pattern{};  // "/api/v1/incidents/{id}"
  std::string summary{};
  std::string tag{};
  bool is_public = false;
  std::string permission{};      // required permission name; empty: any authenticated principal
  std::string request_schema{};  // OpenAPI component name of the JSON body, optional
  bool request_body_required = true;  // false: an empty body is accepted (defaults apply)
  nlohmann::json query_parameters = nlohmann::json::array();  // OpenAPI parameter objects
  std::string response_schema{};  // OpenAPI component name of the success body, optional
  std::string request_content_type = "application/json";  // media type a non-empty body needs
  int success_status = 200;
  // An upsert (PUT that may create): 201 when it created the resource, success_status when it
  // replaced one. OpenAPI documents both.
  bool may_create = false;
  std::string success_content_type = "application/json";
  // A 422 the handler answers beyond its body's validation, documented with this description and
  // the ValidationError envelope (details.fields: the problem of each field path).
  std::string refusals{};
  // Trivial, never-blocking handlers (liveness) run on the I/O thread itself, so a worker pool
  // saturated by slow requests (password hashing, long queries) cannot make the process look dead.
  bool runs_inline = false;
  // The handler waits for the Argon2id queue (sign-in, password change, new password): it runs on
  // the server's own password threads, so that sign-ins waiting their turn never hold the worker
  // threads every other request needs (docs/adr/0012).
  bool hashes_passwords = false;
  Handler handler{};
};
// NOLINTEND(readability-redundant-member-init)

// Whether `status` is a success the route's OpenAPI operation documents: its success_status, or 201
// for an upsert. Errors (4xx/5xx) always are: they share the error envelope (`default`).
[[nodiscard]] bool documents_status(const Route& route, int status) noexcept;

class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate (method, pattern).
  void add(Route route);

  enum class MatchKind : std::uint8_t { kFound, kMethodNotAllowed, kNotFound };
  struct Match {
    MatchKind kind = MatchKind::kNotFound;
    const Route* route = nullptr;
    PathParams params;               // raw (still percent-encoded) segment values
    std::vector<std::string> allow;  // for kMethodNotAllowed and preflight: methods of the path
  };
  // Exact segment matching: no trailing-slash folding, no redirects. HEAD falls back to GET.
  [[nodiscard]] Match match(std::string_view method, std::string_view path) const;

  [[nodiscard]] const std::vector<Route>& routes() const noexcept { return routes_; }
  // The route registered for exactly (method, pattern), or nullptr.
  [[nodiscard]] Route* find(std::string_view method, std::string_view pattern);

 private:
  struct Compiled {
    std::vector<std::string> segments;  // literal, or "{name}" for a parameter
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

// Parameter names of a pattern in order ("/a/{id}/b/{x}" -> id, x).
std::vector<std::string> pattern_params(std::string_view pattern);

}  // namespace qgp::http
