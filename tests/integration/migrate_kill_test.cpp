// A deployer killed with SIGKILL at several points of a slow revision, and a second `qgp db
// upgrade head` started at once: the second run waits for the first one's database session to
// end, re-reads the version, applies only what is pending, and exits 0; every revision is applied
// exactly once. Synchronised on what the database shows (pg_stat_activity), never on sleeps.
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/runner.hpp"
#include "migrate_test_support.hpp"
#include "support/test_database.hpp"

namespace qgp::migrate {
namespace {

using namespace std::chrono_literals;
using qgp::testing::TestDatabase;

using test::count;
using test::temp_path;

// `qgp db upgrade head` as a child process that can be killed; its output goes to a file.
class Deployer {
 public:
  Deployer(const std::string& dir, const std::string& url) : log_(temp_path("log")) {
    std::vector<std::string> args = {QGP_BINARY, "db", "upgrade", "head", "--dir", dir};
    std::vector<std::string> env = {
        "PATH=/usr/bin:/bin", "QGP_ENV_FILE=/nonexistent", "DATABASE_URL=" + url,
        // Generous bounds: the test, not a timeout, decides when the first run ends.
        "MIGRATION_ADVISORY_WAIT_MS=120000", "MIGRATION_LOCK_TIMEOUT_MS=120000"};
    std::vector<char*> argv;
    for (auto& arg : args) {
      argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& entry : env) {
      envp.push_back(entry.data());
    }
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions{};
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    const int spawned = ::posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) {
      throw std::runtime_error("could not start qgp");
    }
  }
  Deployer(const Deployer&) = delete;
  Deployer& operator=(const Deployer&) = delete;
  Deployer(Deployer&&) = delete;
  Deployer& operator=(Deployer&&) = delete;
  ~Deployer() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    std::filesystem::remove(log_);
  }

  void kill9() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  int wait() {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  [[nodiscard]] std::string output() const {
    std::ifstream in(log_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  std::filesystem::path log_;
  pid_t pid_ = -1;
};

// Polls what the database shows until `condition` (a boolean SELECT) holds; false after a
// minute (a readiness probe, not a timing assumption: every poll re-reads the real state).
bool eventually(db::Connection& conn, const std::string& condition) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    if (conn.exec("SELECT " + condition).boolean(0, 0)) {
      return true;
    }
    std::this_thread::sleep_for(5ms);
  }
  return false;
}

std::string engine_session(const std::string& condition) {
  return fmt::format(
      "EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND "
      "application_name = 'qgp db migrate' AND {})",
      condition);
}

// The slow revision kill02: a lock the test may hold before the slow statement, the slow
// statement, a lock the test may hold after it, and DDL that cannot run twice; kill03 after it.
void kill_revisions(const test::RevisionDir& dir) {
  dir.add(1, "kill01", "",
          "CREATE TABLE applied_log (revision text NOT NULL, step text NOT NULL);\n"
          "CREATE TABLE gate_before (id int);\nCREATE TABLE gate_after (id int);\n"
          "CREATE TABLE gate_next (id int);\n",
          "DROP TABLE gate_next, gate_after, gate_before, applied_log;\n");
  dir.add(2, "kill02", "kill01",
          "INSERT INTO applied_log VALUES ('kill02', 'start');\n"
          "LOCK TABLE gate_before IN ACCESS EXCLUSIVE MODE;\n"
          "SELECT pg_sleep(2);\n"
          "INSERT INTO applied_log VALUES ('kill02', 'slept');\n"
          "LOCK TABLE gate_after IN ACCESS EXCLUSIVE MODE;\n"
          "CREATE TABLE made_by_kill02 (id int);\n"
          "INSERT INTO applied_log VALUES ('kill02', 'end');\n",
          "DROP TABLE made_by_kill02;\n");
  dir.add(3, "kill03", "kill02",
          "LOCK TABLE gate_next IN ACCESS EXCLUSIVE MODE;\n"
          "CREATE TABLE made_by_kill03 (id int);\n"
          "INSERT INTO applied_log VALUES ('kill03', 'end');\n",
          "DROP TABLE made_by_kill03;\n");
}

// The end state every scenario must reach, whoever applied what.
void expect_every_revision_applied_exactly_once(db::Connection& conn) {
  EXPECT_EQ(conn.exec("SELECT string_agg(revision, ',') FROM qgp_schema_version").string(0, 0),
            "kill03");
  for (const auto* revision : {"kill01", "kill02", "kill03"}) {
    EXPECT_EQ(count(conn, fmt::format("SELECT count(*) FROM qgp_schema_history WHERE revision = "
                                      "'{}' AND direction = 'upgrade'",
                                      revision)),
              1)
        << revision;
  }
  EXPECT_EQ(count(conn, "SELECT count(*) FROM applied_log WHERE revision = 'kill02'"), 3);
  EXPECT_EQ(count(conn, "SELECT count(*) FROM applied_log WHERE revision = 'kill03'"), 1);
  EXPECT_TRUE(conn.exec("SELECT to_regclass('made_by_kill02') IS NOT NULL AND "
                        "to_regclass('made_by_kill03') IS NOT NULL")
                  .boolean(0, 0));
}

struct Scenario {
  TestDatabase db{TestDatabase::Source::kEmpty};
  test::RevisionDir dir;
  db::Connection watch{db.url()};  // observes
  db::Connection gate{db.url()};   // holds what the first deployer must wait for

