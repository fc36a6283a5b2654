// Identity and the audit trail on the resource kit, through the real `qgp serve`: every list
// answers the full envelope and bounds its pages (roles and permissions did not), unknown
// parameters are 422, limits count code points, problems are named by path, PATCH keeps what is
// absent and clears what is null, /openapi.json documents exactly the keys each handler renders,
// secrets never come back, and a record's history shows where a change came from only to
// holders of audit:read.
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/identity/permissions.hpp"
#include "store/audit/audit_log_store.hpp"
#include "support/api_session.hpp"
#include "support/json_api.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using nlohmann::json;

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) {
    keys.insert(item.key());
  }
  return keys;
}

class IdentityKitApi : public ::testing::Test {
 protected:
  HttpResponse get(const std::string& path, const ApiUser& user) {
    return http_request(server_.port(), "GET", path, {}, user.auth_header());
  }
  HttpResponse send(const std::string& method, const std::string& path, const json& body,
                    const ApiUser& user) {
    auto headers = user.auth_header();
    headers.emplace_back("Content-Type", "application/json");
    return http_request(server_.port(), method, path, body.dump(), headers);
  }
  json problems(const HttpResponse& response) {
    EXPECT_EQ(response.status, 422) << response.body;
    return json_of(response)["details"]["fields"];
  }
  // The properties of an OpenAPI component.
  std::set<std::string> documented(const std::string& component) {
    return keys_of(openapi_["components"]["schemas"][component]["properties"]);
  }

  TestDatabase database_;
  ServerProcess server_{api_server_env(database_)};
  ApiUser admin_ = create_api_user(database_, server_.port(),
                                   {"users:read", "users:admin", "roles:admin", "audit:read"});
  json openapi_ = json_of(http_request(server_.port(), "GET", "/openapi.json"));
};

TEST_F(IdentityKitApi, RolesAndPermissionsAnswerTheFullEnvelopeAndBoundTheirPages) {
  const auto far = json_of(get("/api/v1/roles?page=99999999999", admin_));
  EXPECT_TRUE(far["items"].empty()) << far.dump();  // not every row, as before
  EXPECT_EQ(keys_of(far),
            (std::set<std::string>{"items", "total", "total_exact", "page", "page_size", "pages"}));
  EXPECT_EQ(far["page"], 99999999999);
  EXPECT_GE(far["total"], 1);
  EXPECT_EQ(problems(get("/api/v1/roles?page=99999999999999999999", admin_))["page"],
            "is too large: pages are numbered 1 to 92233720368547758");

  const auto catalog = domain::identity::permission_catalog();
  const auto second = json_of(get("/api/v1/permissions?page=2&page_size=10", admin_));
  EXPECT_EQ(second["total"], catalog.size());
  EXPECT_EQ(second["pages"], (catalog.size() + 9) / 10);
  ASSERT_EQ(second["items"].size(), 10U);
  EXPECT_EQ(second["items"][0]["name"], std::string(catalog[10].name));
  EXPECT_EQ(second["items"][0]["description"], std::string(catalog[10].description));
  EXPECT_TRUE(json_of(get("/api/v1/permissions?page=99999999999", admin_))["items"].empty());
}

TEST_F(IdentityKitApi, EveryListRefusesUnknownParameters) {
  for (const auto* path :
       {"/api/v1/users?role=1", "/api/v1/roles?q=x", "/api/v1/permissions?name=x",
        "/api/v1/audit-log?entity=user", "/api/v1/audit-log?action=promote",
        "/api/v1/audit-log?occurred_after=yesterday"}) {
    EXPECT_EQ(get(path, admin_).status, 422) << path;
  }
  // A record's history takes the audit log's parameters but not the entity: its path names it.
  const auto history = fmt::format("/api/v1/users/{}/history", admin_.id);
  EXPECT_EQ(get(history + "?action=login", admin_).status, 200);
  EXPECT_EQ(
      problems(get(history + "?entity_type=role", admin_))["entity_type"].get<std::string>().find(
          "unknown query parameter"),
      0U);
}

