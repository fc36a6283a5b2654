// bench/peers/sql/ holds copies of the statements qgp sends for a finding, so that pgbench can
// measure them without HTTP (the ceiling beside qgp's own figures). The finding's read is
// generated from its declaration: when the declaration changes, this test fails until the copies
// are refreshed, so the bench never measures yesterday's SQL.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "kit/field.hpp"
#include "model/audits/finding.hpp"
#include "store/kit/rows.hpp"

namespace qgp::testing {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// How a script spells qgp's statement: pgbench variables for the parameters, and to_char's
// colons quoted (pgbench would read ":MI" inside a literal as a variable; the output is the same).
std::string as_in_script(std::string sql) {
  replace_all(sql, "HH24:MI:SS", R"(HH24":"MI":"SS)");
  replace_all(sql, "$1", ":id");
  return sql;
}

TEST(BenchPeersSql, TheScriptsReadAFindingWithTheStatementQgpSends) {
  using model::audits::Finding;
  const auto sent = fmt::format("{} WHERE {}.id = $1", store::kit::select_from<Finding>(),
                                kit::meta<Finding>().alias);
  const auto expected = as_in_script(sent) + ";";
  for (const std::string_view script : {"qgp_get.sql", "qgp_create.sql"}) {
    const auto path = fs::path(QGP_SOURCE_DIR) / "bench" / "peers" / "sql" / script;
    const auto text = read_text(path);
    ASSERT_FALSE(text.empty()) << path << " is missing";
    EXPECT_NE(text.find(expected), std::string::npos)
        << script << " no longer reads a finding the way qgp does; its line should be:\n"
        << expected;
  }
}

}  // namespace
}  // namespace qgp::testing
