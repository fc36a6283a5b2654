// Revision file header parser, checksum normalization and the revision writer.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "migrate/revision.hpp"

namespace qgp::migrate {
namespace {

constexpr const char* kGood =
    "-- revision: abc123\n"
    "-- down_revision: (none)            -- a base revision\n"
    "-- message: initial schema: all modules\n"
    "-- transactional: false             -- CREATE INDEX CONCURRENTLY\n"
    "-- +upgrade\n"
    "CREATE TABLE a (id int);\n"
    "-- +downgrade\n"
    "DROP TABLE a;\n";

std::string parse_error(const std::string& content, const std::string& file = "f.sql") {
  try {
    (void)parse_revision_file(file, content);
  } catch (const RevisionFileError& e) {
    return e.what();
  }
  return "no error";
}

TEST(MigrateRevisionParser, ParsesEveryHeaderEntryAndSection) {
  const auto r = parse_revision_file("f.sql", kGood);
  EXPECT_EQ(r.id, "abc123");
  EXPECT_TRUE(r.down_revisions.empty());
  EXPECT_EQ(r.message, "initial schema: all modules");
  EXPECT_FALSE(r.transactional);
  EXPECT_EQ(r.upgrade_sql, "CREATE TABLE a (id int);\n");
  EXPECT_EQ(r.downgrade_sql, "DROP TABLE a;\n");
  EXPECT_EQ(r.upgrade_line, 6);
  EXPECT_EQ(r.downgrade_line, 8);
  EXPECT_EQ(r.file_name, "f.sql");
  EXPECT_EQ(r.checksum.size(), 64U);
}

TEST(MigrateRevisionParser, MergeParentsAndDefaults) {
  const auto r = parse_revision_file(
      "m.sql",
      "-- revision: m1\n-- down_revision: a1, b2 ,c3\n-- message: merge\n-- +upgrade\n-- "
      "+downgrade\n");
  EXPECT_EQ(r.down_revisions, (std::vector<std::string>{"a1", "b2", "c3"}));
  EXPECT_TRUE(r.transactional);
  EXPECT_TRUE(r.upgrade_sql.empty());
}

TEST(MigrateRevisionParser, CrlfFilesParseAndFreeCommentsAreAllowed) {
  const auto r = parse_revision_file(
      "w.sql",
      "-- a free comment about this file\r\n-- revision: w1\r\n-- down_revision: (none)\r\n-- "
      "message: m\r\n-- +upgrade\r\nSELECT 1;\r\n-- +downgrade\r\n");
  EXPECT_EQ(r.id, "w1");
  EXPECT_EQ(r.upgrade_sql, "SELECT 1;\n");
  EXPECT_EQ(r.header_line, 2);
}

TEST(MigrateRevisionParser, EveryMalformedHeaderNamesFileAndLine) {
  const std::string tail = "-- +upgrade\n-- +downgrade\n";
  EXPECT_EQ(parse_error("-- down_revision: (none)\n-- message: m\n" + tail),
            "f.sql:1: missing `-- revision: <id>` header entry");
  EXPECT_EQ(parse_error("-- revision: a\n-- message: m\n" + tail),
            "f.sql:1: missing `-- down_revision:` header entry (`(none)` for a base revision)");
  EXPECT_EQ(parse_error("\n-- revision: a\n-- down_revision: (none)\n" + tail),
            "f.sql:2: missing `-- message:` header entry");
  EXPECT_EQ(parse_error("-- revision: a\n-- revision: b\n"),
            "f.sql:2: duplicate header entry `revision`");
  EXPECT_EQ(parse_error("-- revision: a-b\n"),
            "f.sql:1: revision id 'a-b' may only contain letters, digits and '_'");
  EXPECT_EQ(parse_error("-- revision: head\n"),
            "f.sql:1: revision id 'head' is a reserved target name");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revision:\n"),
            "f.sql:2: down_revision is empty (write `(none)` for a base revision)");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revision: b, b\n"),
            "f.sql:2: down_revision 'b' is listed twice");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revision: b,\n"),
            "f.sql:2: down_revision '' is empty");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revision: a\n-- message: m\n" + tail),
            "f.sql:1: revision 'a' names itself as down_revision");
  EXPECT_EQ(parse_error("-- revision: a\n-- transactional: maybe\n"),
            "f.sql:2: transactional must be `true` or `false`, not 'maybe'");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revison: b\n"),
            "f.sql:2: unknown header entry `down_revison` (known: revision, down_revision, "
            "message, transactional)");
  EXPECT_EQ(parse_error("-- revision: a\nCREATE TABLE x ();\n"),
            "f.sql:2: SQL before the `-- +upgrade` marker (the header holds only `-- key: value` "
            "comments)");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revision: (none)\n-- message: m\n"),
            "f.sql:3: missing `-- +upgrade` marker");
  EXPECT_EQ(parse_error("-- revision: a\n-- down_revision: (none)\n-- message: m\n-- "
                        "+upgrade\nSELECT 1;\n"),
            "f.sql:4: missing `-- +downgrade` marker (write the section even when it is empty)");
  EXPECT_EQ(parse_error("-- revision: a\n-- +downgrade\n"),
            "f.sql:2: `-- +downgrade` before `-- +upgrade`");
  EXPECT_EQ(parse_error("-- revision: a\n-- +upgrade\n-- +upgrade\n"),
            "f.sql:3: a second `-- +upgrade` marker");
  EXPECT_EQ(parse_error("-- revision: a\n-- +upgrade\n-- +downgrade\n-- +downgrade\n"),
            "f.sql:4: a second `-- +downgrade` marker");
  EXPECT_EQ(parse_error("-- revision: a\n-- +upgrade\n-- +downgrade\n-- +upgrade\n"),
            "f.sql:4: `-- +upgrade` after `-- +downgrade`");
}

