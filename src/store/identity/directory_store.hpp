#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/common/list_sql.hpp"

namespace qgp::db {
class Connection;
}

// The user directory and roles, as administrators manage them.
namespace qgp::store::identity {

struct RoleRef {
  std::int64_t id = 0;
  std::string name;
};

struct UserRecord {
  std::int64_t id = 0;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::optional<std::string> job_title;
  std::optional<std::string> department;
  std::optional<std::string> phone;
  bool is_active = true;
  bool is_superuser = false;
  std::optional<std::string> disabled_at;
  std::optional<std::string> last_login_at;
  std::string created_at;
  std::string updated_at;
  std::int64_t version = 1;
  std::vector<RoleRef> roles;
};

struct UserFilter {
  std::optional<std::string> q;  // name or email contains
  std::optional<bool> is_active;
  std::optional<std::int64_t> role_id;
  std::optional<std::string> department;
};

struct UserPage {
  std::vector<UserRecord> items;
  std::int64_t total = 0;
};

// Sortable: email, last_name, created_at, last_login_at (default last_name, first_name).
UserPage list_users(db::Connection& connection, const UserFilter& filter,
                    const std::vector<common::SortKey>& sort, const common::Page& page);
// FOR UPDATE when `lock`: the caller is about to change the row.
std::optional<UserRecord> find_user(db::Connection& connection, std::int64_t id, bool lock = false);

struct UserProfileUpdate {
  std::string first_name;
  std::string last_name;
  std::optional<std::string> job_title;
  std::optional<std::string> department;
  std::optional<std::string> phone;
};
void update_user_profile(db::Connection& connection, std::int64_t id,
                         const UserProfileUpdate& update, std::int64_t actor_id);
void set_user_active(db::Connection& connection, std::int64_t id, bool active,
                     std::int64_t actor_id);
void replace_user_roles(db::Connection& connection, std::int64_t user_id,
                        const std::vector<std::int64_t>& role_ids);

struct RoleRecord {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> description;
  bool is_system = false;
  std::int64_t version = 1;
  std::int64_t user_count = 0;
  std::vector<std::string> permissions;
};

std::vector<RoleRecord> list_roles(db::Connection& connection);
std::optional<RoleRecord> find_role(db::Connection& connection, std::int64_t id, bool lock = false);
// Returns the ids of the given roles that exist.
std::vector<std::int64_t> existing_role_ids(db::Connection& connection,
                                            const std::vector<std::int64_t>& ids);
// Role writes; a duplicate name surfaces as db::UniqueViolation.
std::int64_t insert_role(db::Connection& connection, const std::string& name,
                         const std::optional<std::string>& description, std::int64_t actor_id);
void update_role(db::Connection& connection, std::int64_t id, const std::string& name,
                 const std::optional<std::string>& description, std::int64_t actor_id);
void replace_role_permissions(db::Connection& connection, std::int64_t role_id,
                              const std::vector<std::string>& permissions);
void delete_role(db::Connection& connection, std::int64_t id);

}  // namespace qgp::store::identity
