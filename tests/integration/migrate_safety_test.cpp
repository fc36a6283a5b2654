// The migration engine refuses a bad file before its first statement (the database stays
// byte-for-byte as it was), never runs a statement twice to find the one that failed, and groups
// revisions into one transaction only when asked (--single-transaction).
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/runner.hpp"
#include "migrate_test_support.hpp"
#include "support/run_process.hpp"
#include "support/test_database.hpp"

namespace qgp::migrate {
namespace {

using qgp::testing::TestDatabase;

using test::count;
using test::error_of;
using test::quiet;
using test::RevisionDir;

// Everything a run could have changed, object identities (OIDs) included: schemas, relations,
// columns, types, functions, constraints, and every row of the bookkeeping tables when they
// exist. Two equal fingerprints mean nothing was created, dropped, recreated or written.
std::string catalog_fingerprint(db::Connection& conn) {
  std::string out = conn.exec(
                            "SELECT concat_ws(E'\\n', "
                            "(SELECT string_agg(format('ns %s %s', oid, nspname), E'\\n' ORDER BY "
                            "oid) FROM pg_namespace), "
                            "(SELECT string_agg(format('rel %s %s %s %s %s', c.oid, c.relname, "
                            "c.relkind, c.relfilenode, c.relnamespace), E'\\n' ORDER BY c.oid) "
                            "FROM pg_class c WHERE c.oid >= 16384), "
                            "(SELECT string_agg(format('att %s %s %s %s', attrelid, attname, "
                            "atttypid, attnotnull), E'\\n' ORDER BY attrelid, attnum) FROM "
                            "pg_attribute WHERE attrelid >= 16384), "
                            "(SELECT string_agg(format('type %s %s', oid, typname), E'\\n' ORDER "
                            "BY oid) FROM pg_type WHERE oid >= 16384), "
                            "(SELECT string_agg(format('proc %s %s', oid, proname), E'\\n' ORDER "
                            "BY oid) FROM pg_proc WHERE oid >= 16384), "
                            "(SELECT string_agg(format('con %s %s', oid, conname), E'\\n' ORDER "
                            "BY oid) FROM pg_constraint WHERE oid >= 16384))")
                        .string(0, 0);
  const bool bookkeeping =
      conn.exec("SELECT to_regclass('public.qgp_schema_history') IS NOT NULL").boolean(0, 0);
  if (bookkeeping) {
    out += conn.exec(
                   "SELECT concat_ws(E'\\n', (SELECT string_agg(h::text, E'\\n' ORDER BY id) FROM "
                   "qgp_schema_history h), (SELECT string_agg(revision, ',' ORDER BY revision) "
                   "FROM qgp_schema_version))")
               .string(0, 0);
  }
  return out;
}

// --- refusing a bad file before the first statement ------------------------------------------

TEST(MigrateRefusal, MetaCommandInALaterFileLeavesAFreshDatabaseUntouched) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  dir.add(1, "aaa111", "", "CREATE TABLE t1 (id int);\n", "DROP TABLE t1;\n");
  dir.add(2, "bbb222", "aaa111", "CREATE TABLE t2 (id int);\n", "DROP TABLE t2;\n");
  const auto bad = dir.add(3, "ccc333", "bbb222", "CREATE TABLE t3 (id int);\n\\i other.sql\n",
                           "DROP TABLE t3;\n");
  const auto graph = dir.graph();
  db::Connection conn(db.url());
  const auto before = catalog_fingerprint(conn);
  Migrator migrator(db.url(), graph, quiet());
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find(fmt::format("{}:7: psql meta-command `\\i`", bad)), std::string::npos)
      << message;
  EXPECT_NE(message.find("the database is untouched and stays at base"), std::string::npos)
      << message;
  // Not even the bookkeeping tables: the file was refused before the first statement.
  EXPECT_EQ(catalog_fingerprint(conn), before);
  EXPECT_TRUE(migrator.current().empty());
}

