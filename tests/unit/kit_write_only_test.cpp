// Write-only and required fields of the resource kit: a password a create body carries (consumed
// by the module, never stored by the kit) and a hash the module stores are never selected,
// rendered, documented in the read shape or audited; a list declared required() must be sent.
// No database.
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/field.hpp"
#include "store/kit/rows.hpp"
#include "store/kit/write.hpp"

namespace qgp::kit_write_only_test {

struct Account : kit::Record {
  std::string login;
  std::string password;
  std::string secret_hash;
  std::vector<std::int64_t> group_ids;
};
constexpr auto describe(kit::Tag<Account> /*unused*/) {
  using kit::field;
  return kit::record_resource<Account>(
      {.name = "Account",
       .noun = "account",
       .entity = "account",
       .table = "accounts",
       .alias = "a"},
      field("login", &Account::login).text(1, 20),
      field("password", &Account::password).computed().create_only().write_only().text(0, 64),
      field("secret_hash", &Account::secret_hash).server().write_only(),
      field("group_ids", &Account::group_ids)
          .linked("account_groups", "account_id", "group_id")
          .create_only()
          .required());
}

using nlohmann::json;

core::FieldErrors create_problems(const json& body) {
  try {
    static_cast<void>(api::kit::parse_create<Account>(body));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(KitWriteOnly, ACreateBodyCarriesThePasswordAndARequiredList) {
  const auto account = api::kit::parse_create<Account>(
      {{"login", "ann"}, {"password", "correct horse"}, {"group_ids", json::array()}});
  EXPECT_EQ(account.password, "correct horse");
  EXPECT_TRUE(account.group_ids.empty());
  EXPECT_EQ(create_problems({{"login", "ann"}, {"password", "x"}}).at("group_ids"), "is required");
  EXPECT_EQ(create_problems(
                {{"login", "ann"}, {"password", "x"}, {"group_ids", {1}}, {"secret_hash", "h"}})
                .at("secret_hash"),
            "is read-only (set by the server)");
  try {
    static_cast<void>(api::kit::parse_patch<Account>({{"version", 1}, {"password", "new one"}}));
    ADD_FAILURE() << "a PATCH changed the password";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("password"), "cannot be changed after creation");
  }
}

TEST(KitWriteOnly, NeitherIsRenderedNorSelected) {
  Account account;
  account.login = "ann";
  account.password = "correct horse";
  account.secret_hash = "$argon2id$...";
  const auto rendered = api::kit::render(account);
  EXPECT_FALSE(rendered.contains("password"));
  EXPECT_FALSE(rendered.contains("secret_hash"));
  EXPECT_EQ(rendered["login"], "ann");
  const auto& select = store::kit::select_from<Account>();
  EXPECT_EQ(select.find("password"), std::string::npos) << select;
  EXPECT_EQ(select.find("secret_hash"), std::string::npos) << select;
  // The hash is a column the module stores with the row; the password never is.
  EXPECT_TRUE(store::kit::written(std::get<3>(kit::kResource<Account>.fields)));
  EXPECT_FALSE(store::kit::written(std::get<2>(kit::kResource<Account>.fields)));
}

TEST(KitWriteOnly, OpenApiShowsThePasswordOnlyInTheCreateShapeAndMarksItWriteOnly) {
  http::SchemaRegistry schemas;
  api::kit::add_component<Account>(schemas, api::kit::Shape::kRead);
  api::kit::add_component<Account>(schemas, api::kit::Shape::kCreate);
  const auto& read = schemas.at("Account");
  EXPECT_FALSE(read["properties"].contains("password"));
  EXPECT_FALSE(read["properties"].contains("secret_hash"));
  for (const auto& key : read["required"]) {
    EXPECT_NE(key, "password");
  }
  const auto& create = schemas.at("AccountCreate");
  EXPECT_EQ(create["properties"]["password"]["writeOnly"], true);
  EXPECT_EQ(create["properties"]["password"]["maxLength"], 64);
  EXPECT_FALSE(create["properties"].contains("secret_hash"));
  EXPECT_EQ(create["required"], json::array({"login", "password", "group_ids"}));
}

TEST(KitWriteOnly, TheAuditTrailNeverRecordsThem) {
  Account before;
  before.login = "ann";
  auto after = before;
  after.password = "correct horse";
  after.secret_hash = "$argon2id$...";
  EXPECT_TRUE(domain::common::changes(before, after).empty());
  const auto created = domain::common::created(after).changes();
  ASSERT_EQ(created.size(), 1U);
  EXPECT_EQ(created[0].field, "login");
}

}  // namespace qgp::kit_write_only_test
