#include "domain/identity/directory.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/errors.hpp"
#include "db/errors.hpp"
#include "domain/identity/permissions.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/identity/auth_store.hpp"

namespace qgp::domain::identity {

namespace {

namespace directory = store::identity;
using store::audit::ChangeSet;
using store::audit::Value;

Value optional_text(const std::optional<std::string>& text) {
  return text ? Value(*text) : Value(std::monostate{});
}

std::string role_names(const std::vector<directory::RoleRef>& roles) {
  std::vector<std::string> names;
  names.reserve(roles.size());
  for (const auto& role : roles) {
    names.push_back(role.name);
  }
  return fmt::format("{}", fmt::join(names, ","));
}

void audit(db::Connection& connection, const core::Actor& actor, std::string action,
           std::string entity_type, std::int64_t id, ChangeSet changes) {
  store::audit::append(connection, actor,
                       store::audit::Entry{.action = std::move(action),
                                           .entity_type = std::move(entity_type),
                                           .entity_id = id,
                                           .changes = std::move(changes).take(),
                                           .note = {}});
}

directory::UserRecord locked_user(db::Connection& connection, std::int64_t id) {
  auto user = directory::find_user(connection, id, true);
  if (!user) {
    throw core::NotFound(fmt::format("user {} not found", id));
  }
  return *user;
}

directory::RoleRecord locked_role(db::Connection& connection, std::int64_t id) {
  auto role = directory::find_role(connection, id, true);
  if (!role) {
    throw core::NotFound(fmt::format("role {} not found", id));
  }
  return *role;
}

void check_version(std::int64_t stored, std::int64_t expected) {
  if (stored != expected) {
    throw core::Conflict(fmt::format(
        "the record was changed by someone else (version {} is current, {} was sent); reload it",
        stored, expected));
  }
}

void validate_role(const RoleInput& role) {
  core::FieldErrors errors;
  if (role.name.empty() || role.name.size() > 100) {
    errors["name"] = "must be 1-100 characters";
  }
  if (role.description && role.description->size() > 2000) {
    errors["description"] = "must be at most 2000 characters";
  }
  for (const auto& permission : role.permissions) {
    if (!is_known_permission(permission)) {
      errors["permissions"] = fmt::format("unknown permission {}", permission);
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

std::vector<std::string> sorted_unique(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

}  // namespace

directory::UserRecord update_user(db::Connection& connection, const core::Actor& actor,
                                  std::int64_t user_id, std::int64_t expected_version,
                                  const directory::UserProfileUpdate& update) {
  auto before = locked_user(connection, user_id);
  check_version(before.version, expected_version);
  ChangeSet changes;
  changes.track("first_name", before.first_name, update.first_name)
      .track("last_name", before.last_name, update.last_name)
      .track("job_title", optional_text(before.job_title), optional_text(update.job_title))
      .track("department", optional_text(before.department), optional_text(update.department))
      .track("phone", optional_text(before.phone), optional_text(update.phone));
  if (changes.empty()) {
    return before;
  }
  directory::update_user_profile(connection, user_id, update, actor.user_id.value_or(0));
  audit(connection, actor, "update", "user", user_id, std::move(changes));
  return *directory::find_user(connection, user_id);
}

directory::UserRecord set_user_active(db::Connection& connection, const core::Actor& actor,
                                      std::int64_t user_id, bool active) {
  auto before = locked_user(connection, user_id);
  if (!active && actor.user_id == user_id) {
    throw core::Conflict("you cannot disable your own account");
  }
  if (before.is_active == active) {
    return before;
  }
  directory::set_user_active(connection, user_id, active, actor.user_id.value_or(0));
  ChangeSet changes;
  changes.track("is_active", before.is_active, active);
  if (!active) {
    const auto revoked = store::identity::revoke_user_tokens(connection, user_id, "user_disabled");
    changes.set("sessions_revoked", revoked);
  }
  audit(connection, actor, "transition", "user", user_id, std::move(changes));
  return *directory::find_user(connection, user_id);
}

directory::UserRecord set_user_roles(db::Connection& connection, const core::Actor& actor,
                                     std::int64_t user_id,
                                     const std::vector<std::int64_t>& role_ids) {
  auto before = locked_user(connection, user_id);
  auto wanted = role_ids;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  const auto existing = directory::existing_role_ids(connection, wanted);
  if (existing.size() != wanted.size()) {
    std::vector<std::int64_t> missing;
    std::set_difference(wanted.begin(), wanted.end(), existing.begin(), existing.end(),
                        std::back_inserter(missing));
    throw core::ValidationError("role_ids",
                                fmt::format("unknown roles: {}", fmt::join(missing, ", ")));
  }
  std::vector<std::int64_t> had;
  had.reserve(before.roles.size());
  for (const auto& role : before.roles) {
    had.push_back(role.id);
  }
  std::sort(had.begin(), had.end());
  if (had == wanted) {
    return before;
  }
  const bool grants = std::any_of(wanted.begin(), wanted.end(), [&](std::int64_t id) {
    return !std::binary_search(had.begin(), had.end(), id);
  });
  const bool revokes = std::any_of(had.begin(), had.end(), [&](std::int64_t id) {
    return !std::binary_search(wanted.begin(), wanted.end(), id);
  });
  directory::replace_user_roles(connection, user_id, wanted);
  auto after = *directory::find_user(connection, user_id);
  ChangeSet changes;
  changes.track("roles", role_names(before.roles), role_names(after.roles));
  const char* action = grants && revokes ? "update" : (grants ? "role_grant" : "role_revoke");
  audit(connection, actor, action, "user", user_id, std::move(changes));
  return after;
}

std::int64_t create_role(db::Connection& connection, const core::Actor& actor,
                         const RoleInput& role) {
  validate_role(role);
  std::int64_t id = 0;
  try {
    id = directory::insert_role(connection, role.name, role.description, actor.user_id.value_or(0));
  } catch (const db::UniqueViolation&) {
    throw core::Conflict(fmt::format("a role named {} already exists", role.name));
  }
  const auto permissions = sorted_unique(role.permissions);
  directory::replace_role_permissions(connection, id, permissions);
  ChangeSet changes;
  changes.set("name", role.name)
      .set("description", optional_text(role.description))
      .set("permissions", fmt::format("{}", fmt::join(permissions, ",")));
  audit(connection, actor, "create", "role", id, std::move(changes));
  return id;
}

directory::RoleRecord update_role(db::Connection& connection, const core::Actor& actor,
                                  std::int64_t role_id, std::int64_t expected_version,
                                  const RoleInput& role) {
  auto before = locked_role(connection, role_id);
  if (before.is_system) {
    throw core::Conflict("system roles are managed by `qgp seed` and cannot be edited");
  }
  check_version(before.version, expected_version);
  validate_role(role);
  const auto permissions = sorted_unique(role.permissions);
  ChangeSet changes;
  changes.track("name", before.name, role.name)
      .track("description", optional_text(before.description), optional_text(role.description))
      .track("permissions", fmt::format("{}", fmt::join(before.permissions, ",")),
             fmt::format("{}", fmt::join(permissions, ",")));
  if (changes.empty()) {
    return before;
  }
  try {
    directory::update_role(connection, role_id, role.name, role.description,
                           actor.user_id.value_or(0));
  } catch (const db::UniqueViolation&) {
    throw core::Conflict(fmt::format("a role named {} already exists", role.name));
  }
  directory::replace_role_permissions(connection, role_id, permissions);
  audit(connection, actor, "update", "role", role_id, std::move(changes));
  return *directory::find_role(connection, role_id);
}

void delete_role(db::Connection& connection, const core::Actor& actor, std::int64_t role_id) {
  auto before = locked_role(connection, role_id);
  if (before.is_system) {
    throw core::Conflict("system roles are managed by `qgp seed` and cannot be deleted");
  }
  if (before.user_count > 0) {
    throw core::Conflict(fmt::format("role {} is still assigned to {} user(s); unassign it first",
                                     before.name, before.user_count));
  }
  directory::delete_role(connection, role_id);
  ChangeSet changes;
  changes.track("name", before.name, std::monostate{})
      .track("permissions", fmt::format("{}", fmt::join(before.permissions, ",")),
             std::monostate{});
  audit(connection, actor, "delete", "role", role_id, std::move(changes));
}

}  // namespace qgp::domain::identity
