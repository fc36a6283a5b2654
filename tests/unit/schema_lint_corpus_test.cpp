// The lint corpus (tests/lint_corpus/<family>/): a dangerous and a safe twin of every family,
// each a revision file (or a folder of revision files linted as one chain) whose expected
// findings are written on the lines they must be reported on:
//   ALTER TABLE t ... ;  -- expect: rule-id            (one per rule; `(waived)` when waived)
// A case must produce exactly its expected findings: no more (a false alarm), no fewer (a miss).
// Also: the rule book in docs/ is the one the binary prints, and the project's own revisions lint
// clean.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "migrate/embedded.hpp"
#include "migrate/lint.hpp"
#include "migrate/revision.hpp"

namespace qgp::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(QGP_SOURCE_DIR) / "tests" / "lint_corpus";
constexpr std::string_view kMarker = "-- expect: ";

struct Case {
  std::string family;
  std::string name;
  fs::path path;  // a file, or a folder of revision files
};

// GoogleTest's hook for printing a parameter (its name is GoogleTest's).
void PrintTo(const Case& c, std::ostream* out) {  // NOLINT(readability-identifier-naming)
  *out << c.family << "/" << c.name;
}

std::vector<Case> corpus_cases() {
  std::vector<Case> cases;
  if (!fs::is_directory(kCorpus)) {
    return cases;
  }
  for (const auto& family : fs::directory_iterator(kCorpus)) {
    if (!family.is_directory()) {
      continue;
    }
    for (const auto& entry : fs::directory_iterator(family.path())) {
      if (entry.is_directory() || entry.path().extension() == ".sql") {
        cases.push_back(
            {family.path().filename().string(), entry.path().stem().string(), entry.path()});
      }
    }
  }
  std::ranges::sort(cases, {}, [](const Case& c) { return std::tie(c.family, c.name); });
  return cases;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// (file, line, rule, waived)
using Expected = std::tuple<std::string, int, std::string, bool>;

std::multiset<Expected> markers(const std::string& file, const std::string& text) {
  std::multiset<Expected> out;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    for (auto at = line.find(kMarker); at != std::string::npos; at = line.find(kMarker, at + 1)) {
      const auto start = at + kMarker.size();
      auto end = line.find(" --", start);
      auto entry = line.substr(start, end == std::string::npos ? std::string::npos : end - start);
      while (!entry.empty() && entry.back() == ' ') {
        entry.pop_back();
      }
      const bool waived = entry.ends_with(" (waived)");
      if (waived) {
        entry.resize(entry.size() - std::string_view(" (waived)").size());
      }
      out.insert({file, number, entry, waived});
    }
  }
  return out;
}

struct Loaded {
  std::vector<migrate::Revision> revisions;
  std::multiset<Expected> expected;
};

Loaded load(const Case& c) {
  std::vector<fs::path> files;
  if (fs::is_directory(c.path)) {
    for (const auto& entry : fs::directory_iterator(c.path)) {
      if (entry.path().extension() == ".sql") {
        files.push_back(entry.path());
      }
    }
    std::ranges::sort(files);
  } else {
    files.push_back(c.path);
  }
  Loaded loaded;
  for (const auto& file : files) {
    const auto text = read(file);
    const auto name = file.filename().string();
    loaded.revisions.push_back(migrate::parse_revision_file(name, text));
    loaded.expected.merge(markers(name, text));
  }
  return loaded;
}

std::string describe(const std::multiset<Expected>& findings) {
  std::string out;
  for (const auto& [file, line, rule, waived] : findings) {
    out += fmt::format("\n    {}:{}: {}{}", file, line, rule, waived ? " (waived)" : "");
  }
  return out.empty() ? "\n    (none)" : out;
}

class LintCorpus : public ::testing::TestWithParam<Case> {};

