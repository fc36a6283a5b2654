#pragma once

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "store/identity/permission_sync.hpp"

namespace qgp::domain::identity {

// `qgp seed`'s identity step: writes the permission catalog (permissions.hpp) and reconciles the
// system roles to exactly their catalog permissions, audited, idempotent, in the caller's unit of
// work (the CLI's).
store::identity::PermissionSyncResult seed_permission_catalog(db::Transaction& tx,
                                                              const core::Actor& actor);

}  // namespace qgp::domain::identity
