#pragma once

#include <span>
#include <string_view>

#include "core/actor.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::store::identity {

struct PermissionSyncResult {
  int permissions_added = 0;
  int roles_created = 0;
  int role_grants_changed = 0;  // grants added plus grants removed on system roles
};

// What the domain's catalog says, in the store's own terms (the store does not know the domain).
struct CatalogPermission {
  std::string_view name;
  std::string_view description;
};
struct CatalogRole {
  std::string_view name;
  std::string_view description;
  std::span<const std::string_view> permissions;
};

// Writes `permissions` to the `permissions` table and reconciles each of `roles` (system roles) to
// exactly its permissions, with audit rows for every role created and every grant added or
// removed. Idempotent: a second run with the same catalog changes nothing and writes no audit
// rows. Runs in the CALLER's transaction.
PermissionSyncResult sync_permission_catalog(db::Connection& connection, const core::Actor& actor,
                                             std::span<const CatalogPermission> permissions,
                                             std::span<const CatalogRole> roles);

}  // namespace qgp::store::identity
