#include "domain/identity/roles.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "domain/common/records.hpp"
#include "domain/identity/permissions.hpp"
#include "store/identity/directory_store.hpp"
#include "store/kit/write.hpp"

namespace qgp::domain::identity {

namespace {

// Catalog names only, each once and sorted (as the store reads them back).
std::vector<std::string> checked_permissions(std::vector<std::string> names) {
  for (const auto& name : names) {
    if (!is_known_permission(name)) {
      throw core::ValidationError("permissions", fmt::format("unknown permission {}", name));
    }
  }
  std::ranges::sort(names);
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

[[noreturn]] void name_taken(const Role& role) {
  throw core::Conflict(fmt::format("a role named {} already exists", role.name));
}

Role custom_role(db::Transaction& tx, std::int64_t id, std::string_view change) {
  auto role = common::lock<Role>(tx, id);
  if (role.is_system) {
    throw core::Conflict(
        fmt::format("system roles are managed by `qgp seed` and cannot be {}", change));
  }
  return role;
}

}  // namespace

Role create_role(db::Transaction& tx, const core::Actor& actor, Role role) {
  role.permissions = checked_permissions(std::move(role.permissions));
  role.is_system = false;
  std::int64_t id = 0;
  try {
    id = store::kit::insert(tx.connection(), role, actor);
  } catch (const db::UniqueViolation&) {
    name_taken(role);
  }
  store::identity::replace_role_permissions(tx.connection(), id, role.permissions);
  auto stored = common::get<Role>(tx.connection(), id);
  common::append_audit(tx, actor, "create", kit::meta<Role>().entity, id, common::created(stored));
  return stored;
}

Role update_role(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const kit::Patch<Role>& patch) {
  auto before = custom_role(tx, id, "edited");  // not const: returned unchanged by move
  common::check_version(before, patch.version);
  auto after = kit::applied(before, patch);
  after.permissions = checked_permissions(std::move(after.permissions));
  bool changed = false;
  try {
    changed = store::kit::update(tx.connection(), id, before, after, actor);
  } catch (const db::UniqueViolation&) {
    name_taken(after);
  }
  if (after.permissions != before.permissions) {
    store::identity::replace_role_permissions(tx.connection(), id, after.permissions);
    if (!changed) {
      store::identity::touch_role(tx.connection(), id, actor);
    }
    changed = true;
  }
  if (!changed) {
    return before;
  }
  auto stored = common::get<Role>(tx.connection(), id);
  common::append_audit(tx, actor, "update", kit::meta<Role>().entity, id,
                       common::changes(before, stored));
  return stored;
}

void delete_role(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  const auto before = custom_role(tx, id, "deleted");
  if (before.user_count > 0) {
    throw core::Conflict(fmt::format("role {} is still assigned to {} user(s); unassign it first",
                                     before.name, before.user_count));
  }
  store::identity::delete_role(tx.connection(), id);
  common::append_audit(tx, actor, "delete", kit::meta<Role>().entity, id, common::removed(before));
}

kit::Page<Permission> permission_page(const kit::ListQuery& query) {
  const auto catalog = permission_catalog();
  kit::Page<Permission> page;
  page.total = static_cast<std::int64_t>(catalog.size());
  for (auto at = query.offset(); at < page.total && at < query.offset() + query.page_size; ++at) {
    const auto& permission = catalog[static_cast<std::size_t>(at)];
    page.items.push_back(Permission{.name = std::string(permission.name),
                                    .description = std::string(permission.description)});
  }
  return page;
}

}  // namespace qgp::domain::identity
