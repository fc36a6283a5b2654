#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "http/auth.hpp"
#include "http/cors.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace qgp::db {
class Pool;
}

namespace qgp::http {
class SchemaChecker;
}

namespace qgp::http {

// The transport-independent part of the middleware chain: CORS preflight, routing (404/405),
// authentication and the permission check (the one place they happen), the Content-Type check,
// the handler, the error envelope, and the headers every response carries. Runs on a worker
// thread; never throws.
class Dispatcher {
 public:
  Dispatcher(const Router& router, CorsPolicy cors, db::Pool* pool);

  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;
  Dispatcher(Dispatcher&&) = delete;
  Dispatcher& operator=(Dispatcher&&) = delete;
  ~Dispatcher();

  // The response contract (ADR-0007). A handler answering a success status its route does not
  // document, or a JSON body that violates the route's response schema, is logged as
  // `http_contract_violation`; in development and testing it also becomes a 500 whose detail goes
  // to the log only, so any API test that reaches it fails. Production keeps the response.
  void set_enforce_response_contract(bool enforce) { enforce_response_contract_ = enforce; }
  // The OpenAPI document the server serves: success bodies of routes with a `response_schema` are
  // validated against that component (its $refs resolved in the document). Without a document,
  // bodies are not checked. Installed before the server starts.
  void set_openapi_document(const nlohmann::json& document);
  // Check one success body in `every` per route, the first one always (1: every body). Checking a
  // 20-item list body costs about one and a half parses of it (ADR-0007): production samples.
  void set_response_contract_sample(unsigned every) { contract_sample_ = every < 1 ? 1 : every; }

  // The page a GET of a client-side route of the web application gets (http::is_client_route): a
  // path no route matches that is not the API's, the documentation's or the assets'. Without one,
  // such paths are a JSON 404 like any other. Installed before the server starts.
  void set_client_route_page(std::function<Response(const Request&)> page) {
    client_route_page_ = std::move(page);
  }

  // Installed before the server starts; read-only while it runs.
  void set_authenticator(std::shared_ptr<Authenticator> authenticator) {
    authenticator_ = std::move(authenticator);
  }

  struct Outcome {
    Response response;
    std::string route;  // the matched pattern, for metrics ("unmatched" otherwise)
    // The handler's JSON body was validated against the route's response schema (ADR-0007) and
    // how many violations it had.
    bool body_checked = false;
    std::size_t body_violations = 0;
  };
  // `request.request_id` must already be set.
  [[nodiscard]] Outcome dispatch(const Request& request) const;

  // True when the request's route asks to run on the I/O thread (Route::runs_inline).
  [[nodiscard]] bool runs_inline(const Request& request) const;
  // True when the request's route waits for password hashing (Route::hashes_passwords).
  [[nodiscard]] bool hashes_passwords(const Request& request) const;

  // Request id, security and CORS headers; also applied to errors produced by the transport.
  void decorate(const Request& request, Response& response) const;

 private:
  // Establishes the principal of a non-public route in `context`: sent ahead for a request that
  // only reads (RequestContext), otherwise looked up and checked now.
  void authenticate(const Request& request, const Route& route, RequestContext& context) const;
  [[nodiscard]] Response handle(const Request& request, const Router::Match& match,
                                Outcome& outcome) const;
  // Throws core::Error(kInternal) when the contract is enforced and `response` breaks it.
  void check_response_contract(const Route& route, const Response& response,
                               Outcome& outcome) const;

  const Router& router_;
  CorsPolicy cors_;
  db::Pool* pool_;
  std::shared_ptr<Authenticator> authenticator_;
  std::function<Response(const Request&)> client_route_page_;
  bool enforce_response_contract_ = false;
  std::unique_ptr<const SchemaChecker> checker_;
  unsigned contract_sample_ = 1;
  // Success bodies seen per route (indexed like router_.routes()), for the sample above; sized
  // when the document is installed, before the server starts.
  mutable std::vector<std::atomic<std::uint64_t>> contract_seen_;
};

// The media type of a Content-Type value, lowercased, without parameters.
std::string media_type(std::string_view content_type);

}  // namespace qgp::http
