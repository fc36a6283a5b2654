#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "store/identity/directory_store.hpp"

namespace qgp::db {
class Connection;
}

// Administration of users and roles (users:admin, roles:admin). Each call runs in the caller's
// transaction and writes exactly one audit row per changed record.
namespace qgp::domain::identity {

// Optimistic concurrency: `expected_version` must equal the stored version (core::Conflict
// otherwise, naming the current version).
store::identity::UserRecord update_user(db::Connection& connection, const core::Actor& actor,
                                        std::int64_t user_id, std::int64_t expected_version,
                                        const store::identity::UserProfileUpdate& update);

// Disabling revokes every session of the user at once; nobody can disable their own account.
store::identity::UserRecord set_user_active(db::Connection& connection, const core::Actor& actor,
                                            std::int64_t user_id, bool active);

store::identity::UserRecord set_user_roles(db::Connection& connection, const core::Actor& actor,
                                           std::int64_t user_id,
                                           const std::vector<std::int64_t>& role_ids);

struct RoleInput {
  std::string name;
  std::optional<std::string> description;
  std::vector<std::string> permissions;  // catalog names only
};

std::int64_t create_role(db::Connection& connection, const core::Actor& actor,
                         const RoleInput& role);
// System roles are reconciled by `qgp seed` and refused here (core::Conflict).
store::identity::RoleRecord update_role(db::Connection& connection, const core::Actor& actor,
                                        std::int64_t role_id, std::int64_t expected_version,
                                        const RoleInput& role);
// Only unassigned custom roles can be deleted (core::Conflict otherwise).
void delete_role(db::Connection& connection, const core::Actor& actor, std::int64_t role_id);

}  // namespace qgp::domain::identity
