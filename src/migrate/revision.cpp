#include "migrate/revision.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "migrate/embedded.hpp"

namespace qgp::migrate {

namespace {

constexpr std::array<std::string_view, 4> kReservedIds = {"head", "heads", "base", "current"};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool is_id_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// Revision ids are plain words so that `REV+N`, prefixes and file names stay unambiguous.
std::optional<std::string> id_problem(std::string_view id) {
  if (id.empty()) {
    return "is empty";
  }
  if (id.size() > 64) {
    return "is longer than 64 characters";
  }
  if (!std::ranges::all_of(id, is_id_char)) {
    return "may only contain letters, digits and '_'";
  }
  if (std::ranges::find(kReservedIds, id) != kReservedIds.end()) {
    return "is a reserved target name";
  }
  return std::nullopt;
}

// A header value may carry a trailing "-- comment" (docs/architecture.md section 6's example does).
std::string_view strip_trailing_comment(std::string_view value) {
  const auto pos = value.find("--");
  return trim(pos == std::string_view::npos ? value : value.substr(0, pos));
}

bool is_marker(std::string_view line, std::string_view marker) {
  return trim(line) == marker;
}

[[noreturn]] void fail(std::string_view file, int line, std::string_view problem) {
  throw RevisionFileError(fmt::format("{}:{}: {}", file, line, problem));
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[bytes[i] >> 4U]);
    out.push_back(kDigits[bytes[i] & 0x0FU]);
  }
  return out;
}

// When a file follows the naming convention <YYYYMMDD>_<HHMMSS>_<rev>_<slug>.sql, the id in the
// name must be the id in the header: a copied file with a stale header is a classic mistake.
void check_file_name(std::string_view file_name, std::string_view id, int line) {
  if (file_name.size() < 17) {
    return;
  }
  for (std::size_t i = 0; i < 15; ++i) {
    const bool digit = std::isdigit(static_cast<unsigned char>(file_name[i])) != 0;
    if ((i == 8 && file_name[i] != '_') || (i != 8 && !digit)) {
      return;
    }
  }
  if (file_name[15] != '_') {
    return;
  }
  const auto rest = file_name.substr(16);
  if (rest.substr(0, id.size()) != id
      || (rest.size() > id.size() && rest[id.size()] != '_' && rest[id.size()] != '.')) {
    fail(file_name, line,
         fmt::format("the file name does not carry the header's revision id '{}' (expected "
                     "<YYYYMMDD_HHMMSS>_{}_<slug>.sql)",
                     id, id));
  }
}

}  // namespace

std::string normalize_for_checksum(std::string_view content) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") {
    content.remove_prefix(3);
  }
  std::string out;
  out.reserve(content.size());
  std::size_t pos = 0;
  while (pos <= content.size()) {
    auto end = content.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) {
      end = content.size();
    }
    auto line = content.substr(pos, end - pos);
    const auto last = line.find_last_not_of(" \t\f\v");
    line = last == std::string_view::npos ? std::string_view() : line.substr(0, last + 1);
    out.append(line);
    out.push_back('\n');
    if (end == content.size()) {
      break;
    }
    pos = end + 1;
    if (content[end] == '\r' && pos < content.size() && content[pos] == '\n') {
      ++pos;
    }
  }
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  out.push_back('\n');
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  // Fetched once: with EVP_sha256(), OpenSSL 3 looks the algorithm up again on every call, which
  // cost more than hashing a revision file (callgrind: 40% of `qgp db heads` on 500 files).
  struct FreeMd {
    void operator()(EVP_MD* md) const { EVP_MD_free(md); }
  };
  static const std::unique_ptr<EVP_MD, FreeMd> kSha256(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (!kSha256
      || EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, kSha256.get(), nullptr)
             != 1) {
    throw core::Error(core::ErrorCode::kInternal, "sha256 failed");
  }
  return to_hex(digest.data(), size);
}

namespace {

// True when normalize_for_checksum(content) == content: no BOM, no CR, no trailing whitespace on
// any line, exactly one final newline. Most files are like this, and checking is far cheaper
// than building the normalized copy.
bool already_normalized(std::string_view content) {
  if (content.empty() || content.back() != '\n' || content.starts_with("\xEF\xBB\xBF")
      || (content.size() > 1 && content[content.size() - 2] == '\n')) {
    return false;
  }
  char previous = '\n';
  for (const char c : content) {
    if (c == '\r'
        || (c == '\n'
            && (previous == ' ' || previous == '\t' || previous == '\f' || previous == '\v'))) {
      return false;
    }
    previous = c;
  }
  return true;
}

}  // namespace

