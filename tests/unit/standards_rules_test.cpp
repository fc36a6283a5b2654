// Pure rules of the standards module and what its declarations make of requests: SoA validation,
// codes and numbers, text limits in code points, PATCH semantics, the clause tree, the OpenAPI
// shapes of what the routes render, and the CSV export.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/list.hpp"
#include "api/kit/openapi.hpp"
#include "api/standards/csv.hpp"
#include "core/errors.hpp"
#include "domain/standards/rules.hpp"
#include "model/standards/clause.hpp"
#include "model/standards/control.hpp"
#include "model/standards/soa.hpp"
#include "model/standards/standard.hpp"
#include "model/standards/tree.hpp"

namespace qgp::domain::standards {
namespace {

using model::standards::Clause;
using model::standards::ClauseTreeNode;
using model::standards::Control;
using model::standards::ImplementationStatus;
using model::standards::SoaEntry;
using model::standards::Standard;
using nlohmann::json;

SoaEntry decision(bool applicable, std::optional<std::string> justification,
                  ImplementationStatus status) {
  SoaEntry entry;
  entry.is_applicable = applicable;
  entry.justification = std::move(justification);
  entry.implementation_status = status;
  return entry;
}

TEST(StandardsSoaRules, ExcludedControlNeedsJustificationAndNotApplicableStatus) {
  EXPECT_TRUE(
      validate_soa(decision(true, std::nullopt, ImplementationStatus::kImplemented)).empty());
  EXPECT_TRUE(
      validate_soa(decision(false, "no physical premises", ImplementationStatus::kNotApplicable))
          .empty());

  const auto missing =
      validate_soa(decision(false, std::nullopt, ImplementationStatus::kNotApplicable));
  EXPECT_EQ(missing.size(), 1U);
  EXPECT_TRUE(missing.contains("justification"));
  EXPECT_TRUE(validate_soa(decision(false, " \t", ImplementationStatus::kNotApplicable))
                  .contains("justification"));  // blank is no justification

  const auto wrong_status =
      validate_soa(decision(false, "out of scope", ImplementationStatus::kImplemented));
  EXPECT_TRUE(wrong_status.contains("implementation_status"));
  EXPECT_FALSE(wrong_status.contains("justification"));

  const auto reserved =
      validate_soa(decision(true, std::nullopt, ImplementationStatus::kNotApplicable));
  EXPECT_TRUE(reserved.contains("implementation_status"));
}

TEST(StandardsSoaRules, DefaultStatusFollowsApplicability) {
  using S = ImplementationStatus;
  EXPECT_EQ(default_implementation_status(false, std::nullopt), S::kNotApplicable);
  EXPECT_EQ(default_implementation_status(false, S::kImplemented), S::kNotApplicable);
  EXPECT_EQ(default_implementation_status(true, std::nullopt), S::kNotImplemented);
  EXPECT_EQ(default_implementation_status(true, S::kPlanned), S::kPlanned);
  // Re-including an excluded control must not keep the reserved status.
  EXPECT_EQ(default_implementation_status(true, S::kNotApplicable), S::kNotImplemented);
}

core::FieldErrors standard_problems(const json& changes) {
  json body = {{"code", "ISO22301"},
               {"name", "ISO 22301"},
               {"full_name", "ISO 22301:2019 Business continuity"},
               {"edition", "2019"}};
  body.update(changes);
  try {
    static_cast<void>(api::kit::parse_create<Standard>(body));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

core::FieldErrors clause_problems(const json& number) {
  try {
    static_cast<void>(
        api::kit::parse_create<Clause>({{"clause_number", number}, {"title", "A clause"}}));
  } catch (const core::ValidationError& e) {
    return e.fields();
  }
  return {};
}

TEST(StandardsRequests, NumbersAndCodesFollowTheDatabaseChecks) {
  for (const auto* good : {"4", "7.5.1", "A.5.37", "10", "8.1.4.3", " 7.5 "}) {
    EXPECT_TRUE(clause_problems(good).empty()) << good;
  }
  for (const auto* bad : {".4", "4.", "4..1", "4 1", "7.5-1"}) {
    EXPECT_EQ(clause_problems(bad).at("clause_number"),
              "must be dotted letters and digits, e.g. 7.5.1")
        << bad;
  }
  EXPECT_EQ(clause_problems("").at("clause_number"), "must not be blank");
  EXPECT_EQ(clause_problems("123456789012345678901").at("clause_number"),
            "must be at most 20 characters");
  for (const auto* good : {"ISO9001", "iso-27001:2022", "X_1.2"}) {
    EXPECT_TRUE(standard_problems({{"code", good}}).empty()) << good;
  }
  for (const auto* bad : {"-ISO", "ISO 9001", "ISO/9001", "A234567890123456789012345678901"}) {
    EXPECT_TRUE(standard_problems({{"code", bad}}).contains("code")) << bad;
  }
}

TEST(StandardsRequests, EveryProblemOfABodyAtOnceWithLimitsInCodePoints) {
  // 200 code points of two bytes each fit the name; 201 do not.
  std::string name;
  for (int i = 0; i < 200; ++i) {
    name += "\u00e9";
  }
  EXPECT_TRUE(standard_problems({{"name", name}}).empty());
  const auto problems = standard_problems({{"name", name + "\u00e9"},
                                           {"edition", "   "},
                                           {"effective_date", "2023-02-29"},
                                           {"is_active", "yes"},
                                           {"clause_count", 3},
                                           {"colour", "blue"}});
  EXPECT_EQ(problems.at("name"), "must be at most 200 characters");
  EXPECT_EQ(problems.at("edition"), "must not be blank");
  EXPECT_EQ(problems.at("effective_date"), "must be a date YYYY-MM-DD");
  EXPECT_EQ(problems.at("is_active"), "must be a boolean, not a string");
  EXPECT_EQ(problems.at("clause_count"), "is read-only (set by the server)");
  EXPECT_EQ(problems.at("colour"), "unknown field");
  EXPECT_EQ(problems.size(), 6U);
}

TEST(StandardsRequests, CalendarDatesAreRealDates) {
  EXPECT_TRUE(standard_problems({{"effective_date", "2024-02-29"}}).empty());
  for (const auto* bad : {"2023-02-29", "2023-13-01", "2023-1-01", "20230101", "+023-01-01"}) {
    EXPECT_TRUE(standard_problems({{"effective_date", bad}}).contains("effective_date")) << bad;
  }
}

TEST(StandardsRequests, TextIsTrimmedAndBlankRefused) {
  const auto standard = api::kit::parse_create<Standard>({{"code", " ISO22301 "},
                                                          {"name", "  ISO 22301 "},
                                                          {"full_name", "Business continuity"},
                                                          {"edition", "2019"},
                                                          {"description", " keep me  "}});
  EXPECT_EQ(standard.code, "ISO22301");
  EXPECT_EQ(standard.name, "ISO 22301");
  EXPECT_EQ(standard.description, "keep me");
  EXPECT_EQ(standard_problems({{"description", " \n "}}).at("description"), "must not be blank");
}

TEST(StandardsRequests, PatchKeepsAbsentFieldsClearsNullableOnesAndNeedsTheVersion) {
  const auto patch =
      api::kit::parse_patch<Standard>({{"version", 3}, {"description", nullptr}, {"name", "New"}});
  EXPECT_EQ(patch.version, 3);
  EXPECT_TRUE(patch.has("description"));
  EXPECT_TRUE(patch.has("name"));
  EXPECT_FALSE(patch.has("full_name"));
  Standard before;
  before.description = "old";
  before.full_name = "kept";
  const auto after = kit::applied(before, patch);
  EXPECT_EQ(after.description, std::nullopt);
  EXPECT_EQ(after.full_name, "kept");
  EXPECT_EQ(after.name, "New");
  try {
    static_cast<void>(
        api::kit::parse_patch<Standard>({{"name", nullptr}, {"code", "NEW"}, {"level", 2}}));
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_EQ(e.fields().at("name"), "cannot be null");
    EXPECT_EQ(e.fields().at("code"), "cannot be changed after creation");
    EXPECT_EQ(e.fields().at("version"), "is required: send the version you read");
    EXPECT_EQ(e.fields().at("level"), "unknown field");
  }
}

// The keys a rendered record carries are exactly the properties its OpenAPI component declares,
// all required (the response validator holds the routes to it).
template <class R>
void expect_rendered_as_declared(const R& row) {
  http::SchemaRegistry schemas;
  const std::string name = api::kit::add_component<R>(schemas, api::kit::Shape::kRead);
  const json& schema = schemas.at(name);
  std::set<std::string> declared;
  for (const auto& item : schema.at("properties").items()) {
    declared.insert(item.key());
  }
  std::set<std::string> required(schema.at("required").begin(), schema.at("required").end());
  std::set<std::string> rendered;
  const json body = api::kit::render(row);
  for (const auto& item : body.items()) {
    rendered.insert(item.key());
  }
  EXPECT_EQ(rendered, declared) << name;
  EXPECT_EQ(required, declared) << name;
  EXPECT_FALSE(schema.at("additionalProperties").get<bool>()) << name;
}

TEST(StandardsOpenApi, EveryRenderedKeyIsDeclared) {
  expect_rendered_as_declared(model::standards::StandardDetail{});
  expect_rendered_as_declared(model::standards::StandardTree{});
  expect_rendered_as_declared(model::standards::ClauseTreeNode{});
  expect_rendered_as_declared(model::standards::MappedClause{});
  expect_rendered_as_declared(model::standards::ClauseMapping{});
  expect_rendered_as_declared(model::standards::SoaLine{});
  expect_rendered_as_declared(SoaEntry{});
  expect_rendered_as_declared(Control{});
  http::SchemaRegistry schemas;
  api::kit::add_component<model::standards::StandardTree>(schemas, api::kit::Shape::kRead);
  // Nested collections are typed: the tree's clauses, their sub-clauses and controls.
  EXPECT_EQ(schemas.at("StandardTree")["properties"]["clauses"]["items"]["$ref"],
            "#/components/schemas/ClauseTreeNode");
  EXPECT_EQ(schemas.at("ClauseTreeNode")["properties"]["children"]["items"]["$ref"],
            "#/components/schemas/ClauseTreeNode");
  EXPECT_EQ(schemas.at("ClauseTreeNode")["properties"]["controls"]["items"]["$ref"],
            "#/components/schemas/Control");
  EXPECT_EQ(schemas.at("Control")["properties"]["theme"]["enum"],
            json({"organizational", "people", "physical", "technological", nullptr}));
}

TEST(StandardsLists, ParametersComeFromTheDeclarations) {
  const auto& soa = api::kit::list_spec<model::standards::SoaLine>();
  const auto query = api::kit::parse_list(
      {{"theme", "physical"}, {"is_applicable", "false"}, {"sort", "-updated_at,control_number"}},
      soa);
  EXPECT_EQ(query.conditions.size(), 2U);
  EXPECT_EQ(query.sort.size(), 2U);
  EXPECT_THROW(api::kit::parse_list({{"implementation_status", "done"}}, soa),
               core::ValidationError);
  EXPECT_THROW(api::kit::parse_list({{"owner", "1"}}, soa), core::ValidationError);
  const auto& mapped = api::kit::list_spec<model::standards::MappedClause>();
  EXPECT_EQ(mapped.sortable,
            (std::vector<std::string_view>{"mapping_type", "standard_code", "clause_number"}));
  EXPECT_TRUE(mapped.filters.empty());
  EXPECT_THROW(api::kit::parse_list({{"q", "7.5"}}, mapped), core::ValidationError);
}

Clause clause(std::int64_t id, std::optional<std::int64_t> parent, std::string number) {
  Clause row;
  row.id = id;
  row.parent_clause_id = parent;
  row.clause_number = std::move(number);
  return row;
}

TEST(StandardsTree, NestsChildrenInInputOrderAndAttachesControls) {
  const std::vector<Clause> clauses = {clause(1, std::nullopt, "4"), clause(2, 1, "4.1"),
                                       clause(3, 1, "4.2"), clause(4, 3, "4.2.1"),
                                       clause(5, std::nullopt, "A.5"),
                                       // parent filtered out (archived): shown as a root
                                       clause(6, 99, "9.9")};
  Control control;
  control.id = 10;
  control.clause_id = 5;
  control.control_number = "A.5.1";
  Control loose;
  loose.id = 11;
  const auto tree = build_tree<ClauseTreeNode>(clauses, {control, loose});
  ASSERT_EQ(tree.size(), 3U);
  EXPECT_EQ(tree[0].clause_number, "4");
  ASSERT_EQ(tree[0].children.size(), 2U);
  EXPECT_EQ(tree[0].children[0].clause_number, "4.1");
  EXPECT_EQ(tree[0].children[1].clause_number, "4.2");
  ASSERT_EQ(tree[0].children[1].children.size(), 1U);
  EXPECT_EQ(tree[0].children[1].children[0].clause_number, "4.2.1");
  EXPECT_EQ(tree[1].clause_number, "A.5");
  ASSERT_EQ(tree[1].controls.size(), 1U);
  EXPECT_EQ(tree[1].controls[0].control_number, "A.5.1");
  EXPECT_EQ(tree[2].clause_number, "9.9");
  // Without controls: the detail's nodes.
  const auto plain = build_tree<model::standards::ClauseNode>(clauses, {control});
  ASSERT_EQ(plain.size(), 3U);
  EXPECT_FALSE(api::kit::render(plain[1]).contains("controls"));
}

TEST(StandardsTree, CorruptCycleDoesNotLoopForever) {
  // 1 -> 2 -> 1 with no root: nothing is reachable, and nothing hangs.
  const std::vector<Clause> clauses = {clause(1, 2, "1"), clause(2, 1, "2")};
  EXPECT_TRUE(build_tree<ClauseTreeNode>(clauses, {}).empty());
}

TEST(StandardsCsv, QuotesPerRfc4180AndNeutralizesFormulas) {
  EXPECT_EQ(api::standards::csv_field("plain"), "plain");
  EXPECT_EQ(api::standards::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(api::standards::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(api::standards::csv_field("line\r\nbreak"), "\"line\r\nbreak\"");
  EXPECT_EQ(api::standards::csv_text_field("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(api::standards::csv_text_field("@cmd,x"), "\"'@cmd,x\"");
  EXPECT_EQ(api::standards::csv_text_field("ok"), "ok");
}

TEST(StandardsCsv, OneRowPerControlWithDefaultsForUnassessedControls) {
  model::standards::SoaLine assessed;
  assessed.control_number = "A.7.1";
  assessed.title = "Physical security perimeters";
  assessed.theme = model::standards::ControlTheme::kPhysical;
  assessed.clause_number = "A.7";
  assessed.entry_id = 3;
  assessed.is_applicable = false;
  assessed.justification = "Fully remote, \"no\" offices";
  assessed.implementation_status = ImplementationStatus::kNotApplicable;
  assessed.owner_id = 7;
  assessed.notes = "=cmd";
  assessed.reviewed_at = kit::Timestamp{"2026-11-25T02:00:00.000000Z"};
  model::standards::SoaLine fresh;
  fresh.control_number = "A.8.1";
  fresh.title = "User endpoint devices";
  fresh.theme = model::standards::ControlTheme::kTechnological;
  const auto csv = api::standards::soa_csv({assessed, fresh});
  EXPECT_EQ(csv,
            "control_number,title,theme,clause_number,is_applicable,justification,"
            "implementation_status,owner_id,notes,reviewed_at\r\n"
            "A.7.1,Physical security perimeters,physical,A.7,false,"
            "\"Fully remote, \"\"no\"\" offices\",not_applicable,7,'=cmd,"
            "2026-11-25T02:00:00.000000Z\r\n"
            "A.8.1,User endpoint devices,technological,,true,,not_implemented,,,\r\n");
}

}  // namespace
}  // namespace qgp::domain::standards
