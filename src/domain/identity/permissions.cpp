#include "domain/identity/permissions.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace qgp::domain::identity {

namespace {

// Sorted by name (checked by a unit test) so lookups can binary-search.
constexpr std::array kPermissions = {
    PermissionInfo{"actions:read", "View corrective and preventive actions"},
    PermissionInfo{"actions:write", "Create, update and transition actions"},
    PermissionInfo{"audit:read", "Read the audit trail of every module"},
    PermissionInfo{"audits:conduct", "Schedule, start, answer, complete and cancel audit runs"},
    PermissionInfo{"audits:read", "View audit templates, runs and their results"},
    PermissionInfo{"audits:write", "Build, publish, clone and archive audit templates"},
    PermissionInfo{"collisions:read", "View road traffic collisions"},
    PermissionInfo{"collisions:write", "Report and update road traffic collisions"},
    PermissionInfo{"complaints:read", "View complaints"},
    PermissionInfo{"complaints:write", "Log, update and transition complaints"},
    PermissionInfo{"dashboards:read", "View dashboards and KPIs"},
    PermissionInfo{"findings:read", "View audit findings"},
    PermissionInfo{"findings:verify", "Verify and close findings"},
    PermissionInfo{"findings:write", "Raise, update and transition findings"},
    PermissionInfo{"incidents:read", "View incidents"},
    PermissionInfo{"incidents:write", "Report, update and transition incidents"},
    PermissionInfo{"policies:approve", "Approve and publish policy versions"},
    PermissionInfo{"policies:read", "View policies and documents"},
    PermissionInfo{"policies:write", "Draft and update policies and documents"},
    PermissionInfo{"risks:approve", "Approve risk assessments and acceptance"},
    PermissionInfo{"risks:read", "View the risk register"},
    PermissionInfo{"risks:write", "Create, assess and update risks"},
    PermissionInfo{"roles:admin", "Create, update and delete custom roles"},
    PermissionInfo{"standards:read", "View standards, clauses, controls and the SoA"},
    PermissionInfo{"standards:write", "Maintain standards, clauses, controls and the SoA"},
    PermissionInfo{"users:admin", "Create, update and disable users; assign roles"},
    PermissionInfo{"users:read", "View users and their roles"},
};

// Read access to the business modules; the audit trail and the user directory are not included.
std::vector<std::string_view> module_reads() {
  std::vector<std::string_view> names;
  for (const auto& permission : kPermissions) {
    if (permission.name.ends_with(":read") && permission.name != "audit:read"
        && permission.name != "users:read") {
      names.push_back(permission.name);
    }
  }
  return names;
}

std::vector<std::string_view> all_except(std::initializer_list<std::string_view> excluded) {
  std::vector<std::string_view> names;
  for (const auto& permission : kPermissions) {
    if (std::find(excluded.begin(), excluded.end(), permission.name) == excluded.end()) {
      names.push_back(permission.name);
    }
  }
  return names;
}

std::vector<std::string_view> plus(std::vector<std::string_view> names,
                                   std::initializer_list<std::string_view> more) {
  names.insert(names.end(), more.begin(), more.end());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::span<const PermissionInfo> permission_catalog() {
  return kPermissions;
}

bool is_known_permission(std::string_view name) {
  return std::binary_search(
      kPermissions.begin(), kPermissions.end(), PermissionInfo{name, {}},
      [](const PermissionInfo& a, const PermissionInfo& b) { return a.name < b.name; });
}

const std::vector<SystemRole>& system_roles() {
  static const std::vector<SystemRole> kRoles = {
      {"admin", "Full access, including users, roles and the audit trail", all_except({})},
      {"quality_manager", "Runs the management system: every module, approvals and the audit trail",
       all_except({"users:admin", "roles:admin"})},
      {"auditor", "Conducts audits and raises findings; reads everything else",
       plus(module_reads(), {"audit:read", "audits:conduct", "findings:write", "findings:verify"})},
      {"contributor", "Reports incidents, collisions and complaints; works on assigned actions",
       plus(module_reads(), {"incidents:write", "collisions:write", "complaints:write",
                             "actions:write", "audits:conduct", "findings:write"})},
      {"viewer", "Read-only access to every business module", module_reads()},
  };
  return kRoles;
}

}  // namespace qgp::domain::identity