TEST(MigrateRevisionParser, FileNameMustCarryTheHeaderId) {
  const std::string body =
      "-- revision: abc\n-- down_revision: (none)\n-- message: m\n-- "
      "+upgrade\n-- +downgrade\n";
  EXPECT_NO_THROW((void)parse_revision_file("20260101_120000_abc_slug.sql", body));
  EXPECT_EQ(parse_error(body, "20260101_120000_abd_slug.sql"),
            "20260101_120000_abd_slug.sql:1: the file name does not carry the header's revision "
            "id 'abc' (expected <YYYYMMDD_HHMMSS>_abc_<slug>.sql)");
  EXPECT_NO_THROW((void)parse_revision_file("free_name.sql", body));
}

TEST(MigrateRevisionChecksum, NormalizationIgnoresLineEndingsAndTrailingWhitespace) {
  const std::string unix_text = "-- revision: a\nSELECT 1;\n";
  EXPECT_EQ(checksum_of(unix_text), checksum_of("-- revision: a\r\nSELECT 1;   \r\n\r\n\n"));
  EXPECT_EQ(checksum_of(unix_text), checksum_of("\xEF\xBB\xBF-- revision: a\nSELECT 1;\t\n"));
  EXPECT_NE(checksum_of(unix_text), checksum_of("-- revision: a\nSELECT 2;\n"));
  EXPECT_NE(checksum_of(unix_text), checksum_of("-- revision: a\n SELECT 1;\n"));
  // The shortcut for files that are already normalized hashes exactly what normalizing would.
  for (const std::string_view text :
       {"", "a", "a\n", "a\n\n", "\n", "a \n", "a\t\nb\n", "a\r\nb\n", "a\nb", "a\n b\n",
        "\xEF\xBB\xBF-", "a\f\n", "-- revision: a\nSELECT 1;\n"}) {
    EXPECT_EQ(checksum_of(text), sha256_hex(normalize_for_checksum(text))) << text;
  }
  // Known vector: sha256("abc").
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(MigrateRevisionWriter, WritesAParsableFileWithAFreshIdAndConventionalName) {
  const auto dir = std::filesystem::path(::testing::TempDir())
                   / ("qgp_migrate_writer_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  NewRevision revision;
  revision.message = "Add incident table!";
  revision.down_revisions = {"p1", "p2"};
  revision.transactional = false;
  revision.upgrade_sql = "CREATE INDEX CONCURRENTLY ix ON t (a);";
  const auto path = write_revision_file(dir, revision);
  const auto name = path.filename().string();
  ASSERT_EQ(name.size(), 8 + 1 + 6 + 1 + 12 + 1 + std::string("add_incident_table.sql").size());
  EXPECT_EQ(name.substr(name.size() - 23), "_add_incident_table.sql");
  const auto loaded = load_directory_revisions(dir);
  ASSERT_EQ(loaded.size(), 1U);
  EXPECT_EQ(loaded[0].id, name.substr(16, 12));
  EXPECT_EQ(loaded[0].down_revisions, revision.down_revisions);
  EXPECT_FALSE(loaded[0].transactional);
  EXPECT_EQ(loaded[0].message, "Add incident table!");
  EXPECT_EQ(loaded[0].upgrade_sql, "CREATE INDEX CONCURRENTLY ix ON t (a);\n");
  EXPECT_NE(new_revision_id(), new_revision_id());
  EXPECT_EQ(slugify("  --Hello,  World--  "), "hello_world");
  EXPECT_EQ(slugify("!!!"), "revision");
  std::filesystem::remove_all(dir);
}

TEST(MigrateRevisionLoader, MissingDirectoryIsAClearError) {
  EXPECT_THROW((void)load_directory_revisions("/nonexistent/qgp/versions"), RevisionFileError);
}

TEST(MigrateRevisionLoader, EmbeddedRevisionsAllParse) {
  // Every revision file of the source tree, listed here from the file system (not through the
  // loader under test), is embedded and parses: same count, same names, same checksums.
  const auto versions = std::filesystem::path(QGP_SOURCE_DIR) / "migrations" / "versions";
  std::map<std::string, std::string> files;  // name -> checksum of its content
  for (const auto& entry : std::filesystem::directory_iterator(versions)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") {
      const std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream content;
      content << in.rdbuf();
      files.emplace(entry.path().filename().string(), checksum_of(content.str()));
    }
  }
  ASSERT_FALSE(files.empty()) << versions;
  std::vector<Revision> embedded;
  ASSERT_NO_THROW(embedded = load_embedded_revisions());
  EXPECT_EQ(embedded.size(), files.size());
  std::map<std::string, std::string> parsed;
  for (const auto& revision : embedded) {
    parsed.emplace(revision.file_name, revision.checksum);
  }
  EXPECT_EQ(parsed, files) << "the embedded revisions differ from " << versions
                           << " (a stale build?)";
}

}  // namespace
}  // namespace qgp::migrate