TEST_P(LintCorpus, ReportsExactlyTheExpectedRulesOnTheExpectedLines) {
  const auto& c = GetParam();
  const auto loaded = load(c);
  ASSERT_FALSE(loaded.revisions.empty()) << c.path;
  std::multiset<Expected> actual;
  std::string messages;
  for (const auto& finding : migrate::lint_revisions(loaded.revisions).findings) {
    actual.insert({finding.file, finding.line, finding.rule, finding.waived});
    messages += "\n    " + migrate::format_finding(finding);
  }
  EXPECT_EQ(actual, loaded.expected)
      << c.family << "/" << c.name << "\n  expected:" << describe(loaded.expected)
      << "\n  reported:" << messages;
  if (c.name.starts_with("bad")) {
    EXPECT_FALSE(loaded.expected.empty()) << "a bad twin must expect a finding";
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, LintCorpus, ::testing::ValuesIn(corpus_cases()),
                         [](const ::testing::TestParamInfo<Case>& param_info) {
                           auto name = param_info.param.family + "__" + param_info.param.name;
                           std::ranges::replace_if(
                               name, [](char ch) { return std::isalnum(ch) == 0; }, '_');
                           return name;
                         });

TEST(LintCorpusCoverage, EveryFamilyHasABadAndASafeTwinAndTheCountIsPrinted) {
  const auto cases = corpus_cases();
  std::map<std::string, std::pair<int, int>> families;  // family -> (bad, safe)
  std::size_t expected = 0;
  for (const auto& c : cases) {
    auto& [bad, safe] = families[c.family];
    (c.name.starts_with("bad") ? bad : safe) += 1;
    EXPECT_TRUE(c.name.starts_with("bad") || c.name.starts_with("safe"))
        << c.family << "/" << c.name << ": case names start with bad or safe";
    expected += load(c).expected.size();
  }
  // The families of issue 14 (new ones and former false alarms) must all be there.
  for (const auto* family : {"adding-stored-generated-column",
                             "ban-char-field",
                             "prefer-bigint-over-int",
                             "prefer-bigint-over-smallint",
                             "identifier-too-long",
                             "ban-create-domain-with-constraint",
                             "ban-alter-domain-with-add-constraint",
                             "require-concurrent-partition-detach",
                             "backfill-in-ddl-transaction",
                             "ban-uncommitted-transaction",
                             "irreversible-destructive-upgrade",
                             "ban-drop-database",
                             "ban-truncate-cascade",
                             "require-concurrent-reindex",
                             "ban-vacuum-full",
                             "ban-duplicate-column-assignments",
                             "require-enum-value-ordering",
                             "adding-not-nullable-field",
                             "changing-column-type",
                             "constraint-missing-not-valid",
                             "disallowed-unique-constraint",
                             "adding-primary-key-constraint",
                             "ddl-on-a-table-the-revision-created",
                             "ban-concurrent-index-creation-in-transaction",
                             "ban-alter-enum-add-value-in-transaction"}) {
    EXPECT_TRUE(families.contains(family)) << family;
  }
  int bad_total = 0;
  int safe_total = 0;
  for (const auto& [family, counts] : families) {
    EXPECT_GE(counts.first, 1) << family << " has no bad twin";
    EXPECT_GE(counts.second, 1) << family << " has no safe twin";
    bad_total += counts.first;
    safe_total += counts.second;
  }
  std::cout << fmt::format(
      "lint corpus: {} cases ({} bad, {} safe) in {} families, {} expected findings\n",
      cases.size(), bad_total, safe_total, families.size(), expected);
  EXPECT_GE(cases.size(), 2 * families.size());
}

TEST(LintRuleBook, TheDocumentIsTheOneTheBinaryPrints) {
  const auto path = fs::path(QGP_SOURCE_DIR) / "docs" / "migration-lint-rules.md";
  EXPECT_EQ(read(path), migrate::lint_rules_markdown())
      << "regenerate it: qgp db lint --explain all > docs/migration-lint-rules.md";
  for (const auto& rule : migrate::lint_rule_catalog()) {
    EXPECT_FALSE(rule.why.empty()) << rule.id;
    EXPECT_FALSE(rule.recipe.empty()) << rule.id;
    EXPECT_NE(migrate::explain_lint_rule(rule).find(rule.recipe), std::string::npos);
  }
}

TEST(LintProjectRevisions, TheProjectsOwnRevisionsLintClean) {
  const auto revisions = migrate::load_embedded_revisions();
  auto report = migrate::lint_revisions(revisions);
  // The waivers of landed revisions, embedded from migrations/versions/lint-waivers.txt.
  migrate::apply_lint_waivers(migrate::embedded_lint_waivers(), revisions, report);
  std::string findings;
  for (const auto& finding : report.findings) {
    findings += "\n" + migrate::format_finding(finding);
  }
  EXPECT_EQ(report.errors(), 0U) << findings;
}

}  // namespace
}  // namespace qgp::testing
