#include "migrate/runner.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <regex>
#include <unordered_map>
#include <utility>

#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/connection.hpp"
#include "db/errors.hpp"
#include "migrate/splitter.hpp"

namespace qgp::migrate {

namespace {

using Clock = std::chrono::steady_clock;

enum class Direction : std::uint8_t { kUpgrade, kDowngrade };

std::string_view direction_name(Direction direction) {
  return direction == Direction::kUpgrade ? "upgrade" : "downgrade";
}

// A SQL string literal. standard_conforming_strings is on (the default since 9.1), so only the
// quote needs doubling.
std::string lit(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    out.push_back(c);
    if (c == '\'') {
      out.push_back('\'');
    }
  }
  out.push_back('\'');
  return out;
}

std::string lit_or_null(const std::optional<std::string>& text) {
  return text ? lit(*text) : std::string("NULL");
}

std::string heads_text(const std::vector<std::string>& heads) {
  return heads.empty() ? std::string("base") : fmt::to_string(fmt::join(heads, ", "));
}

double millis_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Who ran a migration, for the audit trail.
struct Identity {
  std::optional<std::string> os_user;
  std::optional<std::string> host;
};

Identity local_identity() {
  Identity identity;
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) == 0) {
    identity.host = std::string(host.data());
  }
  std::array<char, 1024> buffer{};
  passwd entry{};
  passwd* found = nullptr;
  if (::getpwuid_r(::geteuid(), &entry, buffer.data(), buffer.size(), &found) == 0
      && found != nullptr) {
    identity.os_user = std::string(found->pw_name);
  }
  return identity;
}

struct HistoryRow {
  std::string revision;
  std::string direction;
  std::string file_name;
  std::string checksum;
  std::optional<int> step;
  std::optional<int> steps;
  std::optional<std::string> note;
  std::string duration_sql = "0";
};

std::string history_insert(const HistoryRow& row, const Identity& who) {
  return fmt::format(
      "INSERT INTO public.qgp_schema_history (revision, direction, file_name, checksum, step, "
      "steps, duration_ms, os_user, host, tool_version, note) VALUES ({}, {}, {}, {}, {}, {}, {}, "
      "{}, {}, {}, {});\n",
      lit(row.revision), lit(row.direction), lit(row.file_name), lit(row.checksum),
      row.step ? std::to_string(*row.step) : "NULL",
      row.steps ? std::to_string(*row.steps) : "NULL", row.duration_sql, lit_or_null(who.os_user),
      lit_or_null(who.host), lit(QGP_VERSION), lit_or_null(row.note));
}

std::string version_update(const std::vector<std::string>& before,
                           const std::vector<std::string>& after) {
  std::vector<std::string> removed;
  std::vector<std::string> added;
  for (const auto& id : before) {
    if (std::ranges::find(after, id) == after.end()) {
      removed.push_back(lit(id));
    }
  }
  for (const auto& id : after) {
    if (std::ranges::find(before, id) == before.end()) {
      added.push_back(fmt::format("({})", lit(id)));
    }
  }
  std::string out;
  if (!removed.empty()) {
    out += fmt::format("DELETE FROM public.qgp_schema_version WHERE revision IN ({});\n",
                       fmt::join(removed, ", "));
  }
  if (!added.empty()) {
    out += fmt::format("INSERT INTO public.qgp_schema_version (revision) VALUES {};\n",
                       fmt::join(added, ", "));
  }
  return out;
}

std::string lock_timeout_literal(std::chrono::milliseconds timeout) {
  return lit(fmt::format("{}ms", timeout.count()));
}

// Server-side duration of the revision body: statement_timestamp() is when the one query string
// of the revision arrived.
constexpr std::string_view kServerDuration =
    "extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000";

const std::string& section_sql(const Revision& revision, Direction direction) {
  return direction == Direction::kUpgrade ? revision.upgrade_sql : revision.downgrade_sql;
}

int section_line(const Revision& revision, Direction direction) {
  return direction == Direction::kUpgrade ? revision.upgrade_line : revision.downgrade_line;
}

struct Script {
  std::string text;
  std::size_t body_offset = 0;
};

// The whole of one transactional revision as one query string: one round trip, one transaction.
Script transactional_script(const Revision& revision, Direction direction,
                            const std::vector<std::string>& heads_before,
                            const std::vector<std::string>& heads_after,
                            std::chrono::milliseconds lock_timeout, bool async_commit,
                            const Identity& who) {
  Script script;
  script.text =
      fmt::format("BEGIN;\nSET LOCAL lock_timeout = {};\n", lock_timeout_literal(lock_timeout));
  if (async_commit) {
    // Only for revisions followed by another one in the same run: the last commit is synchronous
    // and flushes the WAL of all earlier ones, and a lost async commit loses its history row
    // with it, so the database never claims a revision it does not have.
    script.text += "SET LOCAL synchronous_commit = off;\n";
  }
  script.body_offset = script.text.size();
  script.text += section_sql(revision, direction);
  // A final `-- comment` without a newline must not swallow what follows.
  script.text += "\n;\n";
  script.text += version_update(heads_before, heads_after);
  HistoryRow row;
  row.revision = revision.id;
  row.direction = std::string(direction_name(direction));
  row.file_name = revision.file_name;
  row.checksum = revision.checksum;
  row.duration_sql = std::string(kServerDuration);
  script.text += history_insert(row, who);
  script.text += "COMMIT;\n";
  return script;
}

