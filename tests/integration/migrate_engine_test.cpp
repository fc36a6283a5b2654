// The migration engine on real PostgreSQL: every command, the failure paths, --sql, and eight
// concurrent `qgp db upgrade head` processes. Revisions live in a temp dir per test.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>
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
using test::table_exists;

void three_tables(RevisionDir& dir) {
  dir.add(1, "aaa111", "", "CREATE TABLE t1 (id int PRIMARY KEY);\n", "DROP TABLE t1;\n");
  dir.add(2, "bbb222", "aaa111", "CREATE TABLE t2 (id int PRIMARY KEY);\n", "DROP TABLE t2;\n");
  dir.add(3, "ccc333", "bbb222", "CREATE TABLE t3 (id int PRIMARY KEY);\n", "DROP TABLE t3;\n");
}

std::map<std::string, std::string> cli_env(const TestDatabase& db) {
  return {{"DATABASE_URL", db.url()},
          {"QGP_ENV_FILE", "/nonexistent"},
          {"MIGRATION_ADVISORY_WAIT_MS", "60000"}};
}

TEST(MigrateEngine, UpgradeDowngradeRelativeTargetsAndAuditRows) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  three_tables(dir);
  const auto graph = dir.graph();
  std::vector<std::string> lines;
  Migrator migrator(db.url(), graph, quiet(&lines));
  db::Connection conn(db.url());

  EXPECT_TRUE(migrator.current().empty());
  migrator.upgrade("head");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"ccc333"});
  EXPECT_TRUE(table_exists(conn, "t3"));
  ASSERT_EQ(lines.size(), 4U);
  EXPECT_NE(lines[0].find("upgrade   aaa111  20260101_000001_aaa111_r.sql"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[0].find(" ms"), std::string::npos);

  const auto rows = conn.exec(
      "SELECT revision, direction, checksum, duration_ms >= 0, db_role = current_user, os_user "
      "IS NOT NULL, host IS NOT NULL, tool_version, step IS NULL FROM qgp_schema_history ORDER "
      "BY id");
  ASSERT_EQ(rows.rows(), 3);
  EXPECT_EQ(rows.string(0, 0), "aaa111");
  EXPECT_EQ(rows.string(0, 1), "upgrade");
  EXPECT_EQ(rows.string(0, 2), graph.get("aaa111").checksum);
  for (int c = 3; c <= 6; ++c) {
    EXPECT_TRUE(rows.boolean(0, c)) << c;
  }
  EXPECT_EQ(rows.string(0, 7), QGP_VERSION);
  EXPECT_TRUE(rows.boolean(2, 8));

  migrator.upgrade("head");  // nothing to do
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history"), 3);

  migrator.downgrade("-1");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"bbb222"});
  EXPECT_FALSE(table_exists(conn, "t3"));
  migrator.downgrade("base");
  EXPECT_TRUE(migrator.current().empty());
  EXPECT_FALSE(table_exists(conn, "t1"));
  migrator.upgrade("+2");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"bbb222"});
  migrator.upgrade("bbb+1");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"ccc333"});
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history WHERE direction = 'downgrade'"),
            3);
  EXPECT_NE(error_of([&] { migrator.downgrade("zzz"); }).find("no revision 'zzz'"),
            std::string::npos);
  EXPECT_TRUE(migrator.verify().ok());
}

TEST(MigrateEngine, BranchesUpgradeToHeadsAndMerge) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  dir.add(1, "base01", "", "CREATE TABLE b (id int);\n", "DROP TABLE b;\n");
  dir.add(2, "left02", "base01", "CREATE TABLE l (id int);\n", "DROP TABLE l;\n");
  dir.add(3, "right3", "base01", "CREATE TABLE r (id int);\n", "DROP TABLE r;\n");
  {
    const auto graph = dir.graph();
    Migrator migrator(db.url(), graph, quiet());
    EXPECT_NE(error_of([&] { migrator.upgrade("head"); }).find("qgp db merge"), std::string::npos);
    migrator.upgrade("left02");
    migrator.upgrade("heads");
    EXPECT_EQ(migrator.current(), (std::vector<std::string>{"left02", "right3"}));
    migrator.downgrade("left02");
    EXPECT_EQ(migrator.current(), std::vector<std::string>{"left02"});
  }
  dir.add(4, "merge4", "left02, right3", "", "");
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  migrator.upgrade("head");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"merge4"});
  migrator.downgrade("base01");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"base01"});
}

