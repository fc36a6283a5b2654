#pragma once

// Custom roles as administrators manage them (roles:admin) and the permission catalog they draw
// from. System roles are reconciled by `qgp seed` (domain/identity/seed.hpp) and refused here.
// Every change runs in the caller's unit of work and writes one audit row.

#include <cstdint>

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "model/identity/role.hpp"

namespace qgp::domain::identity {

using model::identity::Permission;
using model::identity::Role;

// A custom role from catalog permissions (an unknown one is a 422 naming it); a taken name, in any
// case, is a core::Conflict.
Role create_role(db::Transaction& tx, const core::Actor& actor, Role role);

// PATCH of a custom role (name, description, permissions), with the version read. A change of
// the permissions alone moves the version too.
Role update_role(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const kit::Patch<Role>& patch);

// Only an unassigned custom role can be deleted (core::Conflict otherwise).
void delete_role(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

// A page of the permission catalog, in name order.
kit::Page<Permission> permission_page(const kit::ListQuery& query);

}  // namespace qgp::domain::identity
