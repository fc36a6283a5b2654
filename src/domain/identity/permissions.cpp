#include "domain/identity/permissions.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace qgp::domain::identity {

namespace {

// Sorted by name (checked by a unit test) so lookups can binary-search.
constexpr std::array kPermissions = {
    PermissionInfo{.name = "actions:read", .description = "View corrective and preventive actions"},
    PermissionInfo{.name = "actions:verify",
                   .description = "Verify completed actions and review their effectiveness"},
    PermissionInfo{.name = "actions:write", .description = "Create, update and transition actions"},
    PermissionInfo{.name = "audit:read", .description = "Read the audit trail of every module"},
    PermissionInfo{.name = "audits:conduct",
                   .description = "Schedule, start, answer, complete and cancel audit runs"},
    PermissionInfo{.name = "audits:read",
                   .description = "View audit templates, runs and their results"},
    PermissionInfo{.name = "audits:write",
                   .description = "Build, publish, clone and archive audit templates"},
    PermissionInfo{.name = "collisions:read", .description = "View road traffic collisions"},
    PermissionInfo{.name = "collisions:write",
                   .description = "Report and update road traffic collisions"},
    PermissionInfo{.name = "complaints:read", .description = "View complaints"},
    PermissionInfo{.name = "complaints:write",
                   .description = "Log, update and transition complaints"},
    PermissionInfo{.name = "dashboards:read", .description = "View dashboards and KPIs"},
    PermissionInfo{.name = "findings:read", .description = "View audit findings"},
    PermissionInfo{.name = "findings:verify", .description = "Verify and close findings"},
    PermissionInfo{.name = "findings:write",
                   .description = "Raise, update and transition findings"},
    PermissionInfo{.name = "incidents:close_override",
                   .description = "Close an incident while actions linked to it are still open, "
                                  "giving the reason"},
    PermissionInfo{.name = "incidents:read", .description = "View incidents"},
    PermissionInfo{.name = "incidents:report",
                   .description = "Report an incident (the employee's report form)"},
    PermissionInfo{.name = "incidents:write",
                   .description = "Triage, update, decide on RIDDOR and transition incidents"},
    PermissionInfo{.name = "investigations:read",
                   .description = "View investigations (root cause analyses)"},
    PermissionInfo{.name = "investigations:signoff",
                   .description = "Sign off an investigation someone else led"},
    PermissionInfo{.name = "investigations:write",
                   .description = "Open, update and transition investigations"},
    PermissionInfo{.name = "policies:approve",
                   .description = "Approve and publish policy versions"},
    PermissionInfo{.name = "policies:read", .description = "View policies and documents"},
    PermissionInfo{.name = "policies:write",
                   .description = "Draft and update policies and documents"},
    PermissionInfo{
        .name = "reviews:approve",
        .description = "Approve the minutes of a management review someone else chaired"},
    PermissionInfo{.name = "reviews:read", .description = "View management reviews"},
    PermissionInfo{.name = "reviews:write",
                   .description = "Plan, record and transition management reviews"},
    PermissionInfo{.name = "risks:approve",
                   .description = "Approve risk assessments and acceptance"},
    PermissionInfo{.name = "risks:configure",
                   .description = "Replace the risk matrix (a new version)"},
    PermissionInfo{.name = "risks:read", .description = "View the risk register"},
    PermissionInfo{.name = "risks:write", .description = "Create, assess and update risks"},
    PermissionInfo{.name = "roles:admin", .description = "Create, update and delete custom roles"},
    PermissionInfo{.name = "standards:read",
                   .description = "View standards, clauses, controls and the SoA"},
    PermissionInfo{.name = "standards:write",
                   .description = "Maintain standards, clauses, controls and the SoA"},
    PermissionInfo{.name = "users:admin",
                   .description = "Create, update and disable users; assign roles"},
    PermissionInfo{.name = "users:read", .description = "View users and their roles"},
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
      kPermissions.begin(), kPermissions.end(), PermissionInfo{.name = name, .description = {}},
      [](const PermissionInfo& a, const PermissionInfo& b) { return a.name < b.name; });
}

std::vector<std::string> effective_permissions(bool is_superuser,
                                               std::vector<std::string> granted) {
  if (is_superuser) {
    granted.clear();
    for (const auto& permission : kPermissions) {
      granted.emplace_back(permission.name);
    }
  }
  std::sort(granted.begin(), granted.end());
  granted.erase(std::unique(granted.begin(), granted.end()), granted.end());
  return granted;
}

const std::vector<SystemRole>& system_roles() {
  static const std::vector<SystemRole> kRoles = {
      {.name = "admin",
       .description = "Full access, including users, roles and the audit trail",
       .permissions = all_except({})},
      {.name = "quality_manager",
       .description = "Runs the management system: every module, approvals and the audit trail",
       .permissions = all_except({"users:admin", "roles:admin"})},
      {.name = "auditor",
       .description = "Conducts audits and raises findings; reads everything else",
       .permissions = plus(module_reads(),
                           {"audit:read", "audits:conduct", "findings:write", "findings:verify"})},
      {.name = "contributor",
       .description = "Reports incidents, collisions and complaints; works on assigned actions",
       .permissions = plus(module_reads(), {"incidents:report", "incidents:write",
                                            "collisions:write", "complaints:write", "actions:write",
                                            "audits:conduct", "findings:write"})},
      {.name = "viewer",
       .description = "Read-only access to every business module",
       .permissions = module_reads()},
  };
  return kRoles;
}

}  // namespace qgp::domain::identity
