// Query parameters of an operation that is not a list (api::kit::Query<Q>): parsed by the
// declaration with every problem at once, documented as OpenAPI query parameters. No database.
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/query.hpp"
#include "core/errors.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"

namespace qgp::kit_query_test {

QGP_KIT_ENUM(Depth, kShallow, kDeep)

struct View {
  bool include_archived = false;
  std::optional<int> levels;
  std::optional<Depth> depth;
  std::optional<std::string> label;
};

constexpr auto describe(kit::Tag<View> /*unused*/) {
  using kit::field;
  return kit::resource<View>(
      {.name = "View"},
      field("include_archived", &View::include_archived).defaulted().describe("archived too"),
      field("levels", &View::levels).range(1, 10), field("depth", &View::depth),
      field("label", &View::label).text(1, 5));
}

namespace {

core::FieldErrors problems_of(const http::QueryParams& params) {
  try {
    static_cast<void>(api::kit::parse_query<View>(params));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(KitQuery, ParsesTheDeclaredParametersWithDefaultsForTheAbsentOnes) {
  const auto none = api::kit::parse_query<View>({}).values;
  EXPECT_FALSE(none.include_archived);
  EXPECT_FALSE(none.levels.has_value());
  const auto all =
      api::kit::parse_query<View>(
          {{"include_archived", "true"}, {"levels", "3"}, {"depth", "deep"}, {"label", "abc"}})
          .values;
  EXPECT_TRUE(all.include_archived);
  EXPECT_EQ(all.levels, 3);
  EXPECT_EQ(all.depth, Depth::kDeep);
  EXPECT_EQ(all.label, "abc");
}

TEST(KitQuery, ReportsEveryProblemAtOnce) {
  const auto problems = problems_of({{"include_archived", "yes"},
                                     {"levels", "11"},
                                     {"depth", "middle"},
                                     {"label", "toolong"},
                                     {"colour", "red"},
                                     {"levels2", "1"},
                                     {"levels2", "2"}});
  EXPECT_EQ(problems.at("include_archived"), "must be true or false");
  EXPECT_EQ(problems.at("levels"), "must be between 1 and 10");
  EXPECT_EQ(problems.at("depth"), "must be one of: shallow, deep");
  EXPECT_EQ(problems.at("label"), "must be at most 5 characters");
  EXPECT_EQ(problems.at("colour"),
            "unknown query parameter; this operation takes: include_archived, levels, depth, "
            "label");
  EXPECT_EQ(problems.at("levels2"), "must be given at most once");
  EXPECT_EQ(problems_of({{"levels", "2x"}}).at("levels"), "must be an integer");
}

TEST(KitQuery, DocumentsEachFieldAsAQueryParameter) {
  http::SchemaRegistry schemas;
  const auto parameters = api::kit::query_parameters<View>(schemas);
  ASSERT_EQ(parameters.size(), 4U);
  EXPECT_EQ(parameters[0], nlohmann::json({{"name", "include_archived"},
                                           {"in", "query"},
                                           {"required", false},
                                           {"schema", {{"type", "boolean"}}},
                                           {"description", "archived too"}}));
  EXPECT_EQ(parameters[1]["schema"]["maximum"], 10);
  EXPECT_EQ(parameters[2]["schema"]["enum"], nlohmann::json({"shallow", "deep", nullptr}));
}

}  // namespace
}  // namespace qgp::kit_query_test