TEST(MigrateEngine, FailingStatementRollsBackTheWholeRevisionAndNamesFileLineSqlstate) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  dir.add(1, "aaa111", "", "CREATE TABLE t1 (id int);\n", "DROP TABLE t1;\n");
  // Line 6 of the file is the first upgrade line; the failing SELECT is on line 8.
  const auto file = dir.add(2, "bbb222", "aaa111",
                            "CREATE TABLE x (id int);\nINSERT INTO x VALUES (1);\nSELECT 1 /\n "
                            "0 FROM x;\nCREATE TABLE y (id int);\n",
                            "DROP TABLE y;\nDROP TABLE x;\n");
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find(fmt::format("upgrade of revision bbb222 failed at {}:8", file)),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("SQLSTATE 22012"), std::string::npos) << message;
  EXPECT_NE(message.find("statement 3 of 4"), std::string::npos) << message;
  EXPECT_NE(message.find("rolled back as a whole"), std::string::npos) << message;
  db::Connection conn(db.url());
  EXPECT_FALSE(table_exists(conn, "x"));
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"aaa111"});
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history"), 1);

  // A syntax error is found by PostgreSQL's grammar before anything runs (line 9 here).
  RevisionDir other;
  other.add(1, "aaa111", "", "CREATE TABLE t1 (id int);\n", "DROP TABLE t1;\n");
  const auto bad = other.add(2, "bbb222", "aaa111",
                             "CREATE TABLE x (id int);\n-- a comment with 'quotes; and ;'\n\n"
                             "CREAT TABLE y (id int);\n",
                             "");
  const auto graph2 = other.graph();
  Migrator second(db.url(), graph2, quiet());
  const auto syntax = error_of([&] { second.upgrade("head"); });
  EXPECT_NE(syntax.find(fmt::format("{}:9: syntax error at or near \"CREAT\"", bad)),
            std::string::npos)
      << syntax;
  EXPECT_NE(syntax.find("Refused before running anything"), std::string::npos) << syntax;
  EXPECT_FALSE(table_exists(conn, "x"));
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history"), 1);
}

