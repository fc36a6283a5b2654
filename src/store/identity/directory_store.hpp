#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"

namespace qgp::db {
class Connection;
}

// What the user directory needs beyond the kit's generated statements (model/identity): role
// lookups by id and name, a role's permission names kept by permission id, and lookups the CLI
// makes before it creates a user.
namespace qgp::store::identity {

// The ids among `ids` that name a role.
std::vector<std::int64_t> existing_role_ids(db::Connection& connection,
                                            const std::vector<std::int64_t>& ids);
// The names of the roles `ids`, sorted by name (what the audit trail records of a user's roles).
std::vector<std::string> role_names(db::Connection& connection,
                                    const std::vector<std::int64_t>& ids);
// The id of the role with this name (case-insensitive), if any.
std::optional<std::int64_t> find_role_id(db::Connection& connection, std::string_view name);
std::optional<std::int64_t> find_user_id_by_email(db::Connection& connection,
                                                  std::string_view email);

// Makes role `role_id` grant exactly `permissions` (catalog names).
void replace_role_permissions(db::Connection& connection, std::int64_t role_id,
                              const std::vector<std::string>& permissions);
// A change of a role that touched no column of its own (its permissions): the role's version and
// updated_by_id move all the same.
void touch_role(db::Connection& connection, std::int64_t role_id, const core::Actor& actor);
void delete_role(db::Connection& connection, std::int64_t id);

}  // namespace qgp::store::identity
