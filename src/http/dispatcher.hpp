#pragma once

#include <memory>
#include <string>

#include "http/auth.hpp"
#include "http/cors.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace qgp::db {
class Pool;
}

namespace qgp::http {

// The transport-independent part of the middleware chain: CORS preflight, routing (404/405),
// authentication and the permission check (the one place they happen), the Content-Type check,
// the handler, the error envelope, and the headers every response carries. Runs on a worker
// thread; never throws.
class Dispatcher {
 public:
  Dispatcher(const Router& router, CorsPolicy cors, db::Pool* pool)
      : router_(router), cors_(std::move(cors)), pool_(pool) {}

  // Development and testing: a handler answering a success status its route does not document
  // (OpenAPI would lie to clients) becomes a 500 naming the status, so any API test that reaches it
  // fails. Production keeps the response and logs `http_contract_violation`.
  void set_enforce_response_contract(bool enforce) { enforce_response_contract_ = enforce; }

  // Installed before the server starts; read-only while it runs.
  void set_authenticator(std::shared_ptr<Authenticator> authenticator) {
    authenticator_ = std::move(authenticator);
  }

  struct Outcome {
    Response response;
    std::string route;  // the matched pattern, for metrics ("unmatched" otherwise)
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
  [[nodiscard]] Response handle(const Request& request, const Router::Match& match) const;

  const Router& router_;
  CorsPolicy cors_;
  db::Pool* pool_;
  std::shared_ptr<Authenticator> authenticator_;
  bool enforce_response_contract_ = false;
};

// The media type of a Content-Type value, lowercased, without parameters.
std::string media_type(std::string_view content_type);

}  // namespace qgp::http
