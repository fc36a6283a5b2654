#pragma once

// Roles and the permission catalog as the API shows them (ADR-0005, ADR-0010). The catalog itself
// is domain/identity/permissions.cpp; a role holds names from it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kit/field.hpp"

namespace qgp::model::identity {

struct Role : kit::Record {
  std::string name;
  std::optional<std::string> description;
  bool is_system = false;
  std::int64_t user_count = 0;
  std::vector<std::string> permissions;
};

constexpr auto describe(kit::Tag<Role> /*unused*/) {
  using kit::field;
  return kit::record_resource<Role>(
      {.name = "Role",
       .noun = "role",
       .entity = "role",
       .table = "roles",
       .alias = "r",
       .order = "r.is_system DESC, lower(r.name)",
       .path = "/api/v1/roles"},
      field("name", &Role::name)
          .text(1, 100)
          .sort_on("lower(r.name)")
          .describe("Unique case-insensitively (ux_roles_name)"),
      field("description", &Role::description).text(1, 2000),
      field("is_system", &Role::is_system)
          .server()
          .describe("Seeded role; cannot be edited or deleted through the API"),
      field("user_count", &Role::user_count)
          .expression("(SELECT count(*) FROM user_roles ur WHERE ur.role_id = r.id)")
          .describe("Users holding the role"),
      field("permissions", &Role::permissions)
          .expression("(SELECT array_agg(p.name ORDER BY p.name) FROM role_permissions rp "
                      "JOIN permissions p ON p.id = rp.permission_id WHERE rp.role_id = r.id)")
          .written_by_module()
          .items(200)
          .describe("Names from the permission catalog (GET /api/v1/permissions), sorted"));
}

// GET /api/v1/permissions: the catalog every role's permissions come from.
struct Permission {
  std::string name;
  std::string description;
};

constexpr auto describe(kit::Tag<Permission> /*unused*/) {
  return kit::resource<Permission>(
      {.name = "Permission", .noun = "permission", .path = "/api/v1/permissions"},
      kit::field("name", &Permission::name).server().describe("resource:verb"),
      kit::field("description", &Permission::description).server());
}

}  // namespace qgp::model::identity
