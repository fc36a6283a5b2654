// A list filter on an instant (FilterKind::kTimestamp: the audit log's occurred_after): typed,
// validated as RFC 3339 with every field in range, documented as a date-time. No database.
#include <algorithm>
#include <cstdint>
#include <string>
#include <variant>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "core/errors.hpp"
#include "kit/field.hpp"

namespace qgp::kit_timestamp_filter_test {

struct Event {
  std::int64_t id = 0;
  kit::Timestamp at;
};
constexpr auto describe(kit::Tag<Event> /*unused*/) {
  return kit::resource<Event>({.name = "Event", .table = "events", .alias = "e"},
                              kit::field("id", &Event::id).server(),
                              kit::field("at", &Event::at).server().sort())
      .with_filters(kit::Filter{.name = "after",
                                .kind = kit::FilterKind::kTimestamp,
                                .sql = "e.at >= {}::timestamptz",
                                .doc = "Only events at or after this instant"});
}

core::FieldErrors problems_of(const http::QueryParams& params) {
  try {
    static_cast<void>(api::kit::parse_list(params, api::kit::list_spec<Event>()));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(KitTimestampFilter, AcceptsRfc3339InstantsOnly) {
  const auto& spec = api::kit::list_spec<Event>();
  const auto query = api::kit::parse_list({{"after", "2026-01-31T09:30:00.25+01:00"}}, spec);
  ASSERT_EQ(query.conditions.size(), 1U);
  EXPECT_EQ(std::get<std::string>(query.conditions[0].value), "2026-01-31T09:30:00.25+01:00");
  for (const auto* bad :
       {"2026-01-31", "2026-01-31 09:30:00Z", "2026-02-30T09:30:00Z", "2026-01-31T24:00:00Z",
        "2026-01-31T09:60:00Z", "2026-01-31T09:30:61Z", "2026-01-31T09:30:00+24:00", "yesterday"}) {
    EXPECT_EQ(problems_of({{"after", bad}}).at("after"),
              "must be a date-time (RFC 3339, e.g. 2026-01-31T09:30:00Z)")
        << bad;
  }
  EXPECT_TRUE(problems_of({{"after", "2026-12-31T23:59:60Z"}}).empty());
}

TEST(KitTimestampFilter, IsDocumentedAsADateTime) {
  const auto parameters = api::kit::list_parameters(api::kit::list_spec<Event>());
  const auto after = std::ranges::find_if(
      parameters, [](const nlohmann::json& p) { return p["name"] == "after"; });
  ASSERT_NE(after, parameters.end());
  EXPECT_EQ((*after)["schema"], nlohmann::json({{"type", "string"}, {"format", "date-time"}}));
  EXPECT_EQ((*after)["description"], "Only events at or after this instant");
}

TEST(KitTimestampFilter, ATimestampInABodyKeepsItsFieldsInRangeToo) {
  EXPECT_TRUE(api::kit::detail::is_rfc3339("2026-01-31T23:59:59Z"));
  EXPECT_FALSE(api::kit::detail::is_rfc3339("2026-01-31T23:59:59+05:60"));
  EXPECT_FALSE(api::kit::detail::is_rfc3339("2026-01-31T99:00:00Z"));
}

}  // namespace qgp::kit_timestamp_filter_test