// `CREATE [UNIQUE] INDEX CONCURRENTLY [IF NOT EXISTS] name ON ...`: the index a failed statement
// may leave behind INVALID.
std::optional<std::string> concurrent_index_name(std::string_view statement) {
  static const std::regex kPattern(
      R"(^\s*create\s+(?:unique\s+)?index\s+concurrently\s+(?:if\s+not\s+exists\s+)?("(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)\s+on\b)",
      std::regex::icase | std::regex::ECMAScript);
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(statement.begin(), statement.end(), match, kPattern)) {
    return std::nullopt;
  }
  std::string name = match[1].str();
  if (name.front() == '"') {
    std::string unquoted;
    for (std::size_t i = 1; i + 1 < name.size(); ++i) {
      unquoted.push_back(name[i]);
      if (name[i] == '"') {
        ++i;
      }
    }
    return unquoted;
  }
  std::ranges::transform(name, name.begin(),
                         [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return name;
}

// nullopt: no such index; true/false: indisvalid.
std::optional<bool> index_validity(db::Connection& conn, const std::string& name) {
  const auto result = conn.exec(
      "SELECT i.indisvalid FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = "
      "i.indexrelid WHERE c.relname = $1 AND pg_catalog.pg_table_is_visible(c.oid)",
      db::Params(name));
  if (result.empty()) {
    return std::nullopt;
  }
  return result.boolean(0, 0);
}

std::string first_line_of(std::string_view text) {
  auto line = text.substr(0, text.find('\n'));
  if (line.size() > 120) {
    return std::string(line.substr(0, 117)) + "...";
  }
  return std::string(line);
}

std::string diagnostics_text(const db::Diagnostics& d) {
  std::string out =
      fmt::format("SQLSTATE {}: {}", d.sqlstate.empty() ? "?????" : d.sqlstate, d.message);
  if (!d.detail.empty()) {
    out += fmt::format("\n  detail: {}", d.detail);
  }
  if (!d.hint.empty()) {
    out += fmt::format("\n  hint: {}", d.hint);
  }
  if (d.sqlstate == "55P03") {
    out +=
        "\n  a lock was not granted within lock_timeout (MIGRATION_LOCK_TIMEOUT_MS): another "
        "transaction holds it; retry when it has finished";
  }
  return out;
}

// The file line of a 1-based character position inside a statement.
int line_in_statement(const Statement& statement, int position) {
  if (position <= 0) {
    return statement.line;
  }
  const auto offset = byte_offset_of_char_position(statement.text, position);
  return line_of_offset(statement.text, offset, statement.line);
}

// ---- database state ------------------------------------------------------------------------

struct Progress {
  std::string direction;
  int step = 0;
  int steps = 0;
  std::string checksum;
};

struct DbState {
  bool tables = false;
  std::vector<std::string> heads;
  std::unordered_map<std::string, std::string> applied_checksum;  // latest applying row
  std::unordered_map<std::string, std::string> last_complete;     // its direction
  std::unordered_map<std::string, Progress> partial;
};

bool tables_exist(db::Connection& conn) {
  const auto result = conn.exec(
      "SELECT to_regclass('public.qgp_schema_version') IS NOT NULL AND "
      "to_regclass('public.qgp_schema_history') IS NOT NULL");
  return result.boolean(0, 0);
}

std::vector<std::string> read_heads(db::Connection& conn) {
  const auto result = conn.exec("SELECT revision FROM public.qgp_schema_version ORDER BY revision");
  std::vector<std::string> heads;
  heads.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    heads.push_back(result.string(row, 0));
  }
  return heads;
}

