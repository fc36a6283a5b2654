// Access control through the real binary: every non-public route of the OpenAPI document (the
// route table) answers 401 without a token and 403 without its permission; the users and roles
// administration works end to end and is audited.
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/identity/permissions.hpp"
#include "domain/identity/seed.hpp"
#include "support/api_session.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using Headers = std::vector<std::pair<std::string, std::string>>;

std::string with_ids(std::string path, const std::string& id = "1") {
  for (auto open = path.find('{'); open != std::string::npos; open = path.find('{')) {
    path.replace(open, path.find('}', open) - open + 1, id);
  }
  return path;
}

HttpResponse call(std::uint16_t port, const std::string& method, const std::string& path,
                  const nlohmann::json& body, Headers headers) {
  if (method == "GET" || method == "DELETE") {
    return http_request(port, method, path, {}, headers);
  }
  headers.emplace_back("Content-Type", "application/json");
  return http_request(port, method, path, body.dump(), headers);
}

class Rbac : public ::testing::Test {
 protected:
  TestDatabase database_;
  ServerProcess server_{api_server_env(database_)};
};

// Routes any signed-in user may call: their own session and profile. Every other protected route
// must declare a permission, so a new route that forgets one fails the walk below.
const std::set<std::string> kSelfServiceRoutes = {
    "GET /api/v1/auth/me",
    "POST /api/v1/auth/logout",
    "POST /api/v1/auth/change-password",
};

TEST_F(Rbac, EveryProtectedRouteRefusesAnonymousCallersAndCallersWithoutItsPermission) {
  const auto nobody = create_api_user(database_, server_.port(), {});
  const auto document = json_of(http_request(server_.port(), "GET", "/openapi.json"));
  std::map<std::string, ApiUser> holders;  // one user holding exactly each permission
  int protected_routes = 0;
  int permission_routes = 0;
  std::set<std::string> paths;
  std::set<std::string> self_service_seen;
  for (const auto& [path, operations] : document.at("paths").items()) {
    for (const auto& [method_lower, operation] : operations.items()) {
      if (operation.at("security").empty()) {
        continue;  // public by declaration (login, refresh, health, docs)
      }
      std::string method = method_lower;
      for (auto& c : method) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      }
      const auto route = method + " " + path;
      const auto target = with_ids(path);
      ++protected_routes;
      paths.insert(path);
      const auto anonymous = call(server_.port(), method, target, nlohmann::json::object(), {});
      EXPECT_EQ(anonymous.status, 401) << route;
      if (!operation.contains("x-required-permission")) {
        EXPECT_TRUE(kSelfServiceRoutes.contains(route))
            << route << " declares no permission and is not a self-service route";
        self_service_seen.insert(route);
        continue;
      }
      ++permission_routes;
      const auto permission = operation.at("x-required-permission").get<std::string>();
      EXPECT_TRUE(domain::identity::is_known_permission(permission)) << permission;
      const auto forbidden =
          call(server_.port(), method, target, nlohmann::json::object(), nobody.auth_header());
      EXPECT_EQ(forbidden.status, 403) << route << ": " << forbidden.body;
      // The permission is what opens the route: its holder gets past the check (to a 2xx, or a
      // 404/409/422 about the made-up id and empty body), never a 401 or 403. Ids that exist
      // nowhere, so no call changes a record the walk still relies on (the users above).
      auto holder = holders.find(permission);
      if (holder == holders.end()) {
        holder =
            holders.emplace(permission, create_api_user(database_, server_.port(), {permission}))
                .first;
      }
      const auto allowed = call(server_.port(), method, with_ids(path, "987654321"),
                                nlohmann::json::object(), holder->second.auth_header());
      EXPECT_NE(allowed.status, 401) << route << ": " << allowed.body;
      EXPECT_NE(allowed.status, 403) << route << " with " << permission << ": " << allowed.body;
      EXPECT_LT(allowed.status, 500) << route << " with " << permission << ": " << allowed.body;
    }
  }
  EXPECT_EQ(self_service_seen, kSelfServiceRoutes);
  EXPECT_GE(protected_routes, 15);
  EXPECT_GE(permission_routes, 12);
  EXPECT_TRUE(paths.contains("/api/v1/users"));
  EXPECT_TRUE(paths.contains("/api/v1/roles/{id}"));
  EXPECT_TRUE(paths.contains("/api/v1/audit-log"));
}