std::string checksum_of(std::string_view content) {
  return already_normalized(content) ? sha256_hex(content)
                                     : sha256_hex(normalize_for_checksum(content));
}

Revision parse_revision_file(std::string_view file_name, std::string_view content) {
  Revision revision;
  revision.file_name = std::string(file_name);
  revision.checksum = checksum_of(content);
  if (content.substr(0, 3) == "\xEF\xBB\xBF") {
    content.remove_prefix(3);
  }

  enum class Section : std::uint8_t { kHeader, kUpgrade, kDowngrade };
  Section section = Section::kHeader;
  bool seen_revision = false;
  bool seen_down = false;
  bool seen_message = false;
  bool seen_transactional = false;
  int upgrade_marker = 0;
  std::string upgrade;
  std::string downgrade;

  int line_no = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    auto end = content.find('\n', pos);
    if (end == std::string_view::npos) {
      end = content.size();
    }
    const auto raw = content.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    std::string_view line = raw;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }

    if (is_marker(line, "-- +upgrade")) {
      if (section != Section::kHeader) {
        fail(file_name, line_no,
             section == Section::kUpgrade ? "a second `-- +upgrade` marker"
                                          : "`-- +upgrade` after `-- +downgrade`");
      }
      section = Section::kUpgrade;
      upgrade_marker = line_no;
      revision.upgrade_line = line_no + 1;
      continue;
    }
    if (is_marker(line, "-- +downgrade")) {
      if (section == Section::kHeader) {
        fail(file_name, line_no, "`-- +downgrade` before `-- +upgrade`");
      }
      if (section == Section::kDowngrade) {
        fail(file_name, line_no, "a second `-- +downgrade` marker");
      }
      section = Section::kDowngrade;
      revision.downgrade_line = line_no + 1;
      continue;
    }
    if (section == Section::kUpgrade) {
      upgrade.append(line).push_back('\n');
      continue;
    }
    if (section == Section::kDowngrade) {
      downgrade.append(line).push_back('\n');
      continue;
    }

    // Header: blank lines, free comments, and `-- key: value` entries.
    const auto text = trim(line);
    if (text.empty()) {
      continue;
    }
    if (text.substr(0, 2) != "--") {
      fail(file_name, line_no,
           "SQL before the `-- +upgrade` marker (the header holds only `-- key: value` comments)");
    }
    const auto body = trim(text.substr(2));
    const auto colon = body.find(':');
    if (colon == std::string_view::npos || colon == 0
        || !std::all_of(
            body.begin(), body.begin() + static_cast<std::ptrdiff_t>(colon),
            [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0 || c == '_'; })) {
      continue;  // a free comment
    }
    const auto key = body.substr(0, colon);
    const auto value = trim(body.substr(colon + 1));
    auto duplicate = [&](bool& seen) {
      if (seen) {
        fail(file_name, line_no, fmt::format("duplicate header entry `{}`", key));
      }
      seen = true;
    };
    if (key == "revision") {
      duplicate(seen_revision);
      revision.id = std::string(strip_trailing_comment(value));
      if (const auto problem = id_problem(revision.id)) {
        fail(file_name, line_no, fmt::format("revision id '{}' {}", revision.id, *problem));
      }
      revision.header_line = line_no;
    } else if (key == "down_revision" || key == "down_revisions") {
      duplicate(seen_down);
      const auto list = strip_trailing_comment(value);
      if (list.empty()) {
        fail(file_name, line_no, "down_revision is empty (write `(none)` for a base revision)");
      }
      if (list != "(none)") {
        std::size_t start = 0;
        while (start <= list.size()) {
          auto comma = list.find(',', start);
          if (comma == std::string_view::npos) {
            comma = list.size();
          }
          const std::string parent(trim(list.substr(start, comma - start)));
          if (const auto problem = id_problem(parent)) {
            fail(file_name, line_no, fmt::format("down_revision '{}' {}", parent, *problem));
          }
          if (std::ranges::find(revision.down_revisions, parent) != revision.down_revisions.end()) {
            fail(file_name, line_no, fmt::format("down_revision '{}' is listed twice", parent));
          }
          revision.down_revisions.push_back(parent);
          start = comma + 1;
        }
      }
    } else if (key == "message") {
      duplicate(seen_message);
      revision.message = std::string(value);
    } else if (key == "transactional") {
      duplicate(seen_transactional);
      const auto flag = strip_trailing_comment(value);
      if (flag == "true") {
        revision.transactional = true;
      } else if (flag == "false") {
        revision.transactional = false;
      } else {
        fail(file_name, line_no,
             fmt::format("transactional must be `true` or `false`, not '{}'", flag));
      }
    } else {
      fail(file_name, line_no,
           fmt::format("unknown header entry `{}` (known: revision, down_revision, message, "
                       "transactional)",
                       key));
    }
  }

  if (!seen_revision) {
    fail(file_name, 1, "missing `-- revision: <id>` header entry");
  }
  if (!seen_down) {
    fail(file_name, revision.header_line,
         "missing `-- down_revision:` header entry (`(none)` for a base revision)");
  }
  if (!seen_message) {
    fail(file_name, revision.header_line, "missing `-- message:` header entry");
  }
  if (section == Section::kHeader) {
    fail(file_name, line_no == 0 ? 1 : line_no, "missing `-- +upgrade` marker");
  }
  if (section == Section::kUpgrade) {
    fail(file_name, upgrade_marker,
         "missing `-- +downgrade` marker (write the section even when it is empty)");
  }
  if (std::ranges::find(revision.down_revisions, revision.id) != revision.down_revisions.end()) {
    fail(file_name, revision.header_line,
         fmt::format("revision '{}' names itself as down_revision", revision.id));
  }
  check_file_name(file_name, revision.id, revision.header_line);
  revision.upgrade_sql = std::move(upgrade);
  revision.downgrade_sql = std::move(downgrade);
  return revision;
}

