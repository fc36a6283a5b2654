// `qgp db lint` rules on revision text: each rule fires, waivers silence, bad waivers are errors.
#include <algorithm>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "migrate/lint.hpp"
#include "migrate/revision.hpp"

namespace qgp::testing {
namespace {

migrate::Revision revision(const std::string& upgrade, const std::string& downgrade = "SELECT 1;\n",
                           bool transactional = true) {
  const std::string text =
      "-- revision: 0123456789ab\n-- down_revision: (none)\n-- message: test\n"
      "-- transactional: "
      + std::string(transactional ? "true" : "false") + "\n-- +upgrade\n" + upgrade
      + "-- +downgrade\n" + downgrade;
  return migrate::parse_revision_file("20260101_000000_0123456789ab_test.sql", text);
}

std::vector<std::string> unwaived_rules(const migrate::LintReport& report) {
  std::vector<std::string> out;
  for (const auto& finding : report.findings) {
    if (!finding.waived) {
      out.push_back(finding.rule);
    }
  }
  return out;
}

bool fires(const std::string& upgrade, const std::string& rule, bool transactional = true) {
  const auto report = migrate::lint_revision(revision(upgrade, "SELECT 1;\n", transactional));
  const auto rules = unwaived_rules(report);
  return std::find(rules.begin(), rules.end(), rule) != rules.end();
}

struct RuleCase {
  std::string rule;
  std::string bad;
  std::string good;
  bool transactional = true;
};

// How GoogleTest prints a case (GetParam() in failure messages, `--gtest_list_tests`), instead of
// the raw bytes of the struct.
std::ostream& operator<<(std::ostream& out, const RuleCase& c) {
  return out << c.rule << (c.transactional ? "" : " (non-transactional)");
}

class LintRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(LintRule, FiresOnTheDangerousFormOnly) {
  const auto& c = GetParam();
  EXPECT_TRUE(fires(c.bad, c.rule, c.transactional)) << c.bad;
  EXPECT_FALSE(fires(c.good, c.rule, c.transactional)) << c.good;
}

INSTANTIATE_TEST_SUITE_P(
    Rules, LintRule,
    ::testing::Values(
        RuleCase{"adding-required-field", "ALTER TABLE t ADD COLUMN c bigint NOT NULL;\n",
                 "ALTER TABLE t ADD COLUMN c bigint DEFAULT 0 NOT NULL;\n"},
        RuleCase{"adding-field-with-default",
                 "ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid();\n",
                 "ALTER TABLE t ADD COLUMN c timestamptz DEFAULT now();\n"},
        RuleCase{"adding-foreign-key-constraint",
                 "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id);\n",
                 "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u(id) NOT VALID;\n"},
        RuleCase{"constraint-missing-not-valid", "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);\n",
                 "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\n"},
        RuleCase{"disallowed-unique-constraint", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (a);\n",
                 "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX u;\n"},
        RuleCase{"adding-not-nullable-field", "ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n",
                 "ALTER TABLE t ADD CONSTRAINT t_a_nn CHECK (a IS NOT NULL) NOT VALID;\n"
                 "ALTER TABLE t VALIDATE CONSTRAINT t_a_nn;\n"
                 "ALTER TABLE t ALTER COLUMN a SET NOT NULL;\n"},
        RuleCase{"changing-column-type", "ALTER TABLE t ALTER COLUMN a TYPE bigint;\n",
                 "ALTER TABLE t ALTER COLUMN a SET DEFAULT 1;\n"},
        RuleCase{"require-concurrent-index-creation", "CREATE INDEX i ON t (a);\n",
                 "CREATE TABLE t (a text);\nCREATE INDEX i ON t (a);\n"},
        RuleCase{"ban-concurrent-index-creation-in-transaction",
                 "CREATE INDEX CONCURRENTLY i ON t (a);\n", "CREATE INDEX i ON public.t2 (a);\n"},
        RuleCase{"ban-alter-enum-add-value-in-transaction",
                 "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';\n"
                 "INSERT INTO moods (m) VALUES ('meh');\n",
                 "ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad';\n"},
        RuleCase{"ban-drop-table", "DROP TABLE public.t;\n", "DROP INDEX public.i;\n"},
        RuleCase{"ban-drop-column", "ALTER TABLE t DROP COLUMN a;\n",
                 "ALTER TABLE t DROP CONSTRAINT c;\n"},
        RuleCase{"renaming-table", "ALTER TABLE t RENAME TO u;\n",
                 "ALTER TABLE t RENAME CONSTRAINT a TO b;\n"},
        RuleCase{"renaming-column", "ALTER TABLE t RENAME COLUMN a TO b;\n",
                 "ALTER TABLE t RENAME CONSTRAINT a TO b;\n"},
        RuleCase{"prefer-text-field", "CREATE TABLE t (a varchar(20));\n",
                 "CREATE TABLE t (a text CHECK (char_length(a) <= 20));\n"},
        RuleCase{"prefer-timestamptz", "CREATE TABLE t (a timestamp);\n",
                 "CREATE TABLE t (a timestamp(3) with time zone, b timestamptz);\n"},
        RuleCase{"prefer-jsonb", "CREATE TABLE t (a json);\n",
                 "CREATE TABLE t (a jsonb, f text CHECK (f IN ('json', 'csv')));\n"},
        RuleCase{"prefer-identity", "CREATE TABLE t (id bigserial PRIMARY KEY);\n",
                 "CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);\n"},
        RuleCase{"lock-timeout-disabled", "SET lock_timeout = 0;\n", "SET lock_timeout = '2s';\n"},
        RuleCase{"statement-timeout-disabled", "SET statement_timeout TO 0;\n",
                 "SET statement_timeout = 30000;\n"},
        RuleCase{"transaction-nesting", "BEGIN;\nCREATE TABLE t (a text);\nCOMMIT;\n",
                 "CREATE TABLE t (a text);\n"}),
    [](const ::testing::TestParamInfo<RuleCase>& param_info) {
      auto name = param_info.param.rule;
      std::replace(name.begin(), name.end(), '-', '_');
      return name;
    });

TEST(SchemaLint, AbsurdlyHighLockTimeoutIsFlagged) {
  EXPECT_TRUE(fires("SET lock_timeout = '10min';\n", "lock-timeout-disabled")
              || fires("SET lock_timeout = 600000;\n", "lock-timeout-disabled"));
  EXPECT_TRUE(fires("SET lock_timeout = 600000;\n", "lock-timeout-disabled"));
}

TEST(SchemaLint, ConcurrentlyIsFineInANonTransactionalRevision) {
  EXPECT_FALSE(fires("CREATE INDEX CONCURRENTLY i ON t (a);\n",
                     "ban-concurrent-index-creation-in-transaction", false));
  EXPECT_FALSE(
      fires("CREATE INDEX CONCURRENTLY i ON t (a);\n", "require-concurrent-index-creation", false));
}

TEST(SchemaLint, FindingsNameFileLineAndRule) {
  const auto report = migrate::lint_revision(
      revision("CREATE TABLE a (x text);\n\nALTER TABLE b\n  DROP COLUMN c;\n"));
  ASSERT_EQ(report.errors(), 1U);
  const auto& finding = report.findings.front();
  EXPECT_EQ(finding.rule, "ban-drop-column");
  EXPECT_EQ(finding.line, 8);  // header is 5 lines; the statement starts on the 3rd upgrade line
  EXPECT_EQ(migrate::format_finding(finding).rfind(
                "20260101_000000_0123456789ab_test.sql:8: ban-drop-column: ", 0),
            0U);
}

TEST(SchemaLint, WaiverWithReasonSilencesOneStatement) {
  const auto report = migrate::lint_revision(
      revision("-- qgp-lint: allow ban-drop-column reason: column unused since v2, data archived\n"
               "ALTER TABLE b DROP COLUMN c;\n"
               "ALTER TABLE b DROP COLUMN d;\n"));
  EXPECT_EQ(report.errors(), 1U);
  EXPECT_EQ(report.waived(), 1U);
  EXPECT_EQ(report.findings.front().reason, "column unused since v2, data archived");
}

TEST(SchemaLint, WaiverWithoutReasonIsAnError) {
  const auto report = migrate::lint_revision(
      revision("-- qgp-lint: allow ban-drop-column\nALTER TABLE b DROP COLUMN c;\n"));
  const auto rules = unwaived_rules(report);
  EXPECT_NE(std::find(rules.begin(), rules.end(), "invalid-waiver"), rules.end());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "ban-drop-column"), rules.end());
}