DbState read_state(db::Connection& conn) {
  DbState state;
  state.tables = tables_exist(conn);
  if (!state.tables) {
    return state;
  }
  state.heads = read_heads(conn);
  const auto result = conn.exec(
      "SELECT l.revision, l.direction, l.checksum, l.step, l.steps, c.direction, c.checksum "
      "FROM (SELECT DISTINCT ON (revision) revision, direction, checksum, step, steps "
      "FROM public.qgp_schema_history ORDER BY revision, id DESC) l "
      "LEFT JOIN (SELECT DISTINCT ON (revision) revision, direction, checksum "
      "FROM public.qgp_schema_history WHERE step IS NULL ORDER BY revision, id DESC) c "
      "USING (revision)");
  for (int row = 0; row < result.rows(); ++row) {
    auto revision = result.string(row, 0);
    if (!result.is_null(row, 3)) {
      Progress progress;
      progress.direction = result.string(row, 1);
      progress.checksum = result.string(row, 2);
      progress.step = static_cast<int>(result.int64(row, 3));
      progress.steps = result.is_null(row, 4) ? 0 : static_cast<int>(result.int64(row, 4));
      state.partial.emplace(revision, std::move(progress));
    }
    if (!result.is_null(row, 5)) {
      const auto direction = result.string(row, 5);
      state.last_complete.emplace(revision, direction);
      if (direction == "upgrade" || direction == "stamp" || direction == "rebaseline") {
        state.applied_checksum.emplace(revision, result.string(row, 6));
      }
    }
  }
  return state;
}

// ---- advisory lock -------------------------------------------------------------------------

// The session-level advisory lock, on a connection of its own: never inside a migration
// transaction, so CREATE INDEX CONCURRENTLY on the migration connection does not wait for it.
class AdvisoryLock {
 public:
  AdvisoryLock(const std::string& conninfo, std::chrono::milliseconds wait) : conn_(conninfo) {
    conn_.exec("SET application_name = 'qgp db migrate'");
    const auto key = std::to_string(kAdvisoryLockKey);
    if (wait.count() == 0) {
      if (!conn_.exec(fmt::format("SELECT pg_try_advisory_lock({})", key)).boolean(0, 0)) {
        throw busy(wait);
      }
      return;
    }
    // lock_timeout bounds the wait for an advisory lock too, and a waiter wakes up the moment
    // the holder lets go (no polling).
    conn_.exec(fmt::format("SET lock_timeout = {}", lock_timeout_literal(wait)));
    try {
      conn_.exec(fmt::format("SELECT pg_advisory_lock({})", key));
    } catch (const db::LockTimeout&) {
      throw busy(wait);
    }
    conn_.exec("RESET lock_timeout");
  }
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;
  AdvisoryLock(AdvisoryLock&&) = delete;
  AdvisoryLock& operator=(AdvisoryLock&&) = delete;
  ~AdvisoryLock() {
    try {
      conn_.exec(fmt::format("SELECT pg_advisory_unlock({})", kAdvisoryLockKey));
    } catch (...) {  // NOLINT(bugprone-empty-catch): closing the connection releases it anyway
    }
  }

 private:
  MigrationError busy(std::chrono::milliseconds wait) {
    std::string holder = "another session";
    try {
      const auto result = conn_.exec(fmt::format(
          "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
          "coalesce(a.client_addr::text, 'local'), to_char(a.backend_start AT TIME ZONE 'UTC', "
          "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM pg_catalog.pg_locks l JOIN "
          "pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND "
          "l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = "
          "current_database()) AND l.classid = {} AND l.objid = {} AND l.objsubid = 1",
          static_cast<std::uint64_t>(kAdvisoryLockKey) >> 32U,
          static_cast<std::uint64_t>(kAdvisoryLockKey) & 0xFFFFFFFFU));
      if (!result.empty()) {
        holder = fmt::format("pid {} ('{}', role {}, from {}, connected since {})",
                             result.string(0, 0), result.string(0, 1), result.string(0, 2),
                             result.string(0, 3), result.string(0, 4));
      }
    } catch (const db::DbError&) {  // NOLINT(bugprone-empty-catch): the holder is a courtesy
    }
    return {
        core::ErrorCode::kTimeout,
        fmt::format("another migration holds this database's migration lock ({}); gave up after "
                    "waiting {} ms (MIGRATION_ADVISORY_WAIT_MS). Run again when it has finished, "
                    "or raise MIGRATION_ADVISORY_WAIT_MS",
                    holder, wait.count())};
  }

  db::Connection conn_;
};

// ---- one mutating run ----------------------------------------------------------------------

class Run {
 public:
  Run(const std::string& conninfo, const RevisionGraph& graph, const MigratorOptions& options)
      : graph_(graph),
        options_(options),
        lock_(conninfo, options.advisory_wait),
        conn_(conninfo),
        who_(local_identity()) {
    conn_.exec(bookkeeping_ddl());
    state_ = read_state(conn_);
    for (const auto& head : state_.heads) {
      if (graph_.find(head) == nullptr) {
        throw MigrationError(
            core::ErrorCode::kConflict,
            fmt::format("the database is at revision '{}', which no revision file defines (a "
                        "newer binary or another --dir applied it?); refusing to touch it",
                        head));
      }
    }
    applied_ = graph_.closure(state_.heads);
  }

  void note(const std::string& line) const {
    if (options_.progress) {
      options_.progress(line);
    }
  }

