#include "domain/identity/seed.hpp"

#include <vector>

#include "domain/identity/permissions.hpp"

namespace qgp::domain::identity {

store::identity::PermissionSyncResult seed_permission_catalog(db::Transaction& tx,
                                                              const core::Actor& actor) {
  std::vector<store::identity::CatalogPermission> permissions;
  permissions.reserve(permission_catalog().size());
  for (const auto& permission : permission_catalog()) {
    permissions.push_back({.name = permission.name, .description = permission.description});
  }
  std::vector<store::identity::CatalogRole> roles;
  roles.reserve(system_roles().size());
  for (const auto& role : system_roles()) {
    roles.push_back(
        {.name = role.name, .description = role.description, .permissions = role.permissions});
  }
  return store::identity::sync_permission_catalog(tx.connection(), actor, permissions, roles);
}

}  // namespace qgp::domain::identity
