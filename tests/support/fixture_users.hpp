#pragma once

#include <cstdint>
#include <string>

#include "db/connection.hpp"

namespace qgp::testing {

// A user row for fixtures that need someone to act, own or decide (no role, a placeholder hash
// nobody can sign in with); returns its id.
inline std::int64_t insert_user(db::Connection& connection, const std::string& email) {
  return connection
      .exec("INSERT INTO users (email, password_hash, first_name, last_name) VALUES ("
            + connection.escape_literal(email)
            + ", '$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA', 'Test', 'User') RETURNING id")
      .int64(0, 0);
}

}  // namespace qgp::testing
