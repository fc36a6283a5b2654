#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "migrate/graph.hpp"

namespace qgp::migrate {

// The engine's bookkeeping tables (schema public). `qgp db check` leaves exactly these out.
inline constexpr std::string_view kVersionTable = "qgp_schema_version";
inline constexpr std::string_view kHistoryTable = "qgp_schema_history";
// Session-level advisory lock key every migrator of a database takes ("qgp_migr" as bytes).
inline constexpr std::int64_t kAdvisoryLockKey = 0x7167705f6d696772;

// A migration that could not run or failed: the message names revision, file, line and SQLSTATE
// where there are some, and what the database looks like now.
class MigrationError : public core::Error {
 public:
  MigrationError(core::ErrorCode code, const std::string& message) : core::Error(code, message) {}
};

struct MigratorOptions {
  // SET lock_timeout for every revision: DDL never queues behind a long transaction for longer.
  std::chrono::milliseconds lock_timeout{5000};
  // How long to wait for another migrator's advisory lock (0: do not wait).
  std::chrono::milliseconds advisory_wait{60000};
  // Consecutive transactional revisions run as one transaction (Alembic's default; psql's
  // --single-transaction): one commit instead of one per revision, but a failure rolls back the
  // whole group and its locks are held until the group commits (ADR-0011). Non-transactional
  // revisions always run on their own.
  bool single_transaction = false;
  // One line per revision applied (with its duration) and notes; nullptr keeps quiet.
  std::function<void(const std::string&)> progress;
};

// What an offline `--sql` plan needs to send exactly what a live run would.
struct PlanOptions {
  std::chrono::milliseconds lock_timeout{5000};
  bool single_transaction = false;
};

// One row of qgp_schema_history.
struct HistoryEntry {
  std::int64_t id = 0;
  std::string revision;
  std::string direction;  // upgrade, downgrade, stamp, unstamp, rebaseline
  std::string file_name;
  std::string checksum;
  std::optional<std::int64_t> step;  // non-transactional progress row: statements done so far
  std::optional<std::int64_t> steps;
  std::string applied_at;  // RFC 3339, UTC
  double duration_ms = 0;
  std::string db_role;
  std::string os_user;
  std::string host;
  std::string tool_version;
  std::string note;
};

struct VerifyReport {
  std::vector<std::string> problems;  // empty: checksums and history are consistent
  std::vector<std::string> notes;     // informational (pending revisions, ...)
  [[nodiscard]] bool ok() const noexcept { return problems.empty(); }
};

// Applies and reverts revisions on one database. Every mutating call takes the session-level
// advisory lock on the session that runs the DDL (bounded wait), so a deployer killed mid-revision
// holds it until its last statement has ended; it re-reads the state under the lock (so
// concurrent and successive runners apply each revision exactly once), checks every pending file
// before the first statement (a refused run leaves the database untouched), refuses to run when
// an applied file's checksum changed, and runs each transactional revision (or, with
// single_transaction, each run of consecutive ones) as one transaction sent in one round trip
// with its bookkeeping rows. A failure names the statement that failed, known from the results
// that arrived before it: nothing is ever run twice. Non-transactional revisions run statement
// by statement with recorded progress; a retry resumes after the last applied statement.
class Migrator {
 public:
  Migrator(std::string conninfo, const RevisionGraph& graph, MigratorOptions options);

  void upgrade(std::string_view target);
  void downgrade(std::string_view target);
  // The revisions in the version table (the database's heads); empty at base. Read-only.
  std::vector<std::string> current();
  // Sets the version table to `target` without running SQL (recorded in the history).
  void stamp(std::string_view target);
  // Accepts the current file of an applied revision whose checksum changed; recorded with reason.
  void rebaseline(std::string_view revision, std::string_view reason);
  // Read-only consistency report: checksums, unknown revisions, partial non-transactional runs.
  VerifyReport verify();
  // The newest `limit` history rows, newest first. Read-only.
  std::vector<HistoryEntry> applied_history(std::size_t limit = 1000);

 private:
  std::string conninfo_;
  const RevisionGraph& graph_;
  MigratorOptions options_;
};

// Offline `--sql` plans: the exact SQL the engine would send (bookkeeping DDL, advisory lock,
// lock_timeout, transaction boundaries, version and history rows), touching no database.
// `range` is a target, or FROM:TO. Upgrades start at base unless FROM is given; downgrades start
// at the graph's heads unless FROM is given.
// Every file of the plan is checked as a live run checks it (RevisionFileError).
std::string render_upgrade_plan(const RevisionGraph& graph, std::string_view range,
                                const PlanOptions& options);
std::string render_downgrade_plan(const RevisionGraph& graph, std::string_view range,
                                  const PlanOptions& options);

// The DDL that creates the bookkeeping tables (idempotent).
std::string bookkeeping_ddl();

}  // namespace qgp::migrate