  // Applied files must be the files that were applied.
  void check_checksums() const {
    std::vector<std::string> changed;
    for (std::size_t i = 0; i < graph_.size(); ++i) {
      if (!applied_[i]) {
        continue;
      }
      const auto& revision = graph_.revisions()[i];
      const auto it = state_.applied_checksum.find(revision.id);
      if (it != state_.applied_checksum.end() && it->second != revision.checksum) {
        changed.push_back(
            fmt::format("  {} (revision {}): applied with sha256 {}, the file now "
                        "has {}",
                        revision.file_name, revision.id, it->second.substr(0, 12),
                        revision.checksum.substr(0, 12)));
      }
    }
    if (!changed.empty()) {
      throw MigrationError(
          core::ErrorCode::kConflict,
          fmt::format("refusing to migrate: {} applied revision file(s) changed since they were "
                      "applied:\n{}\nRevert the edit (applied revisions are immutable; write a new "
                      "revision instead), or, if the change is deliberate and harmless, record it "
                      "with `qgp db rebaseline REV --reason TEXT`",
                      changed.size(), fmt::join(changed, "\n")));
    }
  }

  void refuse_partial(Direction direction) const {
    for (const auto& [revision, progress] : state_.partial) {
      if (progress.direction != direction_name(direction)) {
        throw MigrationError(
            core::ErrorCode::kConflict,
            fmt::format("revision {} is partially {}d ({} of {} statements); finish it with "
                        "`qgp db {}` before running a {}",
                        revision, progress.direction, progress.step, progress.steps,
                        progress.direction, direction_name(direction)));
      }
    }
  }

  std::vector<std::string> heads() const { return graph_.heads_of(applied_); }

  void migrate(Direction direction, std::string_view target) {
    check_checksums();
    refuse_partial(direction);
    const auto resolved = graph_.resolve(target, state_.heads);
    std::vector<std::string> path;
    if (direction == Direction::kUpgrade) {
      path = graph_.upgrade_path(state_.heads, resolved);
    } else {
      if (!resolved.base) {
        for (const auto& id : resolved.revisions) {
          if (!applied_[graph_.index_of(id)]) {
            throw TargetError(fmt::format(
                "revision {} is not applied, so there is nothing to downgrade to (the database "
                "is at {}); use `qgp db upgrade {}`",
                id, heads_text(state_.heads), id));
          }
        }
      }
      path = graph_.downgrade_path(state_.heads, resolved);
    }
    if (path.empty()) {
      note(fmt::format("nothing to {}: the database is at {}", direction_name(direction),
                       heads_text(state_.heads)));
      return;
    }
    // Split every revision first: a malformed later file must stop the run before it starts.
    std::vector<std::vector<Statement>> statements;
    statements.reserve(path.size());
    for (const auto& id : path) {
      const auto& revision = graph_.get(id);
      statements.push_back(split_sql(section_sql(revision, direction), revision.file_name,
                                     section_line(revision, direction)));
    }
    const auto start = Clock::now();
    for (std::size_t k = 0; k < path.size(); ++k) {
      const auto& revision = graph_.get(path[k]);
      const bool last = k + 1 == path.size();
      const auto before = heads();
      applied_[graph_.index_of(revision.id)] = direction == Direction::kUpgrade;
      const auto after = heads();
      const auto t0 = Clock::now();
      if (revision.transactional) {
        apply_transactional(revision, direction, statements[k], before, after, !last);
      } else {
        apply_non_transactional(revision, direction, statements[k], before, after);
      }
      (void)conn_.take_notices();
      note(fmt::format("{:<9} {}  {}  {:.1f} ms", direction_name(direction), revision.id,
                       revision.file_name, millis_since(t0)));
    }
    note(fmt::format("{}d {} revision(s) in {:.1f} ms; the database is at {}",
                     direction_name(direction), path.size(), millis_since(start),
                     heads_text(heads())));
  }

  void apply_transactional(const Revision& revision, Direction direction,
                           const std::vector<Statement>& statements,
                           const std::vector<std::string>& before,
                           const std::vector<std::string>& after, bool async_commit) {
    const auto script = transactional_script(revision, direction, before, after,
                                             options_.lock_timeout, async_commit, who_);
    try {
      conn_.exec(script.text);
    } catch (const db::DbError& error) {
      rollback_quietly();
      throw locate_failure(revision, direction, statements, script, error, before);
    }
  }

  void rollback_quietly() {
    try {
      if (conn_.in_transaction()) {
        conn_.exec("ROLLBACK");
      }
    } catch (const db::DbError&) {  // NOLINT(bugprone-empty-catch): the connection is gone
    }
  }

