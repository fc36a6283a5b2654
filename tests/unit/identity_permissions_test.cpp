// The permission catalog is the single source of truth for route permissions and system roles.
#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/identity/permissions.hpp"

namespace qgp::domain::identity {
namespace {

TEST(PermissionCatalog, IsSortedUniqueAndWellFormed) {
  const auto catalog = permission_catalog();
  ASSERT_FALSE(catalog.empty());
  const std::regex shape("^[a-z][a-z0-9_]*:[a-z][a-z0-9_]*$");
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    EXPECT_TRUE(std::regex_match(std::string(catalog[i].name), shape)) << catalog[i].name;
    EXPECT_FALSE(catalog[i].description.empty()) << catalog[i].name;
    if (i > 0) {
      EXPECT_LT(catalog[i - 1].name, catalog[i].name) << "not sorted or duplicated";
    }
    EXPECT_TRUE(is_known_permission(catalog[i].name));
  }
  EXPECT_FALSE(is_known_permission("root:all"));
  EXPECT_FALSE(is_known_permission(""));
}

TEST(PermissionCatalog, SystemRolesUseOnlyCatalogPermissionsAndAdminHasThemAll) {
  std::set<std::string_view> names;
  for (const auto& role : system_roles()) {
    names.insert(role.name);
    for (const auto permission : role.permissions) {
      EXPECT_TRUE(is_known_permission(permission)) << role.name << ": " << permission;
    }
  }
  EXPECT_EQ(names, (std::set<std::string_view>{"admin", "auditor", "contributor", "quality_manager",
                                               "viewer"}));
  const auto& admin = system_roles().front();
  EXPECT_EQ(admin.name, "admin");
  EXPECT_EQ(admin.permissions.size(), permission_catalog().size());
  const auto viewer = std::find_if(system_roles().begin(), system_roles().end(),
                                   [](const SystemRole& r) { return r.name == "viewer"; });
  ASSERT_NE(viewer, system_roles().end());
  for (const auto permission : viewer->permissions) {
    EXPECT_TRUE(permission.ends_with(":read")) << permission;
    EXPECT_NE(permission, "audit:read");  // the trail and the directory are not for viewers
    EXPECT_NE(permission, "users:read");
  }
}

TEST(EffectivePermissions, ASuperuserHoldsTheWholeCatalogSorted) {
  std::vector<std::string> catalog;
  for (const auto& permission : permission_catalog()) {
    catalog.emplace_back(permission.name);
  }
  ASSERT_TRUE(std::is_sorted(catalog.begin(), catalog.end()));
  EXPECT_EQ(effective_permissions(true, {}), catalog);
  // Whatever the roles grant, nothing is repeated and nothing outside the catalog appears.
  EXPECT_EQ(effective_permissions(true, {"users:read", "users:read"}), catalog);
}

TEST(EffectivePermissions, OthersHoldTheSortedUnionOfTheirRoles) {
  EXPECT_EQ(effective_permissions(false, {"risks:read", "audits:read", "risks:read"}),
            (std::vector<std::string>{"audits:read", "risks:read"}));
  EXPECT_TRUE(effective_permissions(false, {}).empty());
}

}  // namespace
}  // namespace qgp::domain::identity
