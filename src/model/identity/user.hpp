#pragma once

// Users, their roles and the signed-in user's own view, declared once (ADR-0010): parsing,
// rendering, OpenAPI, the list, the store's SQL, the audit change set and the users table's
// columns come from here. Passwords and their hashes are write-only: never selected, rendered or
// audited (ADR-0005).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::model::identity {

// A role as a user's record names it.
struct RoleRef {
  std::int64_t id = 0;
  std::string name;
};

constexpr auto describe(kit::Tag<RoleRef> /*unused*/) {
  return kit::resource<RoleRef>(
      {.name = "RoleRef", .table = "roles", .alias = "r", .order = "lower(r.name)"},
      kit::field("id", &RoleRef::id).server(), kit::field("name", &RoleRef::name).server());
}

// The bytes a password may take in a request before the policy (domain/identity/password.hpp)
// judges it: room for any policy-conforming password, and a bound on what is hashed.
inline constexpr std::int64_t kMaxPasswordInput = 1024;

struct User : kit::Record {
  std::string email;
  std::string password;       // POST /users only; hashed by the domain, never kept
  std::string password_hash;  // Argon2id; written with the row, never read back by the kit
  std::string first_name;
  std::string last_name;
  std::string full_name;
  std::optional<std::string> job_title;
  std::optional<std::string> department;
  std::optional<std::string> phone;
  bool is_active = true;
  std::optional<kit::Timestamp> disabled_at;
  std::optional<std::int64_t> disabled_by_id;
  bool is_superuser = false;
  std::optional<kit::Timestamp> last_login_at;
  std::optional<kit::Timestamp> password_changed_at;
  std::vector<std::int64_t> role_ids;
  kit::Json<std::vector<RoleRef>> roles;
};

// Field order is the users table's column order (build::columns_of<User> adds them in it).
constexpr auto describe(kit::Tag<User> /*unused*/) {
  using kit::field;
  using U = User;
  return kit::record_resource<U>(
             {.name = "User",
              .noun = "user",
              .entity = "user",
              .table = "users",
              .alias = "u",
              .order = "lower(u.last_name), lower(u.first_name)",
              .path = "/api/v1/users"},
             field("email", &U::email)
                 .text(3, 320)
                 .create_only()
                 .formatted("email")
                 .sort_on("lower(u.email)")
                 .search()
                 .describe("Unique case-insensitively (ux_users_email)"),
             field("password", &U::password)
                 .computed()
                 .create_only()
                 .write_only()
                 .text(0, kMaxPasswordInput)
                 .describe("12-256 bytes, not a well-known password, not the email"),
             field("password_hash", &U::password_hash).server().write_only(),
             field("first_name", &U::first_name).text(1, 100).search(),
             field("last_name", &U::last_name).text(1, 100).sort_on("lower(u.last_name)").search(),
             field("full_name", &U::full_name)
                 .expression("(u.first_name || ' ' || u.last_name)")
                 .search(),
             field("job_title", &U::job_title).text(1, 100),
             field("department", &U::department).text(1, 100),
             field("phone", &U::phone).text(1, 30),
             field("is_active", &U::is_active).server().filter(),
             field("disabled_at", &U::disabled_at).server(),
             field("disabled_by_id", &U::disabled_by_id).server().user(),
             field("is_superuser", &U::is_superuser)
                 .server()
                 .describe("Bypasses permission checks; created by `qgp user create`"),
             field("last_login_at", &U::last_login_at).server().sort().not_audited(),
             field("password_changed_at", &U::password_changed_at).server().not_audited(),
             field("role_ids", &U::role_ids)
                 .linked("user_roles", "user_id", "role_id")
                 .create_only()
                 .items(200)
                 .not_audited()  // the audit trail names the roles (domain/identity/users.cpp)
                 .describe("The roles granted; changed by PUT /api/v1/users/{id}/roles"),
             field("roles", &U::roles)
                 .rows_from("JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = u.id"))
      .with_filters(kit::Filter{.name = "department",
                                .kind = kit::FilterKind::kText,
                                .sql = "lower(u.department) = lower({})",
                                .doc = "Only users of this department (any case)"},
                    kit::Filter{.name = "role_id",
                                .kind = kit::FilterKind::kInteger,
                                .sql = "EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = "
                                       "u.id AND ur.role_id = {})",
                                .doc = "Only holders of this role"});
}

// PUT /api/v1/users/{id}/roles: the roles the user holds afterwards (none: an empty list).
struct UserRoles {
  std::vector<std::int64_t> role_ids;
};

constexpr auto describe(kit::Tag<UserRoles> /*unused*/) {
  return kit::resource<UserRoles>(
      {.name = "UserRoles"},
      kit::field("role_ids", &UserRoles::role_ids).required().items(kit::max_of<User>("role_ids")));
}

// GET /api/v1/auth/me: the signed-in user and what they may do (every permission of the catalog
// for a superuser), so a client can hide what is not allowed.
struct Me : User {
  std::vector<std::string> permissions;
};

constexpr auto describe(kit::Tag<Me> /*unused*/) {
  return kit::extend<Me, User>(
      {.name = "Me", .noun = "user", .table = "users", .alias = "u"},
      kit::field("permissions", &Me::permissions)
          .expression("(SELECT array_agg(DISTINCT p.name ORDER BY p.name) FROM user_roles ur "
                      "JOIN role_permissions rp ON rp.role_id = ur.role_id JOIN permissions p ON "
                      "p.id = rp.permission_id WHERE ur.user_id = u.id)")
          .describe("Effective permissions, sorted: every permission of the catalog for a "
                    "superuser"));
}

}  // namespace qgp::model::identity