TEST(MigrateRefusal, SyntaxErrorAndTransactionControlAreRefusedOnADatabaseInUse) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  dir.add(1, "aaa111", "", "CREATE TABLE t1 (id int);\n", "DROP TABLE t1;\n");
  {
    const auto graph = dir.graph();
    Migrator(db.url(), graph, quiet()).upgrade("head");
  }
  dir.add(2, "bbb222", "aaa111", "CREATE TABLE t2 (id int);\nINSERT INTO t1 VALUES (1);\n",
          "DROP TABLE t2;\n");
  const auto bad = dir.add(3, "ccc333", "bbb222",
                           "CREATE TABLE t3 (id int);\nALTER TABLE t3 ADD COLUMN x int,\n"
                           "  ADD COLUMN;\n",
                           "DROP TABLE t3;\n");
  db::Connection conn(db.url());
  const auto before = catalog_fingerprint(conn);
  const auto rows = count(conn, "SELECT count(*) FROM t1");
  {
    const auto graph = dir.graph();
    Migrator migrator(db.url(), graph, quiet());
    const auto message = error_of([&] { migrator.upgrade("head"); });
    EXPECT_NE(message.find(fmt::format("{}:8: syntax error at or near \";\"", bad)),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("stays at aaa111"), std::string::npos) << message;
  }
  EXPECT_EQ(catalog_fingerprint(conn), before);
  EXPECT_EQ(count(conn, "SELECT count(*) FROM t1"), rows);

  // COMMIT inside a transactional revision would commit half of it: refused up front.
  const auto nested = dir.add(3, "ccc333", "bbb222",
                              "CREATE TABLE t3 (id int);\nCOMMIT;\nCREATE TABLE t4 (id int);\n",
                              "DROP TABLE t4;\nDROP TABLE t3;\n");
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find(fmt::format("{}:7: `commit` in a transactional revision", nested)),
            std::string::npos)
      << message;
  EXPECT_EQ(catalog_fingerprint(conn), before);
}

TEST(MigrateRefusal, SqlPlanRefusesWhatTheEngineRefuses) {
  RevisionDir dir;
  dir.add(1, "aaa111", "", "CREATE TABLE t1 (id int);\n", "DROP TABLE t1;\n");
  const auto bad = dir.add(2, "bbb222", "aaa111", "CREATE TABLE t2 (id int);\n\\i other.sql\n", "");
  const std::map<std::string, std::string> env = {{"QGP_ENV_FILE", "/nonexistent"}};
  auto result = qgp::testing::run_qgp({"db", "upgrade", "head", "--sql", "--dir", dir.str()}, env);
  EXPECT_EQ(result.exit_code, 1) << result.out;
  EXPECT_NE(result.err.find(fmt::format("{}:7: psql meta-command `\\i`", bad)), std::string::npos)
      << result.err;
  // psql would execute it: the plan must never carry it.
  EXPECT_EQ(result.out.find("\\i other.sql"), std::string::npos) << result.out;
  result = qgp::testing::run_qgp({"db", "upgrade", "aaa111", "--sql", "--dir", dir.str()}, env);
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

// --- at most once --------------------------------------------------------------------------

// A sequence advances outside transactions: its value counts how often each nextval() ran, even
// in a transaction that was rolled back.
void counted_base(const RevisionDir& dir) {
  dir.add(1, "aaa111", "", "CREATE SEQUENCE runs;\nCREATE TABLE t (a int);\n",
          "DROP TABLE t;\nDROP SEQUENCE runs;\n");
}

std::int64_t runs(db::Connection& conn) {
  return count(conn, "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM runs");
}

TEST(MigrateAtMostOnce, AFailureWithoutErrorPositionRunsEveryStatementAtMostOnce) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  counted_base(dir);
  // Division by zero carries no error position: the engine must know the statement anyway.
  const auto file = dir.add(2, "bbb222", "aaa111",
                            "SELECT nextval('runs');\nSELECT nextval('runs');\n"
                            "SELECT 1 / (SELECT count(*) FROM t)::int;\nSELECT nextval('runs');\n",
                            "");
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  migrator.upgrade("aaa111");
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find(fmt::format("upgrade of revision bbb222 failed at {}:8", file)),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("SQLSTATE 22012"), std::string::npos) << message;
  EXPECT_NE(message.find("statement 3 of 4: SELECT 1 / (SELECT count(*)"), std::string::npos)
      << message;
  EXPECT_NE(message.find("the database is at aaa111"), std::string::npos) << message;
  db::Connection conn(db.url());
  // Statements 1 and 2 ran once each, 4 never ran.
  EXPECT_EQ(runs(conn), 2);
}

TEST(MigrateAtMostOnce, ALockTimeoutIsPaidOnceAndNothingBeforeItRunsTwice) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  counted_base(dir);
  const auto file =
      dir.add(2, "bbb222", "aaa111", "SELECT nextval('runs');\nALTER TABLE t ADD COLUMN b int;\n",
              "ALTER TABLE t DROP COLUMN b;\n");
  const auto graph = dir.graph();
  auto options = quiet();
  options.lock_timeout = std::chrono::milliseconds(300);
  Migrator migrator(db.url(), graph, options);
  migrator.upgrade("aaa111");
  db::Connection reader(db.url());
  reader.exec("BEGIN; SELECT * FROM t");
  const auto start = std::chrono::steady_clock::now();
  const auto message = error_of([&] { migrator.upgrade("head"); });
  const auto waited = std::chrono::steady_clock::now() - start;
  reader.exec("ROLLBACK");
  EXPECT_NE(message.find(fmt::format("failed at {}:7", file)), std::string::npos) << message;
  EXPECT_NE(message.find("SQLSTATE 55P03"), std::string::npos) << message;
  EXPECT_GE(waited, options.lock_timeout);
  db::Connection conn(db.url());
  // Re-running the revision to find the statement would have run nextval() again and waited
  // for the lock a second time.
  EXPECT_EQ(runs(conn), 1);
  migrator.upgrade("head");
  EXPECT_EQ(runs(conn), 2);
}

