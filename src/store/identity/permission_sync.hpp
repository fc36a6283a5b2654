#pragma once

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

// Writes the permission catalog (domain/identity/permissions.hpp, static reference data) to the
// `permissions` table and reconciles the system roles to exactly their catalog permissions, with
// audit rows for every role created and every grant added or removed. Idempotent: a second run
// changes nothing and writes no audit rows. Runs in the CALLER's transaction.
PermissionSyncResult sync_permission_catalog(db::Connection& connection, const core::Actor& actor);

}  // namespace qgp::store::identity
