// Autogenerate round trip on real PostgreSQL: for every change of schema_cases_test.hpp, the
// generated upgrade makes the live schema equal the declared one (check is clean) and the generated
// downgrade restores the catalog the database had before.
#include <string>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "integration/schema_cases_test.hpp"
#include "migrate/autogen.hpp"
#include "migrate/ddl.hpp"
#include "migrate/diff.hpp"
#include "migrate/introspect.hpp"
#include "migrate/splitter.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

// Runs a generated section the way the migration engine does: one transaction, or statement by
// statement when the revision is `transactional: false`.
void apply(const std::string& url, const std::string& sql, bool transactional) {
  db::Connection connection(url);
  if (transactional) {
    connection.exec("BEGIN;\n" + sql + "COMMIT;");
    return;
  }
  for (const auto& statement : migrate::split_sql(sql)) {
    connection.exec(statement.text);
  }
}

migrate::Catalog snapshot(const std::string& url) {
  db::Connection connection(url);
  return migrate::introspect(connection);
}

std::string listing(const migrate::Plan& plan) {
  std::string out;
  for (const auto& description : plan.descriptions()) {
    out += "  - " + description + "\n";
  }
  return out;
}

void create_base(const std::string& url) {
  db::Connection connection(url);
  connection.exec(migrate::ddl::join_statements(migrate::ddl::create_schema(base_schema())));
  // A few rows, so that the recipes run against a table that is not empty.
  connection.exec(
      "INSERT INTO users (email, name) VALUES ('a@example.org', 'A'), ('b@example.org', 'B');"
      "INSERT INTO projects (owner_id, title, budget) VALUES (1, 'P', 10);"
      "INSERT INTO project_members (project_id, user_id, seq_no) VALUES (1, 1, 1);"
      "INSERT INTO tags (label) VALUES ('x');");
}

class SchemaRoundTrip : public ::testing::TestWithParam<SchemaCase> {};

TEST_P(SchemaRoundTrip, UpgradeMatchesDeclaredAndDowngradeRestoresTheCatalog) {
  const auto& c = GetParam();
  TestDatabase database(TestDatabase::Source::kEmpty);
  create_base(database.url());
  const auto before = snapshot(database.url());
  auto declared = base_schema();
  c.mutate(declared);

  const auto generated = migrate::diff_live_to_declared(database.url(), declared);
  ASSERT_FALSE(generated.empty()) << c.name << ": the change was not detected";
  EXPECT_NE(generated.upgrade.sql().find(c.statement), std::string::npos)
      << generated.upgrade.sql();

  apply(database.url(), generated.upgrade.sql(), generated.transactional());
  const auto after = migrate::diff_live_to_declared(database.url(), declared);
  EXPECT_TRUE(after.empty()) << c.name << ": check is not clean after the upgrade:\n"
                             << listing(after.upgrade) << "upgrade was:\n"
                             << generated.upgrade.sql();

  apply(database.url(), generated.downgrade.sql(), generated.transactional());
  const auto restored = migrate::diff(snapshot(database.url()), before);
  EXPECT_TRUE(restored.empty()) << c.name << ": the downgrade did not restore the catalog:\n"
                                << listing(restored.upgrade) << "downgrade was:\n"
                                << generated.downgrade.sql();
}

INSTANTIATE_TEST_SUITE_P(AllKinds, SchemaRoundTrip, ::testing::ValuesIn(schema_cases()),
                         [](const ::testing::TestParamInfo<SchemaCase>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace qgp::testing
