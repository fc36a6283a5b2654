// Pure rules of the standards module: SoA validation, identifiers, the clause tree, CSV export.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "api/standards/csv.hpp"
#include "api/standards/request.hpp"
#include "domain/standards/rules.hpp"

namespace qgp::domain::standards {
namespace {

using store::standards::ClauseRow;
using store::standards::ControlRow;

TEST(StandardsSoaRules, ExcludedControlNeedsJustificationAndNotApplicableStatus) {
  EXPECT_TRUE(validate_soa({true, std::nullopt, "implemented"}).empty());
  EXPECT_TRUE(validate_soa({false, "no physical premises", "not_applicable"}).empty());

  const auto missing = validate_soa({false, std::nullopt, "not_applicable"});
  EXPECT_EQ(missing.size(), 1U);
  EXPECT_TRUE(missing.contains("justification"));

  const auto wrong_status = validate_soa({false, "out of scope", "implemented"});
  EXPECT_TRUE(wrong_status.contains("implementation_status"));
  EXPECT_FALSE(wrong_status.contains("justification"));

  const auto reserved = validate_soa({true, std::nullopt, "not_applicable"});
  EXPECT_TRUE(reserved.contains("implementation_status"));

  EXPECT_TRUE(validate_soa({true, std::nullopt, "bogus"}).contains("implementation_status"));
}

TEST(StandardsSoaRules, DefaultStatusFollowsApplicability) {
  EXPECT_EQ(default_implementation_status(false, std::nullopt), "not_applicable");
  EXPECT_EQ(default_implementation_status(false, "implemented"), "not_applicable");
  EXPECT_EQ(default_implementation_status(true, std::nullopt), "not_implemented");
  EXPECT_EQ(default_implementation_status(true, "planned"), "planned");
  // Re-including an excluded control must not keep the reserved status.
  EXPECT_EQ(default_implementation_status(true, "not_applicable"), "not_implemented");
}

TEST(StandardsRules, NormalizedTextTrimsAndDropsBlank) {
  EXPECT_EQ(normalized_text(std::nullopt), std::nullopt);
  EXPECT_EQ(normalized_text("   \t\n"), std::nullopt);
  EXPECT_EQ(normalized_text(""), std::nullopt);
  EXPECT_EQ(normalized_text("  keep me "), "keep me");
}

TEST(StandardsRules, NumbersAndCodesFollowTheDatabaseChecks) {
  for (const auto* good : {"4", "7.5.1", "A.5.37", "10", "8.1.4.3"}) {
    EXPECT_TRUE(is_valid_number(good)) << good;
  }
  for (const auto* bad : {"", ".4", "4.", "4..1", "4 1", "7.5-1", "123456789012345678901"}) {
    EXPECT_FALSE(is_valid_number(bad)) << bad;
  }
  for (const auto* good : {"ISO9001", "iso-27001:2022", "X_1.2"}) {
    EXPECT_TRUE(is_valid_standard_code(good)) << good;
  }
  for (const auto* bad : {"", "-ISO", "ISO 9001", "ISO/9001", "A234567890123456789012345678901"}) {
    EXPECT_FALSE(is_valid_standard_code(bad)) << bad;
  }
}

ClauseRow clause(std::int64_t id, std::optional<std::int64_t> parent, std::string number) {
  ClauseRow row;
  row.id = id;
  row.parent_clause_id = parent;
  row.clause_number = std::move(number);
  return row;
}

TEST(StandardsTree, NestsChildrenInInputOrderAndAttachesControls) {
  const std::vector<ClauseRow> clauses = {clause(1, std::nullopt, "4"), clause(2, 1, "4.1"),
                                          clause(3, 1, "4.2"), clause(4, 3, "4.2.1"),
                                          clause(5, std::nullopt, "A.5"),
                                          // parent filtered out (archived): shown as a root
                                          clause(6, 99, "9.9")};
  ControlRow control;
  control.id = 10;
  control.clause_id = 5;
  control.control_number = "A.5.1";
  ControlRow loose;
  loose.id = 11;
  const auto tree = build_tree(clauses, {control, loose});
  ASSERT_EQ(tree.size(), 3U);
  EXPECT_EQ(tree[0].clause.clause_number, "4");
  ASSERT_EQ(tree[0].children.size(), 2U);
  EXPECT_EQ(tree[0].children[0].clause.clause_number, "4.1");
  EXPECT_EQ(tree[0].children[1].clause.clause_number, "4.2");
  ASSERT_EQ(tree[0].children[1].children.size(), 1U);
  EXPECT_EQ(tree[0].children[1].children[0].clause.clause_number, "4.2.1");
  EXPECT_EQ(tree[1].clause.clause_number, "A.5");
  ASSERT_EQ(tree[1].controls.size(), 1U);
  EXPECT_EQ(tree[1].controls[0].control_number, "A.5.1");
  EXPECT_EQ(tree[2].clause.clause_number, "9.9");
}

TEST(StandardsTree, CorruptCycleDoesNotLoopForever) {
  // 1 -> 2 -> 1 with no root: both become roots, each rendered once.
  const std::vector<ClauseRow> clauses = {clause(1, 2, "1"), clause(2, 1, "2")};
  const auto tree = build_tree(clauses, {});
  EXPECT_TRUE(tree.empty());  // no clause is a root: nothing reachable, and no hang
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
  store::standards::SoaLine assessed;
  assessed.control.control_number = "A.7.1";
  assessed.control.title = "Physical security perimeters";
  assessed.control.theme = "physical";
  assessed.control.clause_number = "A.7";
  store::standards::SoaEntryRow entry;
  entry.is_applicable = false;
  entry.justification = "Fully remote, \"no\" offices";
  entry.implementation_status = "not_applicable";
  entry.owner_id = 7;
  entry.reviewed_at = "2026-11-25T02:00:00.000000Z";
  assessed.entry = entry;
  store::standards::SoaLine fresh;
  fresh.control.control_number = "A.8.1";
  fresh.control.title = "User endpoint devices";
  fresh.control.theme = "technological";
  const auto csv = api::standards::soa_csv({assessed, fresh});
  EXPECT_EQ(csv,
            "control_number,title,theme,clause_number,is_applicable,justification,"
            "implementation_status,owner_id,notes,reviewed_at\r\n"
            "A.7.1,Physical security perimeters,physical,A.7,false,"
            "\"Fully remote, \"\"no\"\" offices\",not_applicable,7,,2026-11-25T02:00:00.000000Z\r\n"
            "A.8.1,User endpoint devices,technological,,true,,not_implemented,,,\r\n");
}

TEST(StandardsRequest, CalendarDatesAreRealDates) {
  EXPECT_TRUE(api::standards::is_calendar_date("2024-02-29"));
  EXPECT_FALSE(api::standards::is_calendar_date("2023-02-29"));
  EXPECT_FALSE(api::standards::is_calendar_date("2023-13-01"));
  EXPECT_FALSE(api::standards::is_calendar_date("2023-1-01"));
  EXPECT_FALSE(api::standards::is_calendar_date("20230101"));
  EXPECT_FALSE(api::standards::is_calendar_date("+023-01-01"));
}

}  // namespace
}  // namespace qgp::domain::standards
