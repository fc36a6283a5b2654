#include "api/identity/admin_routes.hpp"

#include <utility>

#include "api/kit/routes.hpp"
#include "core/config.hpp"
#include "domain/identity/password.hpp"
#include "domain/identity/roles.hpp"
#include "domain/identity/users.hpp"
#include "http/server.hpp"
#include "kit/patch.hpp"
#include "model/identity/role.hpp"
#include "model/identity/user.hpp"

namespace qgp::api::identity {

namespace {

namespace admin = domain::identity;
using model::identity::Permission;
using model::identity::Role;
using model::identity::User;
using model::identity::UserRoles;

kit::Operation user_action(std::string pattern, std::string summary) {
  return kit::Operation{.method = "POST",
                        .pattern = std::move(pattern),
                        .summary = std::move(summary),
                        .permission = "users:admin",
                        .writes = true};
}

void register_user_routes(http::Server& server, const core::Config& config) {
  kit::Routes routes(server, "users");
  routes.list<User>("users:read", "Users: q (name or email), is_active, role_id, department; sort");
  routes.get<User>("users:read", "One user with their roles");
  // Argon2id first, holding no connection; then the unit of work (ADR-0005).
  routes.add<User, User>(
      kit::Operation{.method = "POST",
                     .pattern = "/api/v1/users",
                     .summary = "Create a user (password policy applies; roles by id)",
                     .permission = "users:admin",
                     .status = 201,
                     .connects_itself = true},
      [cost = admin::password_hash_cost(config)](kit::Call& call, const User& user) {
        const auto prepared = admin::prepare_user(user, cost);
        return call.unit_of_work(
            [&](db::Transaction& tx) { return admin::create_user(tx, call.actor(), prepared); });
      });
  routes.patch<User>(
      "users:admin",
      "Update a user's profile: the fields sent change (null clears a nullable one); send the "
      "version you read",
      [](kit::Call& call, const qgp::kit::Patch<User>& patch) {
        return admin::update_user(call.tx(), call.actor(), call.id(), patch);
      });
  // Kept as two routes, not a transition: see ADR-0010 (users have no status workflow).
  routes.add<kit::NoBody, User>(
      user_action("/api/v1/users/{id}/disable",
                  "Disable a user (never deleted): every session is revoked"),
      [](kit::Call& call) {
        return admin::set_user_active(call.tx(), call.actor(), call.id(), false);
      });
  routes.add<kit::NoBody, User>(
      user_action("/api/v1/users/{id}/enable", "Re-enable a disabled user"), [](kit::Call& call) {
        return admin::set_user_active(call.tx(), call.actor(), call.id(), true);
      });
  auto replace_roles = user_action("/api/v1/users/{id}/roles", "Replace a user's roles");
  replace_roles.method = "PUT";
  routes.add<UserRoles, User>(std::move(replace_roles), [](kit::Call& call, const UserRoles& body) {
    return admin::set_user_roles(call.tx(), call.actor(), call.id(), body.role_ids);
  });
  routes.history<User>("audit:read");
}

void register_role_routes(http::Server& server) {
  kit::Routes routes(server, "roles");
  routes.list<Role>("users:read", "Every role with its permissions (system roles first)");
  routes.get<Role>("users:read", "One role with its permissions");
  routes.create<Role>("roles:admin", "Create a custom role from catalog permissions",
                      [](kit::Call& call, const Role& role) {
                        return admin::create_role(call.tx(), call.actor(), role);
                      });
  routes.patch<Role>(
      "roles:admin",
      "Update a custom role (system roles are managed by qgp seed); send the version you read",
      [](kit::Call& call, const qgp::kit::Patch<Role>& patch) {
        return admin::update_role(call.tx(), call.actor(), call.id(), patch);
      });
  routes.add<kit::NoBody, kit::NoContent>(
      kit::Operation{.method = "DELETE",
                     .pattern = "/api/v1/roles/{id}",
                     .summary = "Delete an unassigned custom role",
                     .permission = "roles:admin",
                     .writes = true,
                     .status = 204},
      [](kit::Call& call) {
        admin::delete_role(call.tx(), call.actor(), call.id());
        return kit::NoContent{};
      });
  routes.list<Permission>(kit::Operation{.method = "GET",
                                         .pattern = "/api/v1/permissions",
                                         .summary = "The permission catalog",
                                         .permission = "users:read"},
                          [](kit::Call& /*call*/, const qgp::kit::ListQuery& query) {
                            return admin::permission_page(query);
                          });
  routes.history<Role>("audit:read");
}

}  // namespace

void register_admin_routes(http::Server& server, const core::Config& config) {
  register_user_routes(server, config);
  register_role_routes(server);
}

}  // namespace qgp::api::identity