TEST(SchemaLint, WaiverOfUnknownRuleIsAnError) {
  const auto report = migrate::lint_revision(
      revision("-- qgp-lint: allow no-such-rule reason: typo\nCREATE TABLE t (a text);\n"));
  EXPECT_EQ(unwaived_rules(report), std::vector<std::string>{"invalid-waiver"});
}

TEST(SchemaLint, EmptyDowngradeIsIrreversible) {
  const auto report = migrate::lint_revision(revision("CREATE TABLE t (a text);\n", ""));
  EXPECT_EQ(unwaived_rules(report), std::vector<std::string>{"irreversible-downgrade"});
  const auto waived = migrate::lint_revision(revision(
      "CREATE TABLE t (a text);\n-- qgp-lint: allow irreversible-downgrade reason: data fix\n",
      ""));
  EXPECT_EQ(waived.errors(), 0U);
}

TEST(SchemaLint, DestructiveRulesIgnoreTheDowngradeSection) {
  const auto report =
      migrate::lint_revision(revision("CREATE TABLE t (a text);\n", "DROP TABLE public.t;\n"));
  EXPECT_EQ(report.errors(), 0U);
}

TEST(SchemaLint, TextInsideStringsAndFunctionBodiesIsNotSql) {
  EXPECT_FALSE(
      fires("CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DROP TABLE "
            "x; RETURN NULL; END $$;\n",
            "ban-drop-table"));
  EXPECT_FALSE(
      fires("COMMENT ON TABLE t IS 'varchar(3) timestamp json serial';\n", "prefer-text-field"));
}