TEST(MigrateEngine, NonTransactionalRevisionRecordsProgressAndResumesAfterFailure) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  dir.add(1, "aaa111", "", "CREATE TABLE t (a int);\nINSERT INTO t VALUES (1), (1), (2);\n",
          "DROP TABLE t;\n");
  const auto file =
      dir.add(2, "bbb222", "aaa111",
              "CREATE TABLE u (a int);\nCREATE UNIQUE INDEX CONCURRENTLY ux_t_a ON "
              "t (a);\nCREATE TABLE v (a int);\n",
              "DROP TABLE v;\nDROP INDEX CONCURRENTLY ux_t_a;\nDROP TABLE u;\n", false);
  const auto graph = dir.graph();
  std::vector<std::string> lines;
  Migrator migrator(db.url(), graph, quiet(&lines));
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find(fmt::format("failed at {}:7 (statement 2 of 3)", file)), std::string::npos)
      << message;
  EXPECT_NE(message.find("SQLSTATE 23505"), std::string::npos) << message;
  EXPECT_NE(message.find("Statements 1..1 ran and are recorded"), std::string::npos) << message;
  EXPECT_NE(message.find("drop the INVALID index ux_t_a this statement left behind and resume "
                         "at statement 2 of 3"),
            std::string::npos)
      << message;

  db::Connection conn(db.url());
  EXPECT_TRUE(table_exists(conn, "u"));
  EXPECT_FALSE(table_exists(conn, "v"));
  EXPECT_FALSE(conn.exec("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ux_t_a'::regclass")
                   .boolean(0, 0));
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"aaa111"});
  EXPECT_EQ(count(conn,
                  "SELECT count(*) FROM qgp_schema_history WHERE revision = 'bbb222' AND "
                  "step = 1 AND steps = 3"),
            1);
  const auto report = migrator.verify();
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_NE(report.problems[0].find("partially upgraded: 1 of 3 statements ran"),
            std::string::npos);
  EXPECT_NE(error_of([&] { migrator.downgrade("base"); }).find("partially upgraded"),
            std::string::npos);

  // Fix the data and retry: the INVALID index is dropped, u is not created twice.
  conn.exec("DELETE FROM t WHERE ctid = (SELECT min(ctid) FROM t WHERE a = 1)");
  lines.clear();
  migrator.upgrade("head");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"bbb222"});
  EXPECT_TRUE(conn.exec("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ux_t_a'::regclass")
                  .boolean(0, 0));
  EXPECT_TRUE(table_exists(conn, "v"));
  const auto joined = fmt::format("{}", fmt::join(lines, "\n"));
  EXPECT_NE(joined.find("resuming non-transactional upgrade of bbb222 at statement 2 of 3"),
            std::string::npos)
      << joined;
  EXPECT_NE(joined.find("dropped INVALID index ux_t_a"), std::string::npos) << joined;
  EXPECT_TRUE(migrator.verify().ok());

  migrator.downgrade("aaa111");
  EXPECT_FALSE(table_exists(conn, "u"));
  EXPECT_EQ(count(conn,
                  "SELECT count(*) FROM qgp_schema_history WHERE revision = 'bbb222' AND "
                  "direction = 'downgrade' AND step IS NOT NULL"),
            3);
}

TEST(MigrateEngine, ChangedAppliedFileIsRefusedReportedAndRebaselined) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  three_tables(dir);
  {
    const auto graph = dir.graph();
    Migrator(db.url(), graph, quiet()).upgrade("bbb222");
  }
  // Line endings and trailing spaces are normalized away: no churn.
  dir.add(1, "aaa111", "", "CREATE TABLE t1 (id int PRIMARY KEY);   \r\n", "DROP TABLE t1;\r\n");
  {
    const auto graph = dir.graph();
    Migrator migrator(db.url(), graph, quiet());
    EXPECT_TRUE(migrator.verify().ok());
  }
  const auto file =
      dir.add(1, "aaa111", "", "CREATE TABLE t1 (id bigint PRIMARY KEY);\n", "DROP TABLE t1;\n");
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find("refusing to migrate: 1 applied revision file(s) changed"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find(file), std::string::npos) << message;
  EXPECT_NE(message.find("qgp db rebaseline"), std::string::npos) << message;
  db::Connection conn(db.url());
  EXPECT_FALSE(table_exists(conn, "t3"));
  const auto report = migrator.verify();
  ASSERT_EQ(report.problems.size(), 1U);
  EXPECT_NE(report.problems[0].find(file + " (revision aaa111) changed after it was applied"),
            std::string::npos);

  EXPECT_NE(error_of([&] { migrator.rebaseline("aaa111", " "); }).find("needs a reason"),
            std::string::npos);
  EXPECT_NE(error_of([&] { migrator.rebaseline("ccc333", "x"); }).find("not applied"),
            std::string::npos);
  migrator.rebaseline("aaa", "widened the id type in the file to match production");
  EXPECT_EQ(count(conn,
                  "SELECT count(*) FROM qgp_schema_history WHERE direction = 'rebaseline' "
                  "AND revision = 'aaa111' AND note LIKE 'widened%'"),
            1);
  EXPECT_TRUE(migrator.verify().ok());
  EXPECT_NE(error_of([&] { migrator.rebaseline("aaa111", "again"); }).find("nothing to"),
            std::string::npos);
  migrator.upgrade("head");
  EXPECT_TRUE(table_exists(conn, "t3"));
}