TEST(MigrateAtMostOnce, AFailureAtCommitNamesTheEnginesStatementAndTheDatabaseAsItIs) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  counted_base(dir);
  dir.add(2, "bbb222", "aaa111",
          "CREATE TABLE p (id int PRIMARY KEY);\n"
          "CREATE TABLE c (p int REFERENCES p DEFERRABLE INITIALLY DEFERRED);\n"
          "INSERT INTO c VALUES (1);\n",
          "DROP TABLE c;\nDROP TABLE p;\n");
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find("SQLSTATE 23503"), std::string::npos) << message;
  EXPECT_NE(message.find("in the engine's own statement COMMIT"), std::string::npos) << message;
  // aaa111 committed on its own before bbb222 failed.
  EXPECT_NE(message.find("the database is at aaa111"), std::string::npos) << message;
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"aaa111"});
}

// --- --single-transaction -------------------------------------------------------------------

TEST(MigrateSingleTransaction, ConsecutiveRevisionsCommitTogetherOrNotAtAll) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  counted_base(dir);
  dir.add(2, "bbb222", "aaa111", "SELECT nextval('runs');\nCREATE TABLE t2 (id int);\n",
          "DROP TABLE t2;\n");
  const auto file =
      dir.add(3, "ccc333", "bbb222", "SELECT nextval('runs');\nSELECT 1 / 0;\n", "SELECT 1;\n");
  auto options = quiet();
  options.single_transaction = true;
  {
    const auto graph = dir.graph();
    Migrator migrator(db.url(), graph, options);
    const auto message = error_of([&] { migrator.upgrade("head"); });
    EXPECT_NE(message.find(fmt::format("upgrade of revision ccc333 failed at {}:7", file)),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("Revisions aaa111 to ccc333 (3 revisions, --single-transaction)"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("the database is at base"), std::string::npos) << message;
    EXPECT_TRUE(migrator.current().empty());
    db::Connection conn(db.url());
    EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history"), 0);
    EXPECT_FALSE(conn.exec("SELECT to_regclass('t2') IS NOT NULL").boolean(0, 0));
  }
  // Fixed: all three in one transaction, each with its history row; a non-transactional
  // revision in the middle runs on its own and splits the group.
  dir.add(3, "ccc333", "bbb222", "SELECT nextval('runs');\n", "SELECT 1;\n");
  dir.add(4, "ddd444", "ccc333", "CREATE INDEX CONCURRENTLY ix_t2 ON t2 (id);\n",
          "DROP INDEX CONCURRENTLY ix_t2;\n", false);
  dir.add(5, "eee555", "ddd444", "CREATE TABLE t5 (id int);\n", "DROP TABLE t5;\n");
  const auto graph = dir.graph();
  std::vector<std::string> lines;
  options.progress = [&lines](const std::string& line) { lines.push_back(line); };
  Migrator migrator(db.url(), graph, options);
  migrator.upgrade("head");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"eee555"});
  const auto joined = fmt::format("{}", fmt::join(lines, "\n"));
  EXPECT_NE(joined.find("3 revisions in one transaction"), std::string::npos) << joined;
  db::Connection conn(db.url());
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history WHERE step IS NULL"), 5);
  EXPECT_TRUE(migrator.verify().ok());
  migrator.downgrade("base");
  EXPECT_TRUE(migrator.current().empty());
  EXPECT_FALSE(conn.exec("SELECT to_regclass('t2') IS NOT NULL").boolean(0, 0));

  // The offline plan of the same run groups the same way.
  const auto plan = qgp::testing::run_qgp(
      {"db", "upgrade", "head", "--sql", "--single-transaction", "--dir", dir.str()},
      {{"QGP_ENV_FILE", "/nonexistent"}});
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  auto occurrences = [&](std::string_view what) {
    std::size_t n = 0;
    for (auto at = plan.out.find(what); at != std::string::npos; at = plan.out.find(what, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(occurrences("\nBEGIN;\n"), 3U) << plan.out;  // aaa..ccc, ddd's bookkeeping, eee
}

}  // namespace
}  // namespace qgp::migrate
