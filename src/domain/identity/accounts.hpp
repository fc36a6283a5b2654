#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/actor.hpp"
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

// Validates (email shape, password policy, names, roles exist) — every problem at once as a
// core::ValidationError — then creates the user with an Argon2id hash and writes the audit row, in
// the caller's transaction. A taken email is a core::Conflict.
std::int64_t create_user(db::Connection& connection, const core::Actor& actor, const NewUser& user,
                         const PasswordHashCost& cost);

}  // namespace qgp::domain::identity