  // Which statement failed: from the error position when the server gave one, else by running
  // the statements one by one in a transaction that is rolled back (only on this failure path).
  MigrationError locate_failure(const Revision& revision, Direction direction,
                                const std::vector<Statement>& statements, const Script& script,
                                const db::DbError& error, const std::vector<std::string>& before) {
    const auto& body = section_sql(revision, direction);
    std::optional<std::size_t> failed;
    int line = section_line(revision, direction);
    db::Diagnostics diagnostics = error.diagnostics();
    if (diagnostics.position > 0) {
      const auto offset = byte_offset_of_char_position(script.text, diagnostics.position);
      if (offset >= script.body_offset && offset < script.body_offset + body.size()) {
        const auto relative = offset - script.body_offset;
        line = line_of_offset(body, relative, section_line(revision, direction));
        for (std::size_t i = 0; i < statements.size() && statements[i].offset <= relative; ++i) {
          failed = i;
        }
      }
    }
    if (!failed && !statements.empty()) {
      try {
        conn_.exec(fmt::format("BEGIN; SET LOCAL lock_timeout = {}",
                               lock_timeout_literal(options_.lock_timeout)));
        for (std::size_t i = 0; i < statements.size() && !failed; ++i) {
          try {
            conn_.exec(statements[i].text);
          } catch (const db::DbError& again) {
            failed = i;
            diagnostics = again.diagnostics();
            line = line_in_statement(statements[i], diagnostics.position);
          }
        }
      } catch (const db::DbError&) {  // NOLINT(bugprone-empty-catch): keep the first error
      }
      rollback_quietly();
    }
    std::string where = fmt::format("{}:{}", revision.file_name, line);
    std::string statement_text;
    if (failed) {
      statement_text = fmt::format("\n  statement {} of {}: {}", *failed + 1, statements.size(),
                                   first_line_of(statements[*failed].text));
    }
    return {error.code(),
            fmt::format("{} of revision {} failed at {}: {}{}\nThe revision ran in one transaction "
                        "and was rolled back as a whole: none of it is applied, the history is "
                        "unchanged, and the database stays at {}",
                        direction_name(direction), revision.id, where,
                        diagnostics_text(diagnostics), statement_text, heads_text(before))};
  }

  void apply_non_transactional(const Revision& revision, Direction direction,
                               const std::vector<Statement>& statements,
                               const std::vector<std::string>& before,
                               const std::vector<std::string>& after) {
    const auto name = std::string(direction_name(direction));
    const int total = static_cast<int>(statements.size());
    int resume = 0;
    if (const auto it = state_.partial.find(revision.id);
        it != state_.partial.end() && it->second.direction == name) {
      if (it->second.checksum != revision.checksum) {
        throw MigrationError(
            core::ErrorCode::kConflict,
            fmt::format("revision {} ({}) was partially {}d ({} of {} statements) from a file "
                        "with another checksum; the file changed in between. Restore it to "
                        "resume, or repair the database by hand and `qgp db stamp`",
                        revision.id, revision.file_name, name, it->second.step, it->second.steps));
      }
      resume = std::min(it->second.step, total);
      note(fmt::format("resuming non-transactional {} of {} at statement {} of {}", name,
                       revision.id, resume + 1, total));
    }
    conn_.exec(fmt::format("SET lock_timeout = {}", lock_timeout_literal(options_.lock_timeout)));
    // A CREATE INDEX CONCURRENTLY that failed earlier leaves an INVALID index behind, which a
    // plain retry would trip over ("already exists") or, with IF NOT EXISTS, silently keep.
    for (int i = resume; i < total; ++i) {
      const auto index = concurrent_index_name(statements[static_cast<std::size_t>(i)].text);
      if (index && index_validity(conn_, *index) == std::optional<bool>(false)) {
        conn_.exec(
            fmt::format("DROP INDEX CONCURRENTLY IF EXISTS {}", conn_.escape_identifier(*index)));
        note(fmt::format("dropped INVALID index {} left behind by an earlier failed run", *index));
      }
    }
    const auto start = Clock::now();
    for (int i = resume; i < total; ++i) {
      const auto& statement = statements[static_cast<std::size_t>(i)];
      const auto index = concurrent_index_name(statement.text);
      // Built by an earlier run that stopped before recording it: do not build it twice.
      const bool already = i == resume && resume > 0 && index
                           && index_validity(conn_, *index) == std::optional<bool>(true);
      if (!already) {
        try {
          conn_.exec(statement.text);
        } catch (const db::DbError& error) {
          throw non_transactional_failure(revision, direction, statements, i, error, before);
        }
      }
      HistoryRow row;
      row.revision = revision.id;
      row.direction = name;
      row.file_name = revision.file_name;
      row.checksum = revision.checksum;
      row.step = i + 1;
      row.steps = total;
      conn_.exec(history_insert(row, who_));
    }
    HistoryRow done;
    done.revision = revision.id;
    done.direction = name;
    done.file_name = revision.file_name;
    done.checksum = revision.checksum;
    done.duration_sql = fmt::format("{:.3f}", millis_since(start));
    conn_.exec(fmt::format("BEGIN;\n{}{}COMMIT;", version_update(before, after),
                           history_insert(done, who_)));
    conn_.exec("RESET lock_timeout");
    state_.partial.erase(revision.id);
  }

