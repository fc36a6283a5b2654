#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace qgp::domain::identity {

// A named permission ("resource:verb") that routes require. The catalog below is the single
// source of truth: `qgp seed` writes it to the permissions table, and a test proves every route's
// permission is in it.
struct PermissionInfo {
  std::string_view name;
  std::string_view description;
};

// A role the product ships with. System roles are reconciled to exactly these permissions by
// `qgp seed` and cannot be edited or deleted through the API.
struct SystemRole {
  std::string_view name;
  std::string_view description;
  std::vector<std::string_view> permissions;
};

// Every permission the product knows, sorted by name.
std::span<const PermissionInfo> permission_catalog();
[[nodiscard]] bool is_known_permission(std::string_view name);

// admin, quality_manager, auditor, contributor, viewer.
const std::vector<SystemRole>& system_roles();

}  // namespace qgp::domain::identity
