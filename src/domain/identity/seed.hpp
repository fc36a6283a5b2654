#pragma once

#include "core/actor.hpp"
#include "store/identity/permission_sync.hpp"

namespace qgp::db {
class Connection;
}

namespace qgp::domain::identity {

// `qgp seed`'s identity step: writes the permission catalog (permissions.hpp) and reconciles the
// system roles to exactly their catalog permissions, audited, idempotent, in the CALLER's
// transaction.
store::identity::PermissionSyncResult seed_permission_catalog(db::Connection& connection,
                                                              const core::Actor& actor);

}  // namespace qgp::domain::identity
