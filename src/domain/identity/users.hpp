#pragma once

// Users as administrators manage them (users:admin) and as `qgp user create` bootstraps them. The
// user is declared in model/identity/user.hpp; these are the module's own rules over the generic
// use cases (domain/common): passwords, roles, disabling. Every change runs in the caller's unit
// of work and writes one audit row.

#include <cstdint>
#include <vector>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/transaction.hpp"
#include "domain/identity/password.hpp"
#include "kit/patch.hpp"
#include "model/identity/user.hpp"

namespace qgp::domain::identity {

using model::identity::User;

// A new user checked for everything that needs no database, with the password already hashed
// (Argon2id is slow: it runs before any pooled connection or transaction is taken, ADR-0005).
struct PreparedUser {
  User user;                   // the password itself cleared, its hash set when there is no problem
  core::FieldErrors problems;  // no hash is computed when there are problems
};
[[nodiscard]] PreparedUser prepare_user(User user, const PasswordHashCost& cost);

// Checks the roles exist and reports every problem at once (prepare_user's and these) as one
// core::ValidationError, then creates the user, active, with its roles. A taken email (in any
// case) is a core::Conflict. The audit row names the roles, never the password or its hash.
User create_user(db::Transaction& tx, const core::Actor& actor, const PreparedUser& prepared);

// PATCH: the profile fields sent (null clears a nullable one), the version read.
User update_user(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const kit::Patch<User>& patch);

// Disabling ends every session of the user at once; nobody can disable their own account. The
// audit row is a transition with the sessions it revoked. Enabling again restores sign-in only.
User set_user_active(db::Transaction& tx, const core::Actor& actor, std::int64_t id, bool active);

// Replaces the user's roles (unknown role ids are a 422 naming them); audited as role_grant,
// role_revoke or update (both) with the role names before and after.
User set_user_roles(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                    std::vector<std::int64_t> role_ids);

}  // namespace qgp::domain::identity