std::vector<Revision> load_embedded_revisions() {
  std::vector<Revision> out;
  const auto files = embedded_revision_files();
  out.reserve(files.size());
  for (const auto& file : files) {
    out.push_back(parse_revision_file(file.name, file.content));
  }
  return out;
}

std::vector<Revision> load_directory_revisions(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    throw RevisionFileError(fmt::format(
        "migrations directory '{}' does not exist or is not a directory", dir.string()));
  }
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      paths.push_back(entry.path());
    }
  }
  // By file name as a string (path comparison parses every path into components).
  std::ranges::sort(paths, {}, [](const std::filesystem::path& path) -> const std::string& {
    return path.native();
  });
  std::vector<Revision> out;
  out.reserve(paths.size());
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      throw RevisionFileError(fmt::format("cannot read revision file '{}'", path.string()));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out.push_back(parse_revision_file(path.filename().string(), buffer.str()));
  }
  return out;
}

std::string new_revision_id() {
  std::array<unsigned char, 6> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw core::Error(core::ErrorCode::kInternal, "no randomness for a revision id");
  }
  return to_hex(bytes.data(), bytes.size());
}

std::string slugify(std::string_view message) {
  std::string out;
  for (const char c : message) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
    if (out.size() >= 40) {
      break;
    }
  }
  while (!out.empty() && out.back() == '_') {
    out.pop_back();
  }
  return out.empty() ? std::string("revision") : out;
}

std::string render_revision_file(std::string_view id, const NewRevision& revision) {
  std::string parents;
  for (const auto& parent : revision.down_revisions) {
    parents += parents.empty() ? parent : ", " + parent;
  }
  std::string message(revision.message);
  std::ranges::replace(message, '\n', ' ');
  auto section = [](const std::string& sql) {
    if (sql.empty() || sql.back() == '\n') {
      return sql;
    }
    return sql + "\n";
  };
  return fmt::format(
      "-- revision: {}\n-- down_revision: {}\n-- message: {}\n-- transactional: {}\n-- "
      "+upgrade\n{}-- +downgrade\n{}",
      id, parents.empty() ? "(none)" : parents, message, revision.transactional ? "true" : "false",
      section(revision.upgrade_sql), section(revision.downgrade_sql));
}

std::filesystem::path write_revision_file(const std::filesystem::path& dir,
                                          const NewRevision& revision) {
  std::filesystem::create_directories(dir);
  const auto id = new_revision_id();
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  std::array<char, 32> stamp{};
  if (gmtime_r(&now, &utc) == nullptr
      || std::strftime(stamp.data(), stamp.size(), "%Y%m%d_%H%M%S", &utc) == 0) {
    throw core::Error(core::ErrorCode::kInternal, "could not format the revision timestamp");
  }
  const auto path = dir / fmt::format("{}_{}_{}.sql", stamp.data(), id, slugify(revision.message));
  if (std::filesystem::exists(path)) {
    throw core::Conflict(fmt::format("revision file '{}' already exists", path.string()));
  }
  const auto text = render_revision_file(id, revision);
  // Parse what we are about to write: a file this command produced must load.
  (void)parse_revision_file(path.filename().string(), text);
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("could not write revision file '{}'", path.string()));
  }
  return path;
}

}  // namespace qgp::migrate
