// The application's group role qgp_app (ADR-0008), as the migrations leave it: DML on every
// declared table, only SELECT and INSERT on the audit trail (its rows, chain and checkpoints), only
// SELECT on the engine's bookkeeping, TRUNCATE and ownership of nothing; reference numbers only
// through qgp_refs.next_number. A table added to the declared schema without its
// grants fails here (and in every API test that touches it).
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "schema/declared.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

std::string privileges_of(db::Connection& connection, const std::string& table) {
  std::string held;
  for (const char* privilege : {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE"}) {
    if (connection
            .exec("SELECT has_table_privilege('qgp_app', $1, $2)",
                  db::Params("public." + table, privilege))
            .boolean(0, 0)) {
      held += held.empty() ? "" : ",";
      held += privilege;
    }
  }
  return held;
}

TEST(ApplicationRole, HoldsExactlyTheDeclaredPrivilegesOnEveryTable) {
  TestDatabase database;
  db::Connection connection(database.url());
  int tables = 0;
  for (const auto& table : schema::declared_schema().tables) {
    const bool append_only = table.name == "audit_log" || table.name == "audit_chain"
                             || table.name == "audit_checkpoints";
    const std::string expected = append_only ? "SELECT,INSERT" : "SELECT,INSERT,UPDATE,DELETE";
    EXPECT_EQ(privileges_of(connection, table.name), expected) << table.name;
    ++tables;
  }
  EXPECT_GE(tables, 40);
  EXPECT_EQ(privileges_of(connection, "qgp_schema_version"), "SELECT");
  EXPECT_EQ(privileges_of(connection, "qgp_schema_history"), "SELECT");
  EXPECT_EQ(
      connection
          .exec("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND pg_has_role('qgp_app', c.relowner, 'USAGE')")
          .int64(0, 0),
      0);
  EXPECT_FALSE(connection
                   .exec("SELECT rolcanlogin OR rolsuper FROM pg_roles WHERE rolname = "
                         "'qgp_app'")
                   .boolean(0, 0));
  // The reference-number schema: usable, not writable, its function callable and owned by the
  // migrator, so the role can draw numbers but never create, reset or drop a sequence.
  EXPECT_TRUE(
      connection.exec("SELECT has_schema_privilege('qgp_app', 'qgp_refs', 'USAGE')").boolean(0, 0));
  EXPECT_FALSE(connection.exec("SELECT has_schema_privilege('qgp_app', 'qgp_refs', 'CREATE')")
                   .boolean(0, 0));
  EXPECT_TRUE(connection
                  .exec("SELECT has_function_privilege('qgp_app', 'qgp_refs.next_number(text)', "
                        "'EXECUTE') AND NOT has_function_privilege('public', "
                        "'qgp_refs.next_number(text)', 'EXECUTE')")
                  .boolean(0, 0));
  EXPECT_EQ(
      connection
          .exec("SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'qgp_refs'::regnamespace "
                "AND pg_has_role('qgp_app', p.proowner, 'USAGE')")
          .int64(0, 0),
      0);
}

TEST(ApplicationRole, TablesCreatedLaterByTheMigratorGetTheSameGrants) {
  TestDatabase database;
  db::Connection connection(database.url());
  connection.exec("CREATE TABLE public.later_table (id bigint PRIMARY KEY)");
  EXPECT_EQ(privileges_of(connection, "later_table"), "SELECT,INSERT,UPDATE,DELETE");
}

}  // namespace
}  // namespace qgp::testing
