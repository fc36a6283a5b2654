#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"

namespace qgp::migrate {

// A malformed revision file (or revision set): the message names the file and, where there is one,
// the line.
class RevisionFileError : public core::Error {
 public:
  explicit RevisionFileError(const std::string& message)
      : core::Error(core::ErrorCode::kValidation, message) {}
};

// One revision file (docs/architecture.md section 6):
//   -- revision: bdb09892867a
//   -- down_revision: (none)         (or one id, or several comma-separated ids for a merge)
//   -- message: initial schema
//   -- transactional: true           (optional, default true)
//   -- +upgrade
//   ...SQL...
//   -- +downgrade
//   ...SQL...
struct Revision {
  std::string id;
  std::vector<std::string> down_revisions;
  std::string message;
  bool transactional = true;
  std::string upgrade_sql;
  std::string downgrade_sql;
  std::string file_name;
  std::string checksum;    // sha256 (hex) of the normalized file, see normalize_for_checksum
  int upgrade_line = 0;    // 1-based file line of the first line of upgrade_sql
  int downgrade_line = 0;  // 1-based file line of the first line of downgrade_sql
  int header_line = 1;     // line of the `-- revision:` entry
};

// Parses one file. Throws RevisionFileError "FILE:LINE: problem" for any malformed header.
Revision parse_revision_file(std::string_view file_name, std::string_view content);

// The text a checksum is taken over: BOM dropped, CRLF/CR turned into LF, trailing whitespace of
// every line and trailing blank lines removed. Editors and git autocrlf then never cause churn.
std::string normalize_for_checksum(std::string_view content);
// Lowercase hex sha256 of the normalized content.
std::string checksum_of(std::string_view content);
// Lowercase hex sha256 of raw bytes.
std::string sha256_hex(std::string_view bytes);

// The revision files compiled into the binary (migrations/versions at build time).
std::vector<Revision> load_embedded_revisions();
// Every *.sql file of a directory, sorted by file name. Throws RevisionFileError when the
// directory is missing.
std::vector<Revision> load_directory_revisions(const std::filesystem::path& dir);

struct NewRevision {
  std::string message;
  std::vector<std::string> down_revisions;
  bool transactional = true;
  std::string upgrade_sql;
  std::string downgrade_sql;
};

// A fresh random 12-hex revision id.
std::string new_revision_id();
// "Add incident table!" -> "add_incident_table" (at most 40 characters).
std::string slugify(std::string_view message);
// The file text of a new revision with the given id.
std::string render_revision_file(std::string_view id, const NewRevision& revision);
// Writes `<YYYYMMDD_HHMMSS>_<rev>_<slug>.sql` (UTC) into `dir` (created when missing) and returns
// its path. Never overwrites an existing file.
std::filesystem::path write_revision_file(const std::filesystem::path& dir,
                                          const NewRevision& revision);

}  // namespace qgp::migrate
