#include "store/identity/permission_sync.hpp"

#include <string>
#include <vector>

#include "db/connection.hpp"
#include "store/audit/audit_log_store.hpp"

namespace qgp::store::identity {

namespace {

void audit_role(db::Connection& connection, const core::Actor& actor, std::string action,
                std::int64_t role_id, audit::ChangeSet changes) {
  audit::append(connection, actor,
                audit::Entry{.action = std::move(action),
                             .entity_type = "role",
                             .entity_id = role_id,
                             .changes = std::move(changes).take(),
                             .note = "qgp seed: system role reconciled to the catalog"});
}

}  // namespace

PermissionSyncResult sync_permission_catalog(db::Connection& connection, const core::Actor& actor,
                                             std::span<const CatalogPermission> permissions,
                                             std::span<const CatalogRole> roles) {
  PermissionSyncResult result;
  for (const auto& permission : permissions) {
    const auto inserted = connection.exec_prepared(
        "INSERT INTO permissions (name, description) VALUES ($1, $2) "
        "ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description "
        "WHERE permissions.description IS DISTINCT FROM EXCLUDED.description "
        "RETURNING (xmax = 0)",
        db::Params(permission.name, permission.description));
    if (!inserted.empty() && inserted.boolean(0, 0)) {
      ++result.permissions_added;
    }
  }
  for (const auto& role : roles) {
    auto found = connection.exec_prepared("SELECT id FROM roles WHERE lower(name) = lower($1)",
                                          db::Params(role.name));
    std::int64_t role_id = 0;
    if (found.empty()) {
      role_id = connection
                    .exec_prepared(
                        "INSERT INTO roles (name, description, is_system) VALUES ($1, $2, true) "
                        "RETURNING id",
                        db::Params(role.name, role.description))
                    .int64(0, 0);
      ++result.roles_created;
      audit::ChangeSet changes;
      changes.set("name", std::string(role.name)).set("is_system", true);
      audit_role(connection, actor, "create", role_id, std::move(changes));
    } else {
      role_id = found.int64(0, 0);
      connection.exec_prepared(
          "UPDATE roles SET is_system = true, description = $2 WHERE id = $1 "
          "AND (NOT is_system OR description IS DISTINCT FROM $2)",
          db::Params(role_id, role.description));
    }
    std::vector<std::optional<std::string>> wanted(role.permissions.begin(),
                                                   role.permissions.end());
    const auto literal = db::text_array_literal(wanted);
    const auto granted = connection.exec_prepared(
        "INSERT INTO role_permissions (role_id, permission_id) "
        "SELECT $1, p.id FROM permissions p WHERE p.name = ANY($2::text[]) "
        "ON CONFLICT DO NOTHING RETURNING (SELECT name FROM permissions WHERE id = permission_id)",
        db::Params(role_id, literal));
    const auto revoked = connection.exec_prepared(
        "DELETE FROM role_permissions rp USING permissions p "
        "WHERE rp.role_id = $1 AND p.id = rp.permission_id AND NOT (p.name = ANY($2::text[])) "
        "RETURNING p.name",
        db::Params(role_id, literal));
    for (int row = 0; row < granted.rows(); ++row) {
      audit::ChangeSet changes;
      changes.set("permission", granted.string(row, 0));
      audit_role(connection, actor, "link", role_id, std::move(changes));
    }
    for (int row = 0; row < revoked.rows(); ++row) {
      audit::ChangeSet changes;
      changes.track("permission", revoked.string(row, 0), std::monostate{});
      audit_role(connection, actor, "unlink", role_id, std::move(changes));
    }
    result.role_grants_changed += granted.rows() + revoked.rows();
  }
  return result;
}

}  // namespace qgp::store::identity