  MigrationError non_transactional_failure(const Revision& revision, Direction direction,
                                           const std::vector<Statement>& statements, int failed,
                                           const db::DbError& error,
                                           const std::vector<std::string>& before) {
    rollback_quietly();
    const auto& statement = statements[static_cast<std::size_t>(failed)];
    const auto name = direction_name(direction);
    std::string retry;
    const auto index = concurrent_index_name(statement.text);
    std::optional<bool> validity;
    if (index) {
      try {
        validity = index_validity(conn_, *index);
      } catch (const db::DbError&) {  // NOLINT(bugprone-empty-catch): best effort
      }
    }
    if (validity == std::optional<bool>(false)) {
      retry = fmt::format("drop the INVALID index {} this statement left behind and ", *index);
    }
    const std::string done =
        failed == 0
            ? std::string("No statement of it took effect")
            : fmt::format("Statements 1..{} ran and are recorded in qgp_schema_history", failed);
    try {
      conn_.exec("RESET lock_timeout");
    } catch (const db::DbError&) {  // NOLINT(bugprone-empty-catch): best effort
    }
    return {
        error.code(),
        fmt::format("{} of non-transactional revision {} failed at {}:{} (statement {} of {}): "
                    "{}\n  statement: {}\n{}; the revision is not marked {}d and the database "
                    "stays at {}.\nA retry (`qgp db {} ...`) will {}resume at statement {} of {}",
                    name, revision.id, revision.file_name,
                    line_in_statement(statement, error.diagnostics().position), failed + 1,
                    statements.size(), diagnostics_text(error.diagnostics()),
                    first_line_of(statement.text), done, name, heads_text(before), name, retry,
                    failed + 1, statements.size())};
  }

  void stamp(std::string_view target) {
    const auto resolved = graph_.resolve(target, state_.heads);
    const auto wanted = resolved.base ? std::vector<bool>(graph_.size(), false)
                                      : graph_.closure(resolved.revisions);
    const auto before = heads();
    const auto after = graph_.heads_of(wanted);
    std::string script = "BEGIN;\n" + version_update(before, after);
    int changed = 0;
    for (std::size_t i = 0; i < graph_.size(); ++i) {
      if (wanted[i] == applied_[i]) {
        continue;
      }
      const auto& revision = graph_.revisions()[i];
      HistoryRow row;
      row.revision = revision.id;
      row.direction = wanted[i] ? "stamp" : "unstamp";
      row.file_name = revision.file_name;
      row.checksum = revision.checksum;
      script += history_insert(row, who_);
      ++changed;
    }
    script += "COMMIT;";
    conn_.exec(script);
    applied_ = wanted;
    note(fmt::format("stamped {} (ran no SQL; {} revision(s) marked); the database was at {}",
                     heads_text(after), changed, heads_text(before)));
  }

  void rebaseline(std::string_view revision_id, std::string_view reason) {
    const auto& revision = graph_.get(graph_.resolve_id(revision_id));
    if (!applied_[graph_.index_of(revision.id)]) {
      throw MigrationError(core::ErrorCode::kConflict,
                           fmt::format("revision {} is not applied; only an applied revision's "
                                       "checksum can be re-baselined",
                                       revision.id));
    }
    const auto it = state_.applied_checksum.find(revision.id);
    if (it != state_.applied_checksum.end() && it->second == revision.checksum) {
      throw MigrationError(core::ErrorCode::kConflict,
                           fmt::format("revision {} ({}) matches its recorded checksum; there is "
                                       "nothing to re-baseline",
                                       revision.id, revision.file_name));
    }
    HistoryRow row;
    row.revision = revision.id;
    row.direction = "rebaseline";
    row.file_name = revision.file_name;
    row.checksum = revision.checksum;
    row.note = std::string(reason);
    conn_.exec(history_insert(row, who_));
    note(fmt::format(
        "re-baselined {} ({}): sha256 {} -> {}; reason recorded in "
        "qgp_schema_history",
        revision.id, revision.file_name,
        it == state_.applied_checksum.end() ? std::string("(none)") : it->second.substr(0, 12),
        revision.checksum.substr(0, 12)));
  }

 private:
  const RevisionGraph& graph_;
  const MigratorOptions& options_;
  AdvisoryLock lock_;
  db::Connection conn_;
  Identity who_;
  DbState state_;
  std::vector<bool> applied_;
};

// ---- offline plans -------------------------------------------------------------------------

struct PlanRange {
  std::vector<std::string> from;  // heads the plan starts at
  ResolvedTarget to;
};