TEST(MigrateEngine, AdvisoryLockWaitIsBoundedWithAClearMessage) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  three_tables(dir);
  const auto graph = dir.graph();
  db::Connection holder(db.url());
  holder.exec(fmt::format("SELECT pg_advisory_lock({})", kAdvisoryLockKey));
  auto options = quiet();
  options.advisory_wait = std::chrono::milliseconds(300);
  Migrator migrator(db.url(), graph, options);
  const auto start = std::chrono::steady_clock::now();
  const auto message = error_of([&] { migrator.upgrade("head"); });
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, std::chrono::milliseconds(250));
  EXPECT_NE(message.find("another migration holds this database's migration lock (pid "
                         + std::to_string(holder.backend_pid())),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("gave up after waiting 300 ms (MIGRATION_ADVISORY_WAIT_MS)"),
            std::string::npos)
      << message;
  options.advisory_wait = std::chrono::milliseconds(0);
  Migrator no_wait(db.url(), graph, options);
  EXPECT_NE(error_of([&] { no_wait.upgrade("head"); }).find("gave up after waiting 0 ms"),
            std::string::npos);
  EXPECT_TRUE(migrator.current().empty());
  holder.exec(fmt::format("SELECT pg_advisory_unlock({})", kAdvisoryLockKey));
  migrator.upgrade("head");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"ccc333"});
}

TEST(MigrateEngine, LockTimeoutStopsADdlQueuedBehindALongTransaction) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  dir.add(1, "aaa111", "", "CREATE TABLE t (a int);\n", "DROP TABLE t;\n");
  const auto file = dir.add(2, "bbb222", "aaa111", "ALTER TABLE t ADD COLUMN b int;\n",
                            "ALTER TABLE t DROP COLUMN b;\n");
  const auto graph = dir.graph();
  auto options = quiet();
  options.lock_timeout = std::chrono::milliseconds(200);
  Migrator migrator(db.url(), graph, options);
  migrator.upgrade("aaa111");
  db::Connection reader(db.url());
  reader.exec("BEGIN; SELECT * FROM t");
  const auto message = error_of([&] { migrator.upgrade("head"); });
  EXPECT_NE(message.find(fmt::format("failed at {}:6", file)), std::string::npos) << message;
  EXPECT_NE(message.find("SQLSTATE 55P03"), std::string::npos) << message;
  reader.exec("ROLLBACK");
  migrator.upgrade("head");
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"bbb222"});
}

TEST(MigrateEngine, StampMovesTheVersionWithoutRunningSql) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  three_tables(dir);
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  migrator.stamp("bbb");
  db::Connection conn(db.url());
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"bbb222"});
  EXPECT_FALSE(table_exists(conn, "t1"));
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history WHERE direction = 'stamp'"), 2);
  EXPECT_TRUE(migrator.verify().ok());
  migrator.upgrade("head");  // applies only ccc333
  EXPECT_TRUE(table_exists(conn, "t3"));
  EXPECT_FALSE(table_exists(conn, "t1"));
  EXPECT_NE(error_of([&] { migrator.downgrade("zzz"); }).find("no revision"), std::string::npos);
  migrator.stamp("base");
  EXPECT_TRUE(migrator.current().empty());
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history WHERE direction = 'unstamp'"), 3);
  EXPECT_NE(error_of([&] { migrator.downgrade("aaa111"); }).find("is not applied"),
            std::string::npos);
}