TEST_F(IdentityKitApi, UsersAreCreatedPatchedAndRenderedAsDocumentedWithoutSecrets) {
  // 100 code points of two bytes each fit the limit of 100; 101 do not.
  std::string name;
  for (int i = 0; i < 100; ++i) {
    name += "é";
  }
  const json body = {{"email", "eve@example.test"},
                     {"password", "a long and unusual passphrase"},
                     {"first_name", name},
                     {"last_name", "Évian"}};
  auto longer = body;
  longer["first_name"] = name + "é";
  EXPECT_EQ(problems(send("POST", "/api/v1/users", longer, admin_))["first_name"],
            "must be at most 100 characters");
  const auto created = send("POST", "/api/v1/users", body, admin_);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto user = json_of(created);
  EXPECT_EQ(user["first_name"], name);
  EXPECT_EQ(user["full_name"], name + " Évian");
  EXPECT_EQ(user["roles"], json::array());
  EXPECT_EQ(created.body.find("password\""), std::string::npos);
  EXPECT_EQ(created.body.find("argon2"), std::string::npos);
  // Exactly the documented keys, here and on every read of a user.
  EXPECT_EQ(keys_of(user), documented("User"));
  const auto id = user["id"].get<std::int64_t>();
  const auto one = json_of(get(fmt::format("/api/v1/users/{}", id), admin_));
  EXPECT_EQ(keys_of(one), documented("User"));
  EXPECT_EQ(keys_of(json_of(get("/api/v1/users", admin_))["items"][0]), documented("User"));
  EXPECT_EQ(openapi_["components"]["schemas"]["UserCreate"]["properties"]["password"]["writeOnly"],
            true);
  EXPECT_EQ(openapi_.dump().find("password_hash"), std::string::npos);

  // PATCH: absent keeps, null clears a nullable field, null on a required one is refused, the
  // version is required.
  const auto path = fmt::format("/api/v1/users/{}", id);
  auto patched = send("PATCH", path, {{"version", 1}, {"department", "Quality"}}, admin_);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(json_of(patched)["first_name"], name);
  EXPECT_EQ(json_of(patched)["department"], "Quality");
  patched = send("PATCH", path, {{"version", 2}, {"department", nullptr}}, admin_);
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_TRUE(json_of(patched)["department"].is_null());
  EXPECT_EQ(problems(send("PATCH", path, {{"version", 3}, {"first_name", nullptr}},
                          admin_))["first_name"],
            "cannot be null");
  EXPECT_EQ(problems(send("PATCH", path, {{"last_name", "X"}}, admin_))["version"],
            "is required: send the version you read");
  EXPECT_EQ(
      problems(send("PATCH", path, {{"version", 3}, {"email", "x@example.test"}}, admin_))["email"],
      "cannot be changed after creation");

  // Problems inside a list are named by their path.
  const auto roles = problems(send("PUT", path + "/roles", {{"role_ids", {1, -2}}}, admin_));
  EXPECT_EQ(roles["role_ids[1]"], "must be an integer >= 1");
  EXPECT_EQ(problems(send("PUT", path + "/roles", json::object(), admin_))["role_ids"],
            "is required");

  // The audit trail records the creation, never the password or its hash.
  const auto history = json_of(get(path + "/history", admin_));
  ASSERT_GE(history["items"].size(), 1U);
  EXPECT_EQ(history["items"][0]["action"], "create");
  EXPECT_EQ(history.dump().find("passphrase"), std::string::npos);
  EXPECT_EQ(history.dump().find("argon2"), std::string::npos);
  EXPECT_EQ(keys_of(history["items"][0]), documented("AuditEntry"));
}

