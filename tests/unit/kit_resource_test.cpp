// The resource kit's faces on a declaration made for the test: enums, parsing with every problem at
// once, PATCH semantics, rendering, the OpenAPI components, list parameters, the generated SQL and
// the audit change set. No database.
#include <cstdint>
#include <optional>
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
#include "kit/field.hpp"
#include "kit/text.hpp"
#include "store/kit/rows.hpp"

namespace qgp::kit_test {

QGP_KIT_ENUM(Colour, kDeepRed, kGreen, kBlue)

struct Part {
  std::string label;
  std::optional<kit::Decimal> weight;
};
constexpr auto describe(kit::Tag<Part> /*unused*/) {
  return kit::resource<Part>({.name = "Part"}, kit::field("label", &Part::label).text(1, 5),
                             kit::field("weight", &Part::weight).between(0, 10));
}

struct Gadget : kit::Record {
  std::string code;
  std::string name;
  std::optional<std::string> note;
  Colour colour = Colour::kGreen;
  bool active = true;
  int rank = 0;
  std::int64_t owner_id = 0;
  std::optional<kit::Date> due;
  std::vector<std::int64_t> tag_ids;
  std::vector<Part> parts;
};
constexpr auto describe(kit::Tag<Gadget> /*unused*/) {
  using kit::field;
  return kit::record_resource<Gadget>({.name = "Gadget",
                                       .noun = "gadget",
                                       .entity = "gadget",
                                       .table = "gadgets",
                                       .alias = "g",
                                       .where = "g.archived_at IS NULL",
                                       .order = "g.created_at DESC",
                                       .path = "/api/v1/gadgets"},
                                      field("code", &Gadget::code).server().search(),
                                      field("name", &Gadget::name).text(1, 10).sort().search(),
                                      field("note", &Gadget::note).text(1, 20),
                                      field("colour", &Gadget::colour).filter().sort().defaulted(),
                                      field("active", &Gadget::active).defaulted().filter(),
                                      field("rank", &Gadget::rank).range(0, 100).defaulted().sort(),
                                      field("owner_id", &Gadget::owner_id).create_only().filter(),
                                      field("due", &Gadget::due),
                                      field("tag_ids", &Gadget::tag_ids)
                                          .linked("gadget_tags", "gadget_id", "tag_id")
                                          .filter(),
                                      field("parts", &Gadget::parts).children("gadget_id"))
      .with_filters(kit::Filter{.name = "late",
                                .kind = kit::FilterKind::kFlag,
                                .sql = "g.due < current_date",
                                .doc = "true: only gadgets past due"});
}

namespace {

using nlohmann::json;

core::FieldErrors problems_of(const json& body, bool patch = false) {
  try {
    if (patch) {
      static_cast<void>(api::kit::parse_patch<Gadget>(body));
    } else {
      static_cast<void>(api::kit::parse_create<Gadget>(body));
    }
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(KitEnum, WireNamesComeFromTheEnumerators) {
  EXPECT_EQ(kit::enum_count<Colour>(), 3U);
  EXPECT_EQ(kit::wire_name(Colour::kDeepRed), "deep_red");
  EXPECT_EQ(kit::parse_enum<Colour>("blue"), Colour::kBlue);
  EXPECT_EQ(kit::parse_enum<Colour>("Blue"), std::nullopt);
  EXPECT_EQ(kit::enum_values<Colour>().back(), Colour::kBlue);
  static_assert(kit::wire_name(Colour::kGreen) == "green");
}

TEST(KitText, LimitsCountCodePointsNotBytes) {
  EXPECT_EQ(kit::code_points("Grüße"), 5U);
  // Ten code points (twelve bytes) fit a limit of ten; eleven do not.
  EXPECT_TRUE(problems_of({{"name", "Grüße12345"}, {"owner_id", 1}}).empty());
  EXPECT_EQ(problems_of({{"name", "Grüße123456"}, {"owner_id", 1}}).at("name"),
            "must be at most 10 characters");
  EXPECT_EQ(problems_of({{"name", "   "}, {"owner_id", 1}}).at("name"), "must not be blank");
  EXPECT_FALSE(kit::is_iso_date("2023-02-29"));
  EXPECT_TRUE(kit::is_iso_date("2024-02-29"));
}

TEST(KitParse, ACreateReportsEveryProblemAtOnce) {
  const auto problems = problems_of({{"name", ""},
                                     {"colour", "purple"},
                                     {"rank", 101},
                                     {"due", "2023-02-30"},
                                     {"parts", json::array({{{"label", "toolong"}}, 5})},
                                     {"tag_ids", json::array({1, -2})},
                                     {"code", "X"},
                                     {"extra", 1}});
  EXPECT_EQ(problems.at("name"), "must not be blank");
  EXPECT_EQ(problems.at("colour"), "must be one of: deep_red, green, blue");
  EXPECT_EQ(problems.at("rank"), "must be between 0 and 100");
  EXPECT_EQ(problems.at("due"), "must be a date YYYY-MM-DD");
  EXPECT_EQ(problems.at("parts[0].label"), "must be at most 5 characters");
  EXPECT_EQ(problems.at("parts[1]"), "must be an object, not a number");
  EXPECT_EQ(problems.at("tag_ids[1]"), "must be an integer >= 1");
  EXPECT_EQ(problems.at("code"), "is read-only (set by the server)");
  EXPECT_EQ(problems.at("extra"), "unknown field");
  EXPECT_EQ(problems.at("owner_id"), "is required");
  EXPECT_EQ(problems.size(), 10U);
}

TEST(KitParse, ACreateKeepsDefaultsAndSortsIdSets) {
  const auto gadget = api::kit::parse_create<Gadget>(
      {{"name", "Lamp"},
       {"owner_id", 3},
       {"tag_ids", json::array({5, 2, 5})},
       {"parts", json::array({{{"label", "bulb"}, {"weight", 0.25}}})}});
  EXPECT_EQ(gadget.colour, Colour::kGreen);
  EXPECT_TRUE(gadget.active);
  EXPECT_EQ(gadget.tag_ids, (std::vector<std::int64_t>{2, 5}));
  ASSERT_EQ(gadget.parts.size(), 1U);
  EXPECT_EQ(gadget.parts[0].weight, kit::Decimal{"0.25"});
}

TEST(KitParse, PatchSemanticsAbsentKeepsNullClearsValueReplaces) {
  const auto patch =
      api::kit::parse_patch<Gadget>({{"version", 4}, {"note", nullptr}, {"rank", 7}});
  EXPECT_EQ(patch.version, 4);
  EXPECT_TRUE(patch.has("note"));
  EXPECT_TRUE(patch.has("rank"));
  EXPECT_FALSE(patch.has("name"));
  Gadget before;
  before.name = "Lamp";
  before.note = "old";
  const auto after = kit::applied(before, patch);
  EXPECT_EQ(after.name, "Lamp");
  EXPECT_EQ(after.note, std::nullopt);
  EXPECT_EQ(after.rank, 7);

  const auto problems =
      problems_of({{"name", nullptr}, {"owner_id", 2}, {"code", "x"}, {"typo", 1}}, true);
  EXPECT_EQ(problems.at("version"), "is required: send the version you read");
  EXPECT_EQ(problems.at("name"), "cannot be null");
  EXPECT_EQ(problems.at("owner_id"), "cannot be changed after creation");
  EXPECT_EQ(problems.at("code"), "is read-only (set by the server)");
  EXPECT_EQ(problems.at("typo"), "unknown field");
}

TEST(KitRender, EveryDeclaredKeyInDeclarationOrder) {
  Gadget gadget;
  gadget.id = 9;
  gadget.name = "Lamp";
  gadget.colour = Colour::kDeepRed;
  gadget.due = kit::Date{"2030-01-31"};
  gadget.parts.push_back(Part{.label = "bulb", .weight = kit::Decimal{"12.50"}});
  const auto body = api::kit::render(gadget);
  EXPECT_EQ(body.size(), kit::field_count<Gadget>());
  EXPECT_EQ(body["colour"], "deep_red");
  EXPECT_EQ(body["note"], nullptr);
  EXPECT_EQ(body["due"], "2030-01-31");
  EXPECT_EQ(body["parts"][0]["weight"], 12.5);
  EXPECT_EQ(body["version"], 1);
}

TEST(KitOpenApi, ComponentsAreClosedAndRequireWhatTheParserRequires) {
  http::SchemaRegistry schemas;
  const auto read = api::kit::add_component<Gadget>(schemas, api::kit::Shape::kRead);
  const auto create = api::kit::add_component<Gadget>(schemas, api::kit::Shape::kCreate);
  const auto patch = api::kit::add_component<Gadget>(schemas, api::kit::Shape::kPatch);
  EXPECT_EQ(read, "Gadget");
  EXPECT_EQ(create, "GadgetCreate");
  const auto& r = schemas.at(read);
  EXPECT_EQ(r["additionalProperties"], false);
  EXPECT_EQ(r["required"].size(), kit::field_count<Gadget>());
  EXPECT_EQ(r["properties"]["code"]["readOnly"], true);
  EXPECT_EQ(r["properties"]["note"]["type"], json::array({"string", "null"}));
  EXPECT_EQ(r["properties"]["note"]["maxLength"], 20);
  EXPECT_EQ(r["properties"]["colour"]["enum"], json::array({"deep_red", "green", "blue"}));
  EXPECT_EQ(r["properties"]["parts"]["items"]["$ref"], "#/components/schemas/Part");
  const auto& c = schemas.at(create);
  EXPECT_EQ(c["required"], json::array({"name", "owner_id"}));
  EXPECT_FALSE(c["properties"].contains("code"));
  EXPECT_FALSE(c["properties"].contains("id"));
  const auto& p = schemas.at(patch);
  EXPECT_EQ(p["required"], json::array({"version"}));
  EXPECT_FALSE(p["properties"].contains("owner_id"));
  EXPECT_TRUE(schemas.contains("Part"));
}

TEST(KitList, ParametersAreTypedDocumentedAndNothingElseIsAccepted) {
  const auto& spec = api::kit::list_spec<Gadget>();
  const auto query = api::kit::parse_list(
      {{"colour", "blue"}, {"late", "true"}, {"sort", "-rank,name"}, {"page", "2"}, {"q", "la"}},
      spec);
  EXPECT_EQ(query.page, 2);
  ASSERT_EQ(query.sort.size(), 2U);
  EXPECT_TRUE(query.sort[0].descending);
  ASSERT_EQ(query.conditions.size(), 2U);
  EXPECT_EQ(query.q, "la");
  try {
    static_cast<void>(api::kit::parse_list({{"colour", "pink"},
                                            {"sort", "note"},
                                            {"page", "99999999999999999999"},
                                            {"active", "yes"},
                                            {"colours", "blue"}},
                                           spec));
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("colour"), "must be one of: deep_red, green, blue");
    EXPECT_NE(e.fields().at("sort").find("name, colour, rank"), std::string::npos);
    EXPECT_NE(e.fields().at("page").find("too large"), std::string::npos);
    EXPECT_EQ(e.fields().at("active"), "must be true or false");
    EXPECT_NE(e.fields().at("colours").find("unknown query parameter"), std::string::npos);
  }
  const auto parameters = api::kit::list_parameters(spec);
  std::vector<std::string> names;
  for (const auto& parameter : parameters) {
    names.push_back(parameter["name"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"page", "page_size", "exact_total", "sort", "q",
                                             "colour", "active", "owner_id", "tag_ids", "late"}));
}

TEST(KitStore, TheSelectListNamesEveryStoredField) {
  const auto& sql = store::kit::select_from<Gadget>();
  EXPECT_NE(sql.find("g.name AS \"name\""), std::string::npos);
  EXPECT_NE(sql.find("g.due::text AS \"due\""), std::string::npos);
  EXPECT_NE(sql.find("AT TIME ZONE 'UTC'"), std::string::npos);  // timestamps as RFC 3339
  EXPECT_NE(sql.find("FROM gadget_tags l WHERE l.gadget_id = g.id"), std::string::npos);
  EXPECT_EQ(sql.find("parts"), std::string::npos);  // children are the module's
  EXPECT_TRUE(sql.ends_with("FROM gadgets g"));
}

TEST(KitAudit, TheChangeSetIsTheDiffOfAuditedFields) {
  Gadget before;
  before.name = "Lamp";
  before.tag_ids = {1};
  Gadget after = before;
  after.name = "Lantern";
  after.tag_ids = {1, 2};
  after.version = 2;  // bookkeeping is not audited
  const auto changes = domain::common::changes(before, after).changes();
  ASSERT_EQ(changes.size(), 2U);
  EXPECT_EQ(changes[0].field, "name");
  EXPECT_EQ(std::get<std::string>(changes[1].after), "1,2");
  const auto created = domain::common::created(after).changes();
  std::vector<std::string> fields;
  for (const auto& change : created) {
    fields.push_back(change.field);
  }
  // Null and empty values are left out; the server-set code is audited.
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "name", "colour", "active", "rank",
                                              "owner_id", "tag_ids"}));
}

}  // namespace
}  // namespace qgp::kit_test
