#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace qgp::db {
class Pool;
}

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
};

}  // namespace qgp::http