// ---- the waivers file of landed revisions (migrations/versions/lint-waivers.txt) ----------------

// Line 6: adding-required-field and ban-drop-column; line 7: ban-drop-column.
const std::string kLanded =
    "ALTER TABLE b ADD COLUMN e bigint NOT NULL, DROP COLUMN c;\n"
    "ALTER TABLE b DROP COLUMN d;\n";

// The report of kLanded with the waivers file `waivers` applied.
migrate::LintReport lint_with_waivers(const std::string& waivers) {
  const std::vector<migrate::Revision> revisions{revision(kLanded)};
  auto report = migrate::lint_revisions(revisions);
  migrate::apply_lint_waivers(waivers, revisions, report);
  return report;
}

// "FILE:LINE: rule" of every unwaived finding.
std::vector<std::string> unwaived(const migrate::LintReport& report) {
  std::vector<std::string> out;
  for (const auto& finding : report.findings) {
    if (!finding.waived) {
      out.push_back(finding.file + ":" + std::to_string(finding.line) + ": " + finding.rule);
    }
  }
  return out;
}

TEST(LintWaiversFile, WithoutWaiversTheLandedRevisionHasThreeFindings) {
  EXPECT_EQ(
      unwaived(lint_with_waivers("")),
      (std::vector<std::string>{"20260101_000000_0123456789ab_test.sql:6: adding-required-field",
                                "20260101_000000_0123456789ab_test.sql:6: ban-drop-column",
                                "20260101_000000_0123456789ab_test.sql:7: ban-drop-column"}));
}

TEST(LintWaiversFile, AWaiverSilencesExactlyItsRevisionLineAndRule) {
  const auto report = lint_with_waivers(
      "# landed revisions\n\n0123456789ab:6 ban-drop-column reason: column c archived in v2\n");
  // Not the other rule on the same line, not the same rule on another line.
  EXPECT_EQ(unwaived(report), (std::vector<std::string>{
                                  "20260101_000000_0123456789ab_test.sql:6: adding-required-field",
                                  "20260101_000000_0123456789ab_test.sql:7: ban-drop-column"}));
  ASSERT_EQ(report.waived(), 1U);
  const auto waived = std::ranges::find_if(report.findings, &migrate::LintFinding::waived);
  EXPECT_EQ(waived->line, 6);
  EXPECT_EQ(waived->rule, "ban-drop-column");
  EXPECT_EQ(waived->reason, "column c archived in v2");
  EXPECT_TRUE(migrate::format_finding(*waived).ends_with(" [waived: column c archived in v2]"));
}

TEST(LintWaiversFile, EveryFindingOfTheRevisionCanBeWaived) {
  const auto report = lint_with_waivers(
      "0123456789ab:6 adding-required-field reason: table empty until v3\n"
      "  0123456789ab:6   ban-drop-column   reason:   c unused  \r\n"
      "0123456789ab:7 ban-drop-column reason: d unused\n");
  EXPECT_EQ(report.errors(), 0U) << ::testing::PrintToString(unwaived(report));
  EXPECT_EQ(report.waived(), 3U);
}

