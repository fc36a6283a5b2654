// `qgp db lint` rules on revision text: each rule fires, waivers silence, bad waivers are errors.
#include <algorithm>
#include <ostream>
#include <string>

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

}  // namespace
}  // namespace qgp::testing
