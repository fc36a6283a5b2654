// A resource declared as another plus more fields (kit::extend: the signed-in user is a user plus
// their effective permissions): the base's fields keep their declaration, so nothing is written
// twice, and every face sees the extension whole. No database.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "kit/field.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_extend_test {

struct Member : kit::Record {
  std::string handle;
  std::string secret;
};
constexpr auto describe(kit::Tag<Member> /*unused*/) {
  return kit::record_resource<Member>(
      {.name = "Member", .table = "members", .alias = "m", .path = "/api/v1/members"},
      kit::field("handle", &Member::handle).text(2, 30).create_only(),
      kit::field("secret", &Member::secret).server().write_only());
}

struct Self : Member {
  std::vector<std::string> badges;
};
constexpr auto describe(kit::Tag<Self> /*unused*/) {
  return kit::extend<Self, Member>(
      {.name = "Self", .table = "members", .alias = "m"},
      kit::field("badges", &Self::badges)
          .expression("(SELECT array_agg(b.name ORDER BY b.name) FROM badges b "
                      "WHERE b.member_id = m.id)"));
}

TEST(KitExtend, TheExtensionIsTheBaseWithItsFieldsThenItsOwn) {
  static_assert(kit::field_count<Self>() == kit::field_count<Member>() + 1);
  static_assert(kit::max_of<Self>("handle") == 30 && kit::min_of<Self>("handle") == 2);
  Self self;
  self.id = 4;
  self.handle = "ann";
  self.secret = "hash";
  self.badges = {"first aid"};
  const auto rendered = api::kit::render(self);
  EXPECT_EQ(rendered["handle"], "ann");
  EXPECT_EQ(rendered["badges"], nlohmann::json::array({"first aid"}));
  EXPECT_FALSE(rendered.contains("secret"));
  EXPECT_EQ(rendered.size(), api::kit::render(static_cast<const Member&>(self)).size() + 1);

  const auto& select = store::kit::select_from<Self>();
  EXPECT_NE(select.find("m.handle AS \"handle\""), std::string::npos) << select;
  EXPECT_NE(select.find("AS \"badges\" FROM members m"), std::string::npos) << select;

  http::SchemaRegistry schemas;
  api::kit::add_component<Self>(schemas, api::kit::Shape::kRead);
  EXPECT_EQ(schemas.at("Self")["properties"]["handle"]["maxLength"], 30);
  EXPECT_TRUE(schemas.at("Self")["properties"].contains("badges"));
}

}  // namespace qgp::kit_extend_test