TEST(MigrateEngine, SqlPlanTouchesNothingNeedsNoConfigAndIsExecutable) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  three_tables(dir);
  dir.add(4, "ddd444", "ccc333", "CREATE INDEX CONCURRENTLY ix_t3 ON t3 (id);\n",
          "DROP INDEX CONCURRENTLY ix_t3;\n", false);
  // APP_ENV=production with no secret: loading the configuration would fail, so this proves
  // the offline plan never loads it.
  const auto result = qgp::testing::run_qgp({"db", "upgrade", "head", "--sql", "--dir", dir.str()},
                                            {{"QGP_ENV_FILE", "/nonexistent"},
                                             {"APP_ENV", "production"},
                                             {"DATABASE_URL", db.url()},
                                             {"MIGRATION_LOCK_TIMEOUT_MS", "1234"}});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto& plan = result.out;
  EXPECT_NE(plan.find("CREATE TABLE IF NOT EXISTS public.qgp_schema_history"), std::string::npos);
  EXPECT_NE(plan.find("BEGIN;\nSET LOCAL lock_timeout = '1234ms';\nSET LOCAL synchronous_commit = "
                      "off;\nSELECT set_config('qgp.revision_started', clock_timestamp()::text, "
                      "true);\nCREATE TABLE t1"),
            std::string::npos)
      << plan;
  EXPECT_NE(plan.find("INSERT INTO public.qgp_schema_version (revision) VALUES ('aaa111');"),
            std::string::npos);
  EXPECT_NE(plan.find("SET lock_timeout = '1234ms';\nCREATE INDEX CONCURRENTLY ix_t3 ON t3 (id);"),
            std::string::npos)
      << plan;
  db::Connection conn(db.url());
  EXPECT_FALSE(table_exists(conn, "qgp_schema_version"));
  EXPECT_FALSE(table_exists(conn, "t1"));

  // The plan is the engine's own SQL: applied as a script it leaves the same bookkeeping.
  const auto transactional_only = qgp::testing::run_qgp(
      {"db", "upgrade", "ccc333", "--sql", "--dir", dir.str()}, {{"QGP_ENV_FILE", "/nonexistent"}});
  ASSERT_EQ(transactional_only.exit_code, 0) << transactional_only.err;
  conn.exec(transactional_only.out);
  const auto graph = dir.graph();
  Migrator migrator(db.url(), graph, quiet());
  EXPECT_EQ(migrator.current(), std::vector<std::string>{"ccc333"});
  EXPECT_TRUE(migrator.verify().ok());

  const auto down =
      qgp::testing::run_qgp({"db", "downgrade", "ccc333:aaa111", "--sql", "--dir", dir.str()},
                            {{"QGP_ENV_FILE", "/nonexistent"}});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("DROP TABLE t3;"), std::string::npos);
  EXPECT_NE(down.out.find("DROP TABLE t2;"), std::string::npos);
  EXPECT_EQ(down.out.find("DROP TABLE t1;"), std::string::npos);
  EXPECT_TRUE(table_exists(conn, "t3"));
}

