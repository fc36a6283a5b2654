// The identity and audit-trail declarations (model/identity, model/audit): what they render is
// exactly what OpenAPI documents, secrets are write-only everywhere, the signed-in user is a user
// plus permissions, and the audit entry's actions are the audit_log CHECK's. No database.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/enums.hpp"
#include "model/audit/entry.hpp"
#include "model/identity/auth.hpp"
#include "model/identity/role.hpp"
#include "model/identity/user.hpp"
#include "schema/builder.hpp"
#include "schema/tables.hpp"
#include "store/kit/rows.hpp"

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

template <class R>
json component(api::kit::Shape shape = api::kit::Shape::kRead) {
  http::SchemaRegistry schemas;
  const auto name = api::kit::add_component<R>(schemas, shape);
  return schemas.at(name);
}

// Every key rendered is a property of the read shape and required by it, and nothing else is.
template <class R>
void expect_rendered_as_documented(const R& row) {
  const auto schema = component<R>();
  const auto rendered = keys_of(api::kit::render(row));
  EXPECT_EQ(rendered, keys_of(schema["properties"]));
  std::set<std::string> required;
  for (const auto& key : schema["required"]) {
    required.insert(key.template get<std::string>());
  }
  EXPECT_EQ(rendered, required);
  EXPECT_EQ(schema["additionalProperties"], false);
}

model::identity::User sample_user() {
  model::identity::User user;
  user.id = 7;
  user.email = "ann@example.test";
  user.password = "a long and unusual passphrase";
  user.password_hash = "$argon2id$v=19$secret";
  user.first_name = "Ann";
  user.last_name = "Auditor";
  user.roles.text = R"([{"id": 2, "name": "auditor"}])";
  return user;
}

TEST(IdentityModel, EveryKeyAUserOrRoleRendersIsDocumented) {
  expect_rendered_as_documented(sample_user());
  model::identity::Me me;
  me.roles.text = "[]";
  me.permissions = {"audits:read"};
  expect_rendered_as_documented(me);
  EXPECT_EQ(keys_of(api::kit::render(me)).size(),
            keys_of(api::kit::render(sample_user())).size() + 1);  // a user plus permissions
  expect_rendered_as_documented(model::identity::Role{});
  expect_rendered_as_documented(model::identity::Permission{});
  expect_rendered_as_documented(model::identity::TokenPair{});
  model::audit::AuditEntry entry;
  entry.changes.text = "{}";
  expect_rendered_as_documented(entry);
  EXPECT_EQ(component<model::identity::User>()["properties"]["roles"]["items"]["$ref"],
            "#/components/schemas/RoleRef");
}

TEST(IdentityModel, PasswordsAndHashesAreNeverReadBackRenderedOrAudited) {
  const auto user = sample_user();
  const auto rendered = api::kit::render(user).dump();
  EXPECT_EQ(rendered.find("passphrase"), std::string::npos);
  EXPECT_EQ(rendered.find("argon2"), std::string::npos);
  EXPECT_EQ(rendered.find("\"password\""), std::string::npos);
  EXPECT_EQ(rendered.find("password_hash"), std::string::npos);
  const auto& select = store::kit::select_from<model::identity::User>();
  EXPECT_EQ(select.find("password_hash"), std::string::npos);
  EXPECT_EQ(select.find("\"password\""), std::string::npos);
  const auto audited = domain::common::created(user);
  for (const auto& change : audited.changes()) {
    EXPECT_NE(change.field, "password");
    EXPECT_NE(change.field, "password_hash");
  }
  // The create shape takes the password, write-only; no shape has the hash.
  const auto user_create = component<model::identity::User>(api::kit::Shape::kCreate);
  EXPECT_EQ(user_create["properties"]["password"]["writeOnly"], true);
  EXPECT_FALSE(user_create["properties"].contains("password_hash"));
  EXPECT_FALSE(
      component<model::identity::User>(api::kit::Shape::kPatch)["properties"].contains("password"));
  // The auth bodies as requests document them.
  const auto create = api::kit::Shape::kCreate;
  for (const auto& [name, shape] :
       {std::pair{"password", component<model::identity::LoginRequest>(create)},
        std::pair{"new_password", component<model::identity::ChangePasswordRequest>(create)},
        std::pair{"current_password", component<model::identity::ChangePasswordRequest>(create)},
        std::pair{"refresh_token", component<model::identity::RefreshRequest>(create)},
        std::pair{"refresh_token", component<model::identity::LogoutRequest>(create)}}) {
    EXPECT_EQ(shape.at("properties").at(name).at("writeOnly"), true) << name;
  }
}

TEST(IdentityModel, ALoginProblemNamesTheFieldNeverTheValue) {
  const std::string secret(1025, 'x');
  try {
    static_cast<void>(api::kit::parse_create<model::identity::LoginRequest>(
        {{"email", "ann@example.test"}, {"password", secret}}));
    ADD_FAILURE() << "a 1025-character password was accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("password"), "must be at most 1024 characters");
    EXPECT_EQ(std::string(e.what()).find("xxxx"), std::string::npos);
  }
}

TEST(IdentityModel, AuditActionsAreTheAuditLogChecksValues) {
  const auto& names = kit::kWireNames<model::audit::AuditAction>;
  const auto expected =
      schema::build::in_list("action", std::vector<std::string>(names.begin(), names.end()));
  bool found = false;
  for (const auto& table : schema::tables::audit_trail()) {
    for (const auto& check : table.checks) {
      if (table.name == "audit_log" && check.name == "audit_log_action_check") {
        found = true;
        EXPECT_EQ(check.expression, expected);
      }
    }
  }
  EXPECT_TRUE(found);
}

TEST(IdentityModel, UsersListByTheirOldFiltersAndSortKeys) {
  const auto& select = store::kit::select_from<model::identity::User>();
  EXPECT_NE(select.find("(SELECT coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'name', r.name) "
                        "ORDER BY lower(r.name), r.id), '[]'::jsonb) FROM roles r JOIN user_roles "
                        "ur ON ur.role_id = r.id WHERE ur.user_id = u.id)::text AS \"roles\""),
            std::string::npos)
      << select;
  const auto parameters = api::kit::list_parameters(api::kit::list_spec<model::identity::User>());
  std::set<std::string> names;
  for (const auto& parameter : parameters) {
    names.insert(parameter["name"].get<std::string>());
  }
  EXPECT_EQ(names, (std::set<std::string>{"page", "page_size", "exact_total", "sort", "q",
                                          "is_active", "department", "role_id"}));
  const auto sort =
      std::ranges::find_if(parameters, [](const json& p) { return p["name"] == "sort"; });
  EXPECT_EQ((*sort)["schema"]["pattern"],
            "^-?(email|last_name|last_login_at|created_at|updated_at)"
            "(,-?(email|last_name|last_login_at|created_at|updated_at))*$");
}

}  // namespace
}  // namespace qgp::testing
