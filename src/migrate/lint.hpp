#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/revision.hpp"

// `qgp db lint`: Squawk-style rules applied statement by statement to revision files, without a
// database. A table is "existing" unless the same section created it earlier. Destructive and
// rename rules look at upgrade sections only (a downgrade exists to undo its upgrade); locking,
// type and transaction rules look at both.
namespace qgp::migrate {

struct LintFinding {
  std::string file;
  int line = 0;
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

// The rule ids lint knows (waivers must name one of them).
const std::vector<std::string_view>& lint_rules();

// A waiver, on the comment line(s) right above a statement:
//   -- qgp-lint: allow <rule-id> reason: <text>
// silences that rule for that statement. A waiver without a reason, or naming an unknown rule, is
// itself an error (rule `invalid-waiver`).
LintReport lint_revision(const Revision& revision);
LintReport lint_revisions(const std::vector<Revision>& revisions);

// "FILE:LINE: rule-id: message" (with " [waived: reason]" when waived).
std::string format_finding(const LintFinding& finding);

// The bytes of a file; throws RevisionFileError when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace qgp::migrate