TEST(MigrateCli, EveryCommandThroughTheBinary) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  three_tables(dir);
  auto env = cli_env(db);
  auto qgp = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "db");
    args.emplace_back("--dir");
    args.emplace_back(dir.str());
    return qgp::testing::run_qgp(args, env);
  };
  const std::map<std::string, std::string> offline = {{"QGP_ENV_FILE", "/nonexistent"}};
  auto offline_qgp = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "db");
    args.emplace_back("--dir");
    args.emplace_back(dir.str());
    return qgp::testing::run_qgp(args, offline);
  };

  auto r = offline_qgp({"heads"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ccc333 (head)\n");
  r = offline_qgp({"history", "-v"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("bbb222 -> ccc333 (head), revision ccc333\n", 0), 0U) << r.out;
  EXPECT_NE(r.out.find("<base> -> aaa111, revision aaa111\n    file: 20260101_000001_aaa111_r.sql"),
            std::string::npos)
      << r.out;
  r = offline_qgp({"show", "bbb"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Revision: bbb222\nParents: aaa111\nChildren: ccc333"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("CREATE TABLE t2"), std::string::npos);
  r = offline_qgp({"branches"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "");

  r = qgp({"current"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = qgp({"upgrade", "head"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("upgraded 3 revision(s)"), std::string::npos) << r.out;
  r = qgp({"current"});
  EXPECT_EQ(r.out, "ccc333 (head)\n");
  r = qgp({"history", "--applied"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("upgrade    ccc333"), std::string::npos) << r.out;
  r = qgp({"verify"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("verify: OK"), std::string::npos);
  r = qgp({"downgrade", "-1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = qgp({"stamp", "head"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(qgp({"current"}).out, "ccc333 (head)\n");
  r = qgp({"upgrade", "nope"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no revision 'nope'"), std::string::npos) << r.err;

  // revision: a new file after the head; two heads then need a merge.
  r = offline_qgp({"revision", "-m", "add widgets"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("_add_widgets.sql (down_revision: ccc333)"), std::string::npos) << r.out;
  r = offline_qgp({"revision", "-m", "side branch", "--head", "bbb222"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = offline_qgp({"heads"});
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
  r = offline_qgp({"branches"});
  EXPECT_EQ(r.out.rfind("bbb222 (branchpoint) -> ", 0), 0U) << r.out;
  r = offline_qgp({"revision", "-m", "third"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("qgp db merge"), std::string::npos) << r.err;
  r = offline_qgp({"revision", "-m", "auto", "--autogenerate"});
  EXPECT_NE(r.exit_code, 0);
  r = offline_qgp({"merge", "heads", "-m", "merge branches"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = offline_qgp({"heads"});
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  r = qgp({"upgrade", "head"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("upgraded 3 revision(s)"), std::string::npos) << r.out;

  // A changed applied file: upgrade refuses (exit 1), verify reports it, rebaseline records it.
  dir.add(2, "bbb222", "aaa111", "CREATE TABLE t2 (id int PRIMARY KEY); -- edited\n",
          "DROP TABLE t2;\n");
  r = qgp({"upgrade", "head"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("20260101_000002_bbb222_r.sql (revision bbb222)"), std::string::npos)
      << r.err;
  r = qgp({"verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("PROBLEM: 20260101_000002_bbb222_r.sql"), std::string::npos) << r.out;
  r = qgp({"rebaseline", "bbb222", "--reason", "comment only"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(qgp({"verify"}).exit_code, 0);

  // Malformed file: a clear error with file and line.
  dir.write("20260101_000009_bad999_r.sql", "-- revision: bad999\n-- down_revision: nope\n");
  r = offline_qgp({"heads"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("20260101_000009_bad999_r.sql:1: missing `-- message:`"), std::string::npos)
      << r.err;
}

TEST(MigrateConcurrency, EightProcessesApplyEveryRevisionExactlyOnce) {
  TestDatabase db(TestDatabase::Source::kEmpty);
  RevisionDir dir;
  constexpr int kRevisions = 20;
  std::string parent;
  for (int i = 1; i <= kRevisions; ++i) {
    const auto id = fmt::format("c{:05}", i);
    std::string upgrade;
    if (i == 1) {
      upgrade = "CREATE TABLE applied_log (revision text NOT NULL);\n";
    }
    upgrade += fmt::format(
        "CREATE TABLE t_{0} (id int);\nSELECT pg_sleep(0.01);\nINSERT INTO applied_log VALUES "
        "('{1}');\n",
        i, id);
    dir.add(i, id, parent, upgrade, fmt::format("DROP TABLE t_{};\n", i));
    parent = id;
  }
  const auto env = cli_env(db);
  std::vector<qgp::testing::ProcessResult> results(8);
  std::vector<std::thread> threads;
  threads.reserve(results.size());
  for (auto& result : results) {
    threads.emplace_back([&result, &dir, &env] {
      result = qgp::testing::run_qgp({"db", "upgrade", "head", "--dir", dir.str()}, env);
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  int appliers = 0;
  for (const auto& result : results) {
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.out.find("upgraded 20 revision(s)") != std::string::npos) {
      ++appliers;
    }
  }
  db::Connection conn(db.url());
  EXPECT_EQ(count(conn, "SELECT count(*) FROM applied_log"), kRevisions);
  EXPECT_EQ(count(conn, "SELECT count(DISTINCT revision) FROM applied_log"), kRevisions);
  EXPECT_EQ(count(conn, "SELECT count(*) FROM qgp_schema_history WHERE direction = 'upgrade'"),
            kRevisions);
  EXPECT_EQ(conn.exec("SELECT revision FROM qgp_schema_version").string(0, 0),
            fmt::format("c{:05}", kRevisions));
  // The first process to take the lock applies everything; the others find nothing to do.
  EXPECT_EQ(appliers, 1);
}

}  // namespace
}  // namespace qgp::migrate