PlanRange parse_range(const RevisionGraph& graph, std::string_view range, Direction direction) {
  PlanRange out;
  const auto colon = range.find(':');
  std::string_view target = range;
  if (colon != std::string_view::npos) {
    const auto from = graph.resolve(range.substr(0, colon));
    out.from = from.base ? std::vector<std::string>() : from.revisions;
    target = range.substr(colon + 1);
  } else if (direction == Direction::kDowngrade) {
    out.from = graph.heads();
  }
  out.to = graph.resolve(target, out.from);
  return out;
}

std::string render_plan(const RevisionGraph& graph, std::string_view range,
                        std::chrono::milliseconds lock_timeout, Direction direction) {
  const auto plan = parse_range(graph, range, direction);
  const auto path = direction == Direction::kUpgrade ? graph.upgrade_path(plan.from, plan.to)
                                                     : graph.downgrade_path(plan.from, plan.to);
  const Identity offline;  // OS user and host are unknown where the plan will run
  auto applied = graph.closure(plan.from);
  std::string out = fmt::format(
      "-- qgp db {} --sql: {} -> {}, {} revision(s). Generated offline by qgp {}; run with\n"
      "-- psql -v ON_ERROR_STOP=1 -f FILE (transactional revisions are one transaction each).\n\n",
      direction_name(direction), heads_text(plan.from),
      plan.to.base ? std::string("base") : fmt::to_string(fmt::join(plan.to.revisions, ", ")),
      path.size(), QGP_VERSION);
  out += bookkeeping_ddl();
  out += fmt::format("\nSELECT pg_advisory_lock({});\n", kAdvisoryLockKey);
  for (const auto& id : path) {
    const auto& revision = graph.get(id);
    const auto before = graph.heads_of(applied);
    applied[graph.index_of(id)] = direction == Direction::kUpgrade;
    const auto after = graph.heads_of(applied);
    out += fmt::format("\n-- {} {} ({}): {}\n", direction_name(direction), revision.id,
                       revision.file_name, revision.message);
    if (revision.transactional) {
      out += transactional_script(revision, direction, before, after, lock_timeout, false, offline)
                 .text;
      continue;
    }
    const auto statements = split_sql(section_sql(revision, direction), revision.file_name,
                                      section_line(revision, direction));
    out += "-- transactional: false -- each statement runs on its own, progress recorded\n";
    out += fmt::format("SET lock_timeout = {};\n", lock_timeout_literal(lock_timeout));
    for (std::size_t i = 0; i < statements.size(); ++i) {
      out += statements[i].text + ";\n";
      HistoryRow row;
      row.revision = revision.id;
      row.direction = std::string(direction_name(direction));
      row.file_name = revision.file_name;
      row.checksum = revision.checksum;
      row.step = static_cast<int>(i + 1);
      row.steps = static_cast<int>(statements.size());
      out += history_insert(row, offline);
    }
    HistoryRow done;
    done.revision = revision.id;
    done.direction = std::string(direction_name(direction));
    done.file_name = revision.file_name;
    done.checksum = revision.checksum;
    out += "BEGIN;\n" + version_update(before, after) + history_insert(done, offline)
           + "COMMIT;\nRESET lock_timeout;\n";
  }
  out += fmt::format("\nSELECT pg_advisory_unlock({});\n", kAdvisoryLockKey);
  return out;
}

}  // namespace

std::string bookkeeping_ddl() {
  // The version table holds the database's heads (like alembic_version); the history table is
  // append-only: the engine only ever inserts. Progress rows of non-transactional revisions carry
  // step/steps; a row with step NULL is a completed action.
  return "CREATE TABLE IF NOT EXISTS public.qgp_schema_version (\n"
         "  revision text PRIMARY KEY\n"
         ");\n"
         "CREATE TABLE IF NOT EXISTS public.qgp_schema_history (\n"
         "  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
         "  revision text NOT NULL,\n"
         "  direction text NOT NULL CHECK (direction IN ('upgrade', 'downgrade', 'stamp', "
         "'unstamp', 'rebaseline')),\n"
         "  file_name text NOT NULL,\n"
         "  checksum text NOT NULL,\n"
         "  step integer,\n"
         "  steps integer,\n"
         "  applied_at timestamptz NOT NULL DEFAULT clock_timestamp(),\n"
         "  duration_ms double precision NOT NULL DEFAULT 0,\n"
         "  db_role text NOT NULL DEFAULT current_user,\n"
         "  os_user text,\n"
         "  host text,\n"
         "  tool_version text NOT NULL,\n"
         "  note text\n"
         ");\n";
}

Migrator::Migrator(std::string conninfo, const RevisionGraph& graph, MigratorOptions options)
    : conninfo_(std::move(conninfo)), graph_(graph), options_(std::move(options)) {}

void Migrator::upgrade(std::string_view target) {
  Run run(conninfo_, graph_, options_);
  run.migrate(Direction::kUpgrade, target);
}

void Migrator::downgrade(std::string_view target) {
  Run run(conninfo_, graph_, options_);
  run.migrate(Direction::kDowngrade, target);
}

