// kit::Scalar, the member type whose JSON type depends on the row (boolean, number, string or
// null), through every face of the kit: parsing, rendering, OpenAPI, the store's tagged text and
// the audit trail; and Field::audited() for expressions a module writes itself.
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "core/errors.hpp"
#include "domain/common/records.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_scalar_test {
namespace {

using nlohmann::json;

struct Reply {
  kit::Scalar value;
  std::optional<std::string> note;
};

constexpr auto describe(kit::Tag<Reply> /*unused*/) {
  return kit::resource<Reply>({.name = "TestReply"},
                              kit::field("value", &Reply::value).text(1, 5).defaulted(),
                              kit::field("note", &Reply::note));
}

core::FieldErrors problems_of(const json& body) {
  try {
    (void)api::kit::parse_create<Reply>(body);
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  ADD_FAILURE() << "expected a ValidationError for " << body.dump();
  return {};
}

TEST(KitScalar, ParsesEachJsonTypeAndNull) {
  using api::kit::parse_create;
  EXPECT_EQ(parse_create<Reply>({{"value", true}}).value, kit::Scalar(true));
  EXPECT_EQ(parse_create<Reply>({{"value", 4}}).value, kit::Scalar(4.0));
  EXPECT_EQ(parse_create<Reply>({{"value", 2.5}}).value, kit::Scalar(2.5));
  EXPECT_EQ(parse_create<Reply>({{"value", "héllo"}}).value, kit::Scalar(std::string("héllo")));
  EXPECT_EQ(parse_create<Reply>({{"value", nullptr}}).value, kit::Scalar());
  EXPECT_EQ(parse_create<Reply>(json::object()).value, kit::Scalar());  // defaulted
}

TEST(KitScalar, RefusesOtherTypesAndAppliesTextLimitsInCodePoints) {
  EXPECT_EQ(problems_of({{"value", json::array()}}).at("value"),
            "must be a boolean, a number or a string, not an array");
  EXPECT_EQ(problems_of({{"value", {{"a", 1}}}}).at("value"),
            "must be a boolean, a number or a string, not an object");
  EXPECT_EQ(problems_of({{"value", "   "}}).at("value"), "must not be blank");
  EXPECT_EQ(problems_of({{"value", "abcdef"}}).at("value"), "must be at most 5 characters");
  EXPECT_NO_THROW((void)api::kit::parse_create<Reply>({{"value", "ééééé"}}));  // 5 code points
}

TEST(KitScalar, RendersAsItsOwnJsonType) {
  Reply reply;
  EXPECT_EQ(api::kit::render(reply).at("value"), json(nullptr));
  reply.value = false;
  EXPECT_EQ(api::kit::render(reply).at("value"), json(false));
  reply.value = 72.5;
  EXPECT_EQ(api::kit::render(reply).at("value"), json(72.5));
  reply.value = std::string("yes");
  EXPECT_EQ(api::kit::render(reply).at("value"), json("yes"));
}

TEST(KitScalar, OpenApiSaysEveryTypeItMayBe) {
  http::SchemaRegistry schemas;
  const auto name = api::kit::add_component<Reply>(schemas, api::kit::Shape::kRead);
  const auto& value = schemas.at(name).at("properties").at("value");
  EXPECT_EQ(value.at("type"), json::array({"boolean", "number", "string", "null"}));
  EXPECT_EQ(value.at("minLength"), 1);
  EXPECT_EQ(value.at("maxLength"), 5);
  // A request body: defaulted, so not required.
  http::SchemaRegistry requests;
  const auto create = api::kit::add_component<Reply>(requests, api::kit::Shape::kCreate);
  EXPECT_FALSE(requests.at(create).contains("required"));
}

TEST(KitScalar, TheStoreReadsTaggedText) {
  using store::kit::scalar_from_tagged;
  EXPECT_EQ(scalar_from_tagged("btrue"), kit::Scalar(true));
  EXPECT_EQ(scalar_from_tagged("bfalse"), kit::Scalar(false));
  EXPECT_EQ(scalar_from_tagged("n72.50"), kit::Scalar(72.5));
  EXPECT_EQ(scalar_from_tagged("n-3"), kit::Scalar(-3.0));
  EXPECT_EQ(scalar_from_tagged("s2024-02-29"), kit::Scalar(std::string("2024-02-29")));
  EXPECT_EQ(scalar_from_tagged("s"), kit::Scalar(std::string()));
  EXPECT_THROW((void)scalar_from_tagged(""), std::logic_error);
  EXPECT_THROW((void)scalar_from_tagged("byes"), std::logic_error);
  EXPECT_THROW((void)scalar_from_tagged("n12abc"), std::logic_error);
  EXPECT_THROW((void)scalar_from_tagged("x1"), std::logic_error);
}

TEST(KitScalar, TheAuditTrailRecordsNumbersExactlyAndNullAsNull) {
  using domain::common::audit_value;
  EXPECT_EQ(audit_value(kit::Scalar()), kit::Value());
  EXPECT_EQ(audit_value(kit::Scalar(true)), kit::Value(true));
  EXPECT_EQ(audit_value(kit::Scalar(4.0)), kit::Value(kit::Decimal{"4"}));
  EXPECT_EQ(audit_value(kit::Scalar(0.1)), kit::Value(kit::Decimal{"0.1"}));
  EXPECT_EQ(audit_value(kit::Scalar(std::string("no"))), kit::Value(std::string("no")));
}

TEST(KitScalar, AuditedPutsAnExpressionBackIntoTheAuditTrail) {
  constexpr auto kPlain = kit::field("value", &Reply::value).expression("x.v");
  constexpr auto kKept = kPlain.audited();
  static_assert(!domain::common::audited(kPlain));
  static_assert(domain::common::audited(kKept));
  static_assert(kKept.source == kit::Source::kExpression
                && kKept.write_access == kit::Access::kServer);
  Reply before;
  Reply after;
  after.value = 1.5;
  const auto changed = domain::common::changes(before, after).changes();
  ASSERT_EQ(changed.size(), 1U);
  EXPECT_EQ(changed[0].field, "value");
  EXPECT_EQ(changed[0].before, kit::Value());
  EXPECT_EQ(changed[0].after, kit::Value(kit::Decimal{"1.5"}));
}

}  // namespace
}  // namespace qgp::kit_scalar_test
