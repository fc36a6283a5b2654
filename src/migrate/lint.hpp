#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/revision.hpp"

// `qgp db lint`: dangerous-migration rules over revision files, without a database. Every
// statement is parsed by PostgreSQL's own grammar (libpg_query) and the rules read its parse
// tree. The linter follows what each revision itself creates and does (a table created earlier in
// the same section is new and empty; a CHECK (col IS NOT NULL) validated earlier lets SET NOT NULL
// skip its scan; a column's type is known from the revisions before), so safe, recommended
// patterns are not flagged. Destructive and rename rules look at upgrade sections only (a
// downgrade exists to undo its upgrade); locking, type and transaction rules look at both.
// docs/migration-lint-rules.md (generated from the same catalog) explains every rule.
namespace qgp::migrate {

struct LintFinding {
  std::string file;
  int line = 0;  // the line of the statement the hazard is in
  std::string rule;
  std::string message;
  bool waived = false;
  std::string reason;  // the waiver's reason when waived
};

struct LintReport {
  std::vector<LintFinding> findings;
  [[nodiscard]] std::size_t errors() const;
  [[nodiscard]] std::size_t waived() const;
};

// One rule: what it flags, why that is dangerous, and the safe recipe.
struct LintRule {
  std::string_view id;
  std::string_view family;  // locking, rewrite, transaction, destructive, compatibility, type
  std::string_view flags;   // what the rule reports
  std::string_view why;     // why it is dangerous
  std::string_view recipe;  // what to write instead
  std::string_view squawk;  // the Squawk rule it matches, or how it differs ("" when none)
};

// Every rule lint knows, in documentation order (waivers must name one of them).
const std::vector<LintRule>& lint_rule_catalog();
const std::vector<std::string_view>& lint_rules();
// The rule, or nullptr.
const LintRule* find_lint_rule(std::string_view id);
// `qgp db lint --explain RULE`: the rule's documentation as plain text.
std::string explain_lint_rule(const LintRule& rule);
// docs/migration-lint-rules.md, generated from the catalog (a test keeps the file in sync).
std::string lint_rules_markdown();

// A waiver, on the comment line(s) right above a statement:
//   -- qgp-lint: allow <rule-id> reason: <text>
// silences that rule for that statement. A waiver without a reason, or naming an unknown rule, is
// itself an error (rule `invalid-waiver`).
LintReport lint_revision(const Revision& revision);
// Lints revisions in graph order (file order when they do not form a graph), carrying what each
// upgrade established (column types, validated NOT NULL checks, index owners) to the next.
LintReport lint_revisions(const std::vector<Revision>& revisions);

// The waivers of landed revisions, whose bytes cannot change (their checksums are recorded where
// they were applied, comments included), so they cannot take an in-file waiver. The file sits in
// the revisions directory (migrations/versions/lint-waivers.txt, embedded with the revisions), one
// waiver a line, blank lines and `#` comments allowed:
//   <revision-id>:<line> <rule-id> reason: <text>
// It waives that rule's findings on that line of that revision, with that reason.
constexpr std::string_view kLintWaiversFile = "lint-waivers.txt";

// Applies the waivers file `text` to a report of `revisions` (findings are matched to revisions
// by file name). A line that is malformed, names an unknown rule or a revision not among
// `revisions`, gives no reason, or waives nothing (stale: its finding is gone or already waived)
// becomes an `invalid-waiver` finding of `file_name` at that line.
void apply_lint_waivers(std::string_view text, const std::vector<Revision>& revisions,
                        LintReport& report, std::string_view file_name = kLintWaiversFile);
// The waivers file of a revisions directory ("" when it has none).
std::string read_lint_waivers(const std::filesystem::path& dir);

// "FILE:LINE: rule-id: message" (with " [waived: reason]" when waived).
std::string format_finding(const LintFinding& finding);

// The bytes of a file; throws RevisionFileError when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace qgp::migrate