void Migrator::stamp(std::string_view target) {
  Run run(conninfo_, graph_, options_);
  run.stamp(target);
}

void Migrator::rebaseline(std::string_view revision, std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    throw TargetError("a re-baseline needs a reason (--reason TEXT): it is recorded for audit");
  }
  Run run(conninfo_, graph_, options_);
  run.rebaseline(revision, reason);
}

std::vector<std::string> Migrator::current() {
  db::Connection conn(conninfo_);
  if (!tables_exist(conn)) {
    return {};
  }
  return read_heads(conn);
}

VerifyReport Migrator::verify() {
  VerifyReport report;
  db::Connection conn(conninfo_);
  const auto state = read_state(conn);
  if (!state.tables) {
    report.notes.push_back(fmt::format(
        "the database has no migration bookkeeping yet ({} revision(s) pending)", graph_.size()));
    return report;
  }
  std::vector<std::string> known;
  for (const auto& head : state.heads) {
    if (graph_.find(head) == nullptr) {
      report.problems.push_back(
          fmt::format("the version table names revision {}, which no revision file defines", head));
    } else {
      known.push_back(head);
    }
  }
  const auto applied = graph_.closure(known);
  std::size_t applied_count = 0;
  for (std::size_t i = 0; i < graph_.size(); ++i) {
    const auto& revision = graph_.revisions()[i];
    const auto checksum = state.applied_checksum.find(revision.id);
    const auto last = state.last_complete.find(revision.id);
    if (applied[i]) {
      ++applied_count;
      if (checksum == state.applied_checksum.end()) {
        report.problems.push_back(
            fmt::format("{} (revision {}) is applied per the version table but the history has no "
                        "upgrade or stamp row for it",
                        revision.file_name, revision.id));
      } else if (checksum->second != revision.checksum) {
        report.problems.push_back(fmt::format(
            "{} (revision {}) changed after it was applied: recorded sha256 {}, file {} (revert "
            "it, or `qgp db rebaseline {} --reason TEXT` if deliberate)",
            revision.file_name, revision.id, checksum->second.substr(0, 12),
            revision.checksum.substr(0, 12), revision.id));
      }
    } else {
      if (last != state.last_complete.end()
          && (last->second == "upgrade" || last->second == "stamp"
              || last->second == "rebaseline")) {
        report.problems.push_back(fmt::format(
            "{} (revision {}) is recorded as {}d in the history but is not in the version table",
            revision.file_name, revision.id, last->second));
      }
    }
    if (const auto partial = state.partial.find(revision.id); partial != state.partial.end()) {
      report.problems.push_back(
          fmt::format("{} (revision {}) is partially {}d: {} of {} statements ran; run `qgp db "
                      "{}` again to resume",
                      revision.file_name, revision.id, partial->second.direction,
                      partial->second.step, partial->second.steps, partial->second.direction));
    }
  }
  report.notes.push_back(fmt::format("{} of {} revision(s) applied; the database is at {}",
                                     applied_count, graph_.size(), heads_text(state.heads)));
  return report;
}

std::vector<HistoryEntry> Migrator::applied_history(std::size_t limit) {
  db::Connection conn(conninfo_);
  std::vector<HistoryEntry> out;
  if (!tables_exist(conn)) {
    return out;
  }
  const auto result = conn.exec(
      fmt::format("SELECT id, revision, direction, file_name, checksum, step, steps, "
                  "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                  "duration_ms, db_role, coalesce(os_user, ''), coalesce(host, ''), "
                  "tool_version, coalesce(note, '') FROM public.qgp_schema_history ORDER BY id "
                  "DESC LIMIT {}",
                  limit));
  for (int row = 0; row < result.rows(); ++row) {
    HistoryEntry entry;
    entry.id = result.int64(row, 0);
    entry.revision = result.string(row, 1);
    entry.direction = result.string(row, 2);
    entry.file_name = result.string(row, 3);
    entry.checksum = result.string(row, 4);
    entry.step = result.optional_int64(row, 5);
    entry.steps = result.optional_int64(row, 6);
    entry.applied_at = result.string(row, 7);
    entry.duration_ms = result.float64(row, 8);
    entry.db_role = result.string(row, 9);
    entry.os_user = result.string(row, 10);
    entry.host = result.string(row, 11);
    entry.tool_version = result.string(row, 12);
    entry.note = result.string(row, 13);
    out.push_back(std::move(entry));
  }
  return out;
}

std::string render_upgrade_plan(const RevisionGraph& graph, std::string_view range,
                                std::chrono::milliseconds lock_timeout) {
  return render_plan(graph, range, lock_timeout, Direction::kUpgrade);
}

std::string render_downgrade_plan(const RevisionGraph& graph, std::string_view range,
                                  std::chrono::milliseconds lock_timeout) {
  return render_plan(graph, range, lock_timeout, Direction::kDowngrade);
}

}  // namespace qgp::migrate