// Each line of `waivers` that must be an error, as "lint-waivers.txt:LINE: invalid-waiver".
void expect_invalid(const std::string& waivers, const std::vector<int>& lines,
                    std::string_view message) {
  const auto report = lint_with_waivers(waivers);
  std::vector<std::string> expected{
      "20260101_000000_0123456789ab_test.sql:6: adding-required-field",
      "20260101_000000_0123456789ab_test.sql:6: ban-drop-column",
      "20260101_000000_0123456789ab_test.sql:7: ban-drop-column"};
  for (const auto line : lines) {
    expected.push_back("lint-waivers.txt:" + std::to_string(line) + ": invalid-waiver");
  }
  EXPECT_EQ(unwaived(report), expected) << waivers;
  for (const auto& finding : report.findings) {
    if (finding.rule == "invalid-waiver") {
      EXPECT_NE(finding.message.find(message), std::string::npos) << finding.message;
    }
  }
}

TEST(LintWaiversFile, AMalformedLineIsAnError) {
  expect_invalid(
      "# comment\n"
      "0123456789ab 6 ban-drop-column reason: no colon\n"
      "0123456789ab:six ban-drop-column reason: not a number\n"
      "0123456789ab:0 ban-drop-column reason: no line 0\n"
      ":6 ban-drop-column reason: no revision id\n"
      "\n"
      "0123456789ab:6\n"
      "0123456789ab:6x ban-drop-column reason: trailing text\n",
      {2, 3, 4, 5, 7, 8}, "a waiver reads `<revision-id>:<line> <rule-id> reason: <text>`");
}

TEST(LintWaiversFile, AnUnknownRuleIsAnError) {
  expect_invalid("0123456789ab:6 ban-drop-colum reason: typo\n", {1},
                 "unknown rule 'ban-drop-colum'");
}

TEST(LintWaiversFile, AWaiverWithoutAReasonIsAnError) {
  expect_invalid(
      "0123456789ab:6 ban-drop-column\n"
      "0123456789ab:6 ban-drop-column reason:   \n"
      "0123456789ab:6 ban-drop-column because: archived\n",
      {1, 2, 3}, "gives no reason");
}

TEST(LintWaiversFile, AWaiverOfARevisionThatDoesNotExistIsAnError) {
  expect_invalid("fedcba987654:6 ban-drop-column reason: another project\n", {1},
                 "no revision 'fedcba987654'");
}

TEST(LintWaiversFile, AStaleWaiverThatWaivesNothingIsAnError) {
  // No finding on line 8; no ban-char-field on line 6; the second waiver of one finding.
  const auto report = lint_with_waivers(
      "0123456789ab:8 ban-drop-column reason: moved\n"
      "0123456789ab:6 ban-char-field reason: wrong rule\n"
      "0123456789ab:7 ban-drop-column reason: d unused\n"
      "0123456789ab:7 ban-drop-column reason: twice\n");
  EXPECT_EQ(unwaived(report),
            (std::vector<std::string>{
                "20260101_000000_0123456789ab_test.sql:6: adding-required-field",
                "20260101_000000_0123456789ab_test.sql:6: ban-drop-column",
                "lint-waivers.txt:1: invalid-waiver", "lint-waivers.txt:2: invalid-waiver",
                "lint-waivers.txt:4: invalid-waiver"}));
  EXPECT_NE(report.findings.back().message.find("waives nothing"), std::string::npos);
}

TEST(LintWaiversFile, AFindingWaivedInTheFileMakesTheFileWaiverStale) {
  const std::vector<migrate::Revision> revisions{
      revision("-- qgp-lint: allow ban-drop-column reason: in the file\n"
               "ALTER TABLE b DROP COLUMN c;\n")};
  auto report = migrate::lint_revisions(revisions);
  migrate::apply_lint_waivers("0123456789ab:7 ban-drop-column reason: again\n", revisions, report,
                              "migrations/lint-waivers.txt");
  EXPECT_EQ(unwaived(report),
            std::vector<std::string>{"migrations/lint-waivers.txt:1: invalid-waiver"});
  EXPECT_EQ(report.findings.front().reason, "in the file");
}

}  // namespace
}  // namespace qgp::testing