TEST_F(IdentityKitApi, MeIsTheUserWithTheirRolesAndEffectivePermissions) {
  const auto me = json_of(get("/api/v1/auth/me", admin_));
  EXPECT_EQ(keys_of(me), documented("Me"));
  auto user_keys = documented("User");
  user_keys.insert("permissions");
  EXPECT_EQ(keys_of(me), user_keys);
  EXPECT_EQ(me["id"], admin_.id);
  ASSERT_EQ(me["roles"].size(), 1U);
  EXPECT_TRUE(me["roles"][0].contains("id"));
  EXPECT_EQ(me["permissions"],
            json::array({"audit:read", "roles:admin", "users:admin", "users:read"}));

  const auto login =
      http_request(server_.port(), "POST", "/api/v1/auth/login",
                   json{{"email", admin_.email}, {"password", admin_.password}}.dump(),
                   {{"Content-Type", "application/json"}});
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(keys_of(json_of(login)), documented("TokenPair"));
  EXPECT_EQ(json_of(login)["token_type"], "bearer");
  EXPECT_EQ(login.header("Cache-Control"), "no-store");
  EXPECT_EQ(
      http_request(server_.port(), "POST", "/api/v1/auth/login",
                   json{{"email", admin_.email}}.dump(), {{"Content-Type", "application/json"}})
          .status,
      422);
}

TEST_F(IdentityKitApi, AHistoryShowsWhereAChangeCameFromOnlyToAuditReaders) {
  {
    db::Connection connection(database_.url());
    db::Transaction tx(connection);
    store::audit::ChangeSet first;
    first.set("title", std::string("ISO 9001"));
    store::audit::append(
        connection,
        core::Actor{.user_id = admin_.id, .request_id = "req-first", .client_address = "192.0.2.7"},
        store::audit::Entry{.action = "create",
                            .entity_type = "standard",
                            .entity_id = 424242,
                            .changes = std::move(first).take(),
                            .note = {}});
    store::audit::ChangeSet second;
    second.track("title", std::string("ISO 9001"), std::string("ISO 9001:2015"));
    store::audit::append(
        connection,
        core::Actor{
            .user_id = admin_.id, .request_id = "req-second", .client_address = "192.0.2.7"},
        store::audit::Entry{.action = "update",
                            .entity_type = "standard",
                            .entity_id = 424242,
                            .changes = std::move(second).take(),
                            .note = "the 2015 edition"});
    tx.commit();
  }
  const auto reader = create_api_user(database_, server_.port(), {"standards:read"});
  const auto auditor = create_api_user(database_, server_.port(), {"standards:read", "audit:read"});
  const std::string path = "/api/v1/standards/424242/history";
  const auto seen = json_of(get(path, auditor));
  ASSERT_EQ(seen["total"], 2) << seen.dump();
  EXPECT_EQ(seen["items"][0]["request_id"], "req-first");  // oldest first
  EXPECT_EQ(seen["items"][0]["client_address"], "192.0.2.7/32");
  EXPECT_EQ(seen["items"][1]["note"], "the 2015 edition");
  EXPECT_EQ(seen["items"][1]["changes"],
            json::parse(R"({"title": {"before": "ISO 9001", "after": "ISO 9001:2015"}})"));
  EXPECT_EQ(seen["items"][0]["actor_email"], admin_.email);
  EXPECT_TRUE(seen["items"][0]["note"].is_null());
  const auto withheld = json_of(get(path, reader));
  ASSERT_EQ(withheld["total"], 2);
  for (const auto& item : withheld["items"]) {
    EXPECT_TRUE(item["request_id"].is_null());
    EXPECT_TRUE(item["client_address"].is_null());
    EXPECT_EQ(item["actor_user_id"], admin_.id);  // who and what, still
  }
  EXPECT_EQ(json_of(get(path + "?sort=-id", auditor))["items"][0]["request_id"], "req-second");
  // The whole trail, for audit:read: filtered by entity and time.
  const auto log = json_of(get(
      "/api/v1/audit-log?entity_type=standard&entity_id=424242&occurred_after=2000-01-01T00:00:00Z",
      admin_));
  EXPECT_EQ(log["total"], 2);
  EXPECT_EQ(log["items"][0]["request_id"], "req-second");  // newest first
  EXPECT_EQ(get("/api/v1/audit-log", reader).status, 403);
}

}  // namespace
}  // namespace qgp::testing
