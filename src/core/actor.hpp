#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace qgp::core {

// Who performs a mutation, recorded in the audit trail with it. Built by api/ from the request
// (principal, X-Request-Id, client address) and by the CLI for system actions (no user).
struct Actor {
  std::optional<std::int64_t> user_id;  // nullopt: the system (seed, CLI, jobs)
  std::string request_id;               // empty outside HTTP
  std::string client_address;           // empty outside HTTP; an IP literal otherwise
  // What the user may do, for rules that depend on it beyond the route's own permission (a
  // workflow edge that needs findings:verify). The route's permission was checked before.
  std::set<std::string, std::less<>> permissions{};
  bool superuser = false;

  // The system (no user) is trusted: it runs from the command line of the operator.
  [[nodiscard]] bool may(std::string_view permission) const {
    return !user_id || superuser || permissions.find(permission) != permissions.end();
  }
};

}  // namespace qgp::core
