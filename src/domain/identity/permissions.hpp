#pragma once

#include <span>
#include <string>
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

// What a user may do, sorted by name and without repeats: a superuser passes every permission
// check, so holds every permission of the catalog; anyone else holds the union of the
// permissions granted by their roles (`granted`, in any order, repeats allowed).
std::vector<std::string> effective_permissions(bool is_superuser, std::vector<std::string> granted);

// admin, quality_manager, auditor, contributor, viewer.
const std::vector<SystemRole>& system_roles();

}  // namespace qgp::domain::identity