  Scenario() {
    kill_revisions(dir);
    const auto graph = dir.graph();
    Migrator(db.url(), graph, test::quiet()).upgrade("kill01");
    // Its session may still be on its way out: the first deployer must be the only one seen.
    EXPECT_TRUE(eventually(watch, "NOT " + engine_session("true")));
  }

  // Kill the first deployer once `condition` shows, start the second at once, and let go of
  // the gate once the second has shown what it does meanwhile: wait for the migration lock, or
  // (were the lock not held by the first one's surviving session) run the slow revision again.
  // The second must finish the job.
  void run(const std::string& condition, const std::string& release) {
    Deployer first(dir.str(), db.url());
    ASSERT_TRUE(eventually(watch, condition)) << first.output();
    const auto orphan = watch
                            .exec(
                                "SELECT pid FROM pg_stat_activity WHERE datname = "
                                "current_database() AND application_name = 'qgp db migrate'")
                            .int64(0, 0);
    first.kill9();
    Deployer second(dir.str(), db.url());
    ASSERT_TRUE(eventually(
        watch, engine_session(fmt::format("pid <> {} AND (query LIKE 'SELECT "
                                          "pg_try_advisory_lock%' OR wait_event_type IN ('Lock', "
                                          "'Timeout'))",
                                          orphan))))
        << second.output();
    gate.exec(release);
    const auto code = second.wait();
    EXPECT_EQ(code, 0) << second.output();
    expect_every_revision_applied_exactly_once(watch);
  }
};

TEST(MigrateKill, KilledWhileWaitingForTheMigrationLock) {
  Scenario s;
  s.gate.exec(fmt::format("SELECT pg_advisory_lock({})", kAdvisoryLockKey));
  s.run(engine_session("true"), fmt::format("SELECT pg_advisory_unlock({})", kAdvisoryLockKey));
}

TEST(MigrateKill, KilledBeforeTheSlowStatement) {
  Scenario s;
  s.gate.exec("BEGIN; LOCK TABLE gate_before IN ACCESS SHARE MODE");
  s.run(engine_session("wait_event_type = 'Lock'"), "ROLLBACK");
}

TEST(MigrateKill, KilledDuringTheSlowStatement) {
  Scenario s;
  s.run(engine_session("wait_event = 'PgSleep'"), "SELECT 1");
}

TEST(MigrateKill, KilledAfterTheSlowStatement) {
  Scenario s;
  s.gate.exec("BEGIN; LOCK TABLE gate_after IN ACCESS SHARE MODE");
  s.run(engine_session("wait_event_type = 'Lock'"), "ROLLBACK");
}

TEST(MigrateKill, KilledInTheNextRevisionAfterTheSlowOneCommitted) {
  Scenario s;
  s.gate.exec("BEGIN; LOCK TABLE gate_next IN ACCESS SHARE MODE");
  s.run(engine_session("wait_event_type = 'Lock'")
            + " AND EXISTS (SELECT 1 FROM qgp_schema_version WHERE revision = 'kill02')",
        "ROLLBACK");
}

}  // namespace
}  // namespace qgp::migrate