TEST_F(Rbac, AdministratorsManageUsersAndRolesAndEveryChangeIsAudited) {
  std::int64_t auditor_role = 0;
  {
    db::Connection connection(database_.url());
    db::Transaction transaction(connection);
    const auto first = domain::identity::seed_permission_catalog(transaction, core::Actor{});
    EXPECT_EQ(first.roles_created, 5);
    const auto again = domain::identity::seed_permission_catalog(transaction, core::Actor{});
    EXPECT_EQ(again.permissions_added + again.roles_created + again.role_grants_changed, 0);
    auditor_role = connection.exec("SELECT id FROM roles WHERE name = 'auditor'").int64(0, 0);
    transaction.commit();
  }
  const auto admin = create_api_user(database_, server_.port(),
                                     {"users:read", "users:admin", "roles:admin", "audit:read"});
  const auto port = server_.port();
  const auto weak = call(port, "POST", "/api/v1/users",
                         {{"email", "ann@example.test"},
                          {"password", "password1234"},
                          {"first_name", "Ann"},
                          {"last_name", "Auditor"}},
                         admin.auth_header());
  EXPECT_EQ(weak.status, 422);
  const auto created = call(port, "POST", "/api/v1/users",
                            {{"email", "ann@example.test"},
                             {"password", "a long and unusual passphrase"},
                             {"first_name", "Ann"},
                             {"last_name", "Auditor"},
                             {"role_ids", {auditor_role}}},
                            admin.auth_header());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto user = json_of(created);
  const auto id = user["id"].get<std::int64_t>();
  EXPECT_EQ(created.header("Location"), fmt::format("/api/v1/users/{}", id));
  EXPECT_EQ(user["roles"][0]["name"], "auditor");
  EXPECT_FALSE(created.body.find("argon2") != std::string::npos);
  EXPECT_EQ(call(port, "POST", "/api/v1/users",
                 {{"email", "ANN@example.test"},
                  {"password", "another long passphrase"},
                  {"first_name", "A"},
                  {"last_name", "B"}},
                 admin.auth_header())
                .status,
            409);

  const auto listed = json_of(
      http_request(port, "GET", "/api/v1/users?q=audit&is_active=true", {}, admin.auth_header()));
  EXPECT_EQ(listed["total"], 1);
  const auto stale =
      call(port, "PATCH", fmt::format("/api/v1/users/{}", id),
           {{"version", 99}, {"first_name", "Ann"}, {"last_name", "Other"}}, admin.auth_header());
  EXPECT_EQ(stale.status, 409);
  const auto patched = call(port, "PATCH", fmt::format("/api/v1/users/{}", id),
                            {{"version", user["version"]},
                             {"first_name", "Ann"},
                             {"last_name", "Lead Auditor"},
                             {"department", "Quality"}},
                            admin.auth_header());
  ASSERT_EQ(patched.status, 200) << patched.body;

  const auto role =
      call(port, "POST", "/api/v1/roles",
           {{"name", "Site inspector"}, {"permissions", {"audits:read", "audits:conduct"}}},
           admin.auth_header());
  ASSERT_EQ(role.status, 201) << role.body;
  const auto role_id = json_of(role)["id"].get<std::int64_t>();
  EXPECT_EQ(call(port, "POST", "/api/v1/roles", {{"name", "Bad"}, {"permissions", {"root:all"}}},
                 admin.auth_header())
                .status,
            422);
  EXPECT_EQ(call(port, "PUT", fmt::format("/api/v1/users/{}/roles", id), {{"role_ids", {role_id}}},
                 admin.auth_header())
                .status,
            200);
  EXPECT_EQ(http_request(port, "DELETE", fmt::format("/api/v1/roles/{}", role_id), {},
                         admin.auth_header())
                .status,
            409);  // still assigned
  const auto roles = json_of(http_request(port, "GET", "/api/v1/roles", {}, admin.auth_header()));
  const auto system_role = roles["items"][0];
  EXPECT_TRUE(system_role["is_system"].get<bool>());
  EXPECT_EQ(call(port, "PATCH", fmt::format("/api/v1/roles/{}", system_role["id"].get<int>()),
                 {{"name", "renamed"}, {"version", system_role["version"]}}, admin.auth_header())
                .status,
            409);

  // Disabling signs the user out everywhere, at once.
  const auto ann_login =
      call(port, "POST", "/api/v1/auth/login",
           {{"email", "ann@example.test"}, {"password", "a long and unusual passphrase"}}, {});
  ASSERT_EQ(ann_login.status, 200);
  const Headers ann = {
      {"Authorization", "Bearer " + json_of(ann_login)["access_token"].get<std::string>()}};
  EXPECT_EQ(http_request(port, "GET", "/api/v1/auth/me", {}, ann).status, 200);
  EXPECT_EQ(
      call(port, "POST", fmt::format("/api/v1/users/{}/disable", admin.id), {}, admin.auth_header())
          .status,
      409);  // not yourself
  EXPECT_EQ(call(port, "POST", fmt::format("/api/v1/users/{}/disable", id), {}, admin.auth_header())
                .status,
            200);
  EXPECT_EQ(http_request(port, "GET", "/api/v1/auth/me", {}, ann).status, 401);
  EXPECT_EQ(call(port, "POST", "/api/v1/auth/refresh",
                 {{"refresh_token", json_of(ann_login)["refresh_token"]}}, {})
                .status,
            401);

  const auto history = json_of(http_request(
      port, "GET", fmt::format("/api/v1/users/{}/history", id), {}, admin.auth_header()));
  std::vector<std::string> actions;
  for (const auto& entry : history["items"]) {
    actions.push_back(entry["action"].get<std::string>());
  }
  EXPECT_EQ(actions,
            (std::vector<std::string>{"create", "update", "update", "login", "transition"}))
      << history.dump();
  EXPECT_EQ(history["items"][1]["changes"]["last_name"]["after"], "Lead Auditor");
  EXPECT_EQ(history["items"][1]["actor_user_id"], admin.id);
  EXPECT_EQ(history["items"][2]["changes"]["roles"]["before"], "auditor");
  EXPECT_EQ(history["items"][2]["changes"]["roles"]["after"], "Site inspector");
}

}  // namespace
}  // namespace qgp::testing
