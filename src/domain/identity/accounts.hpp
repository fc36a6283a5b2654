#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "domain/identity/password.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::identity {

struct NewUser {
  std::string email;
  std::string password;
  std::string first_name;
  std::string last_name;
  bool is_superuser = false;
  std::vector<std::string> role_names;
};

// A new user checked for everything that needs no database, with the password already hashed
// (Argon2id is slow, so it happens before any transaction or pooled connection is taken).
struct PreparedUser {
  NewUser user;  // the password itself is cleared
  std::string password_hash;
  core::FieldErrors problems;  // no hash is computed when there are problems
};
[[nodiscard]] PreparedUser prepare_user(NewUser user, const PasswordHashCost& cost);

// Checks the roles exist and reports every problem at once (prepare_user's and these) as a
// core::ValidationError, then creates the user and writes the audit row, in the caller's
// transaction. A taken email is a core::Conflict.
std::int64_t create_user(db::Connection& connection, const core::Actor& actor,
                         const PreparedUser& prepared);

}  // namespace qgp::domain::identity
