#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace qgp::db {
class Connection;
class Pool;
}  // namespace qgp::db

namespace qgp::http {

// Who is making the request, as established by the installed Authenticator.
struct Principal {
  std::int64_t user_id = 0;
  std::string name;
  std::set<std::string, std::less<>> permissions;
  bool superuser = false;  // holds every permission

  [[nodiscard]] bool has_permission(std::string_view permission) const {
    return superuser || permissions.find(permission) != permissions.end();
  }
};

// Pluggable authentication (installed by the identity module). Runs on a worker thread and may
// block (database lookups, token checks). Returns nullopt, or throws core::Unauthenticated, when
// the request carries no valid credentials. Permissions are checked by the server, not here.
class Authenticator {
 public:
  Authenticator() = default;
  Authenticator(const Authenticator&) = delete;
  Authenticator& operator=(const Authenticator&) = delete;
  Authenticator(Authenticator&&) = delete;
  Authenticator& operator=(Authenticator&&) = delete;
  virtual ~Authenticator() = default;

  // `pool` is the server's database pool (null when it has none).
  virtual std::optional<Principal> authenticate(const Request& request, db::Pool* pool) = 0;

  // Authentication in the round trip of the request's first statement (docs/adr/0012), for
  // requests that only read: checks what needs no database, then sends the principal's statement
  // ahead on `connection` (db::Connection::send_ahead) with a check that passes the principal it
  // read (nullopt: none valid) to `resolved`.
  enum class Ahead {
    kSent,           // `resolved` will be called when the statement is answered
    kNoCredentials,  // nothing valid to look up (no token, a bad signature...): 401 at once
    kUnsupported,    // this authenticator cannot: the caller uses authenticate()
  };
  using Resolved = std::function<void(std::optional<Principal>)>;
  virtual Ahead authenticate_ahead(const Request& /*request*/, db::Connection& /*connection*/,
                                   Resolved /*resolved*/) {
    return Ahead::kUnsupported;
  }
};

}  // namespace qgp::http
