#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace qgp::core {

// Who performs a mutation, recorded in the audit trail with it. Built by api/ from the request
// (principal, X-Request-Id, client address) and by the CLI for system actions (no user).
struct Actor {
  std::optional<std::int64_t> user_id;  // nullopt: the system (seed, CLI, jobs)
  std::string request_id;               // empty outside HTTP
  std::string client_address;           // empty outside HTTP; an IP literal otherwise
};

}  // namespace qgp::core
