#include "migrate/runner.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <optional>
#include <regex>
#include <thread>
#include <unordered_map>
#include <utility>

#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/connection.hpp"
#include "db/errors.hpp"
#include "migrate/pg_parser.hpp"
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

// Server-side duration of one revision of a transaction script: each revision starts by
// recording clock_timestamp() in a transaction-local setting (see kMarkRevisionStart).
constexpr std::string_view kRevisionDuration =
    "extract(epoch FROM clock_timestamp() - coalesce(nullif(current_setting("
    "'qgp.revision_started', true), '')::timestamptz, now())) * 1000";
constexpr std::string_view kMarkRevisionStart =
    "SELECT set_config('qgp.revision_started', clock_timestamp()::text, true)";

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
      "{}, {}, {}, {})",
      lit(row.revision), lit(row.direction), lit(row.file_name), lit(row.checksum),
      row.step ? std::to_string(*row.step) : "NULL",
      row.steps ? std::to_string(*row.steps) : "NULL", row.duration_sql, lit_or_null(who.os_user),
      lit_or_null(who.host), lit(QGP_VERSION), lit_or_null(row.note));
}

// The statements (without `;`) that move the version table from `before` to `after`.
std::vector<std::string> version_update(const std::vector<std::string>& before,
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
  std::vector<std::string> out;
  if (!removed.empty()) {
    out.push_back(fmt::format("DELETE FROM public.qgp_schema_version WHERE revision IN ({})",
                              fmt::join(removed, ", ")));
  }
  if (!added.empty()) {
    out.push_back(fmt::format("INSERT INTO public.qgp_schema_version (revision) VALUES {}",
                              fmt::join(added, ", ")));
  }
  return out;
}

// `statement;` and a newline; a statement whose last line holds a `-- comment` gets its `;` on
// a line of its own, where the comment cannot swallow it.
void append_statement(std::string& out, std::string_view statement) {
  out += statement;
  const auto last_line = statement.rfind('\n');
  const auto tail = last_line == std::string_view::npos ? statement : statement.substr(last_line);
  out += tail.find("--") == std::string_view::npos ? ";\n" : "\n;\n";
}

std::string joined_statements(const std::vector<std::string>& statements) {
  std::string out;
  for (const auto& statement : statements) {
    append_statement(out, statement);
  }
  return out;
}

std::string lock_timeout_literal(std::chrono::milliseconds timeout) {
  return lit(fmt::format("{}ms", timeout.count()));
}

const std::string& section_sql(const Revision& revision, Direction direction) {
  return direction == Direction::kUpgrade ? revision.upgrade_sql : revision.downgrade_sql;
}

int section_line(const Revision& revision, Direction direction) {
  return direction == Direction::kUpgrade ? revision.upgrade_line : revision.downgrade_line;
}

// ---- checking a plan before it runs ---------------------------------------------------------

// The first `count` words of a statement, lowercased (its text starts at its first token).
std::vector<std::string> leading_words(std::string_view text, std::size_t count) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < text.size() && words.size() < count) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c) != 0) {
      ++i;
    } else if (text.compare(i, 2, "--") == 0) {
      i = text.find('\n', i);
      i = i == std::string_view::npos ? text.size() : i;
    } else if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i);
      i = i == std::string_view::npos ? text.size() : i + 2;
    } else if (std::isalpha(c) != 0 || c == '_') {
      std::string word;
      while (i < text.size()
             && (std::isalnum(static_cast<unsigned char>(text[i])) != 0 || text[i] == '_')) {
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i]))));
        ++i;
      }
      words.push_back(std::move(word));
    } else {
      break;
    }
  }
  return words;
}

// BEGIN, COMMIT, ROLLBACK (not ROLLBACK TO), END, ABORT, START TRANSACTION, PREPARE TRANSACTION:
// statements that would end or nest the one transaction the engine runs a revision in.
bool ends_or_nests_transaction(std::string_view text) {
  const auto words = leading_words(text, 2);
  if (words.empty()) {
    return false;
  }
  const auto& first = words[0];
  const std::string_view second = words.size() > 1 ? words[1] : std::string_view();
  if (first == "begin" || first == "commit" || first == "end" || first == "abort") {
    return true;
  }
  if (first == "rollback") {
    return second != "to";
  }
  return (first == "start" || first == "prepare") && second == "transaction";
}

// One revision of a plan, split into its statements.
struct PlannedRevision {
  const Revision* revision = nullptr;
  std::vector<Statement> statements;
};

// Splits and checks every revision of a plan before the first statement runs, so a bad file
// later in the plan stops the run while the database is still untouched: psql meta-commands
// (`\i`, `\set`, ...), COPY FROM STDIN, unterminated quotes (the splitter), syntax errors (the
// PostgreSQL grammar, when `check_syntax`), and transaction control inside a transactional
// revision. Throws RevisionFileError "FILE:LINE: problem".
std::vector<PlannedRevision> prepare_plan(const RevisionGraph& graph,
                                          const std::vector<std::string>& path, Direction direction,
                                          bool check_syntax) {
  std::vector<PlannedRevision> plan;
  plan.reserve(path.size());
  for (const auto& id : path) {
    const auto& revision = graph.get(id);
    const auto& sql = section_sql(revision, direction);
    const auto first_line = section_line(revision, direction);
    PlannedRevision planned{.revision = &revision,
                            .statements = split_sql(sql, revision.file_name, first_line)};
    if (check_syntax && !planned.statements.empty()) {
      if (const auto error = pg::check_syntax(sql)) {
        throw RevisionFileError(
            fmt::format("{}:{}: {} (PostgreSQL {} grammar, {} section)", revision.file_name,
                        line_of_offset(sql, error->offset, first_line), error->message,
                        pg::kParserMajorVersion, direction_name(direction)));
      }
    }
    if (revision.transactional) {
      for (const auto& statement : planned.statements) {
        if (ends_or_nests_transaction(statement.text)) {
          throw RevisionFileError(fmt::format(
              "{}:{}: `{}` in a transactional revision: the engine runs the revision in one "
              "transaction of its own, which this statement would end or nest (remove it, or "
              "mark the revision `transactional: false`)",
              revision.file_name, statement.line, leading_words(statement.text, 2).front()));
        }
      }
    }
    plan.push_back(std::move(planned));
  }
  return plan;
}

// ---- transaction scripts --------------------------------------------------------------------

// One statement of a script and where it came from.
struct ScriptPart {
  static constexpr std::size_t kEngine = std::numeric_limits<std::size_t>::max();
  std::size_t revision = kEngine;   // index into the plan; kEngine for BEGIN/SET/COMMIT
  std::size_t statement = kEngine;  // index into its statements; kEngine for bookkeeping
  std::size_t offset = 0;           // byte offset of the statement in the script text
};

// Consecutive transactional revisions as one query string: one round trip, one transaction.
// Each revision's bookkeeping (version row, history row) travels in the same string, right
// after its statements.
struct Script {
  std::string text;
  std::vector<ScriptPart> parts;

  void add(std::string_view statement, std::size_t revision = ScriptPart::kEngine,
           std::size_t index = ScriptPart::kEngine) {
    parts.push_back({.revision = revision, .statement = index, .offset = text.size()});
    append_statement(text, statement);
  }
};

struct ScriptOptions {
  std::chrono::milliseconds lock_timeout{5000};
  // Only for a batch followed by more work in the same run: the last commit is synchronous and
  // flushes the WAL of all earlier ones, and a lost async commit loses its history row with it,
  // so the database never claims a revision it does not have.
  bool async_commit = false;
};

// The script of plan[first..last] (all transactional); `applied` is updated as the revisions
// are applied or reverted.
Script transaction_script(const RevisionGraph& graph, const std::vector<PlannedRevision>& plan,
                          std::size_t first, std::size_t last, Direction direction,
                          std::vector<bool>& applied, const ScriptOptions& options,
                          const Identity& who) {
  Script script;
  script.add("BEGIN");
  script.add(
      fmt::format("SET LOCAL lock_timeout = {}", lock_timeout_literal(options.lock_timeout)));
  if (options.async_commit) {
    script.add("SET LOCAL synchronous_commit = off");
  }
  for (std::size_t k = first; k <= last; ++k) {
    const auto& revision = *plan[k].revision;
    const auto before = graph.heads_of(applied);
    applied[graph.index_of(revision.id)] = direction == Direction::kUpgrade;
    const auto after = graph.heads_of(applied);
    script.add(kMarkRevisionStart, k);
    for (std::size_t i = 0; i < plan[k].statements.size(); ++i) {
      script.add(plan[k].statements[i].text, k, i);
    }
    for (const auto& statement : version_update(before, after)) {
      script.add(statement, k);
    }
    HistoryRow row;
    row.revision = revision.id;
    row.direction = std::string(direction_name(direction));
    row.file_name = revision.file_name;
    row.checksum = revision.checksum;
    row.duration_sql = std::string(kRevisionDuration);
    script.add(history_insert(row, who), k);
  }
  script.add("COMMIT");
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

// ---- one mutating run ----------------------------------------------------------------------

// A mutating run on one database session. The session-level advisory lock is taken by the very
// session that runs the DDL: when a deployer is killed, its lock is released only when that
// session ends, that is after the statement it was running has finished or was cancelled (the
// session also checks every second whether its client is still there, and stops the statement
// when it is not). A second run therefore cannot start while the first one's revision is still
// running: it waits, within MIGRATION_ADVISORY_WAIT_MS, then re-reads the version.
//
// Waiting runs poll pg_try_advisory_lock instead of blocking in pg_advisory_lock: a session
// blocked there holds a snapshot, and CREATE INDEX CONCURRENTLY on the lock holder's session
// waits for every older snapshot to go away, a deadlock PostgreSQL would break by cancelling
// one of them.
class Run {
 public:
  Run(const std::string& conninfo, const RevisionGraph& graph, const MigratorOptions& options)
      : graph_(graph), options_(options), conn_(conninfo), who_(local_identity()) {
    acquire_lock();
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
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;
  Run(Run&&) = delete;
  Run& operator=(Run&&) = delete;
  ~Run() {
    try {
      rollback_quietly();
      conn_.exec(fmt::format("SELECT pg_advisory_unlock({})", kAdvisoryLockKey));
    } catch (...) {  // NOLINT(bugprone-empty-catch): closing the connection releases it anyway
    }
  }

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
    std::vector<PlannedRevision> plan;
    try {
      plan = prepare_plan(graph_, path, direction,
                          conn_.server_version() / 10000 == pg::kParserMajorVersion);
    } catch (const RevisionFileError& error) {
      throw RevisionFileError(fmt::format(
          "{}\nRefused before running anything: every pending revision is checked first, so "
          "the database is untouched and stays at {}",
          error.what(), heads_text(state_.heads)));
    }
    ensure_bookkeeping();
    const auto start = Clock::now();
    std::size_t k = 0;
    while (k < plan.size()) {
      if (!plan[k].revision->transactional) {
        apply_non_transactional(plan[k], direction);
        ++k;
        continue;
      }
      std::size_t last = k;
      while (options_.single_transaction && last + 1 < plan.size()
             && plan[last + 1].revision->transactional) {
        ++last;
      }
      apply_transactional(plan, k, last, direction, last + 1 < plan.size());
      k = last + 1;
    }
    note(fmt::format("{}d {} revision(s) in {:.1f} ms; the database is at {}",
                     direction_name(direction), path.size(), millis_since(start),
                     heads_text(heads())));
  }

  void stamp(std::string_view target) {
    const auto resolved = graph_.resolve(target, state_.heads);
    const auto wanted = resolved.base ? std::vector<bool>(graph_.size(), false)
                                      : graph_.closure(resolved.revisions);
    const auto before = heads();
    const auto after = graph_.heads_of(wanted);
    ensure_bookkeeping();
    std::vector<std::string> statements = {"BEGIN"};
    std::ranges::move(version_update(before, after), std::back_inserter(statements));
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
      statements.push_back(history_insert(row, who_));
      ++changed;
    }
    statements.emplace_back("COMMIT");
    conn_.exec(joined_statements(statements));
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
  void acquire_lock() {
    const auto wait = options_.advisory_wait;
    // One round trip: name the session (a waiting run and `busy` find it by this name), make it
    // notice a vanished client while a statement runs (PostgreSQL 14+), and try the lock.
    const auto first = conn_.exec(
        fmt::format("SET application_name = 'qgp db migrate';\n"
                    "SELECT set_config('client_connection_check_interval', '1000', false) WHERE "
                    "current_setting('server_version_num')::int >= 140000;\n"
                    "SELECT pg_try_advisory_lock({})",
                    kAdvisoryLockKey));
    if (first.boolean(0, 0)) {
      return;
    }
    const auto deadline = Clock::now() + wait;
    auto pause = std::chrono::milliseconds(2);
    const auto try_lock = fmt::format("SELECT pg_try_advisory_lock({})", kAdvisoryLockKey);
    while (Clock::now() < deadline) {
      std::this_thread::sleep_for(std::min<Clock::duration>(pause, deadline - Clock::now()));
      if (conn_.exec(try_lock).boolean(0, 0)) {
        return;
      }
      pause = std::min(pause * 2, std::chrono::milliseconds(100));
    }
    throw busy(wait);
  }

  MigrationError busy(std::chrono::milliseconds wait) {
    std::string holder = "another session";
    try {
      const auto result = conn_.exec(fmt::format(
          "SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.usename::text, ''), "
          "coalesce(a.client_addr::text, 'local'), to_char(a.backend_start AT TIME ZONE 'UTC', "
          "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), coalesce(a.state, ''), coalesce(to_char("
          "a.state_change AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') FROM "
          "pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid WHERE "
          "l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM "
          "pg_catalog.pg_database WHERE datname = current_database()) AND l.classid = {} AND "
          "l.objid = {} AND l.objsubid = 1",
          static_cast<std::uint64_t>(kAdvisoryLockKey) >> 32U,
          static_cast<std::uint64_t>(kAdvisoryLockKey) & 0xFFFFFFFFU));
      if (!result.empty()) {
        holder = fmt::format("pid {} ('{}', role {}, from {}, connected since {}, {} since {})",
                             result.string(0, 0), result.string(0, 1), result.string(0, 2),
                             result.string(0, 3), result.string(0, 4), result.string(0, 5),
                             result.string(0, 6));
      }
    } catch (const db::DbError&) {  // NOLINT(bugprone-empty-catch): the holder is a courtesy
    }
    return {
        core::ErrorCode::kTimeout,
        fmt::format("another migration holds this database's migration lock ({}); gave up after "
                    "waiting {} ms (MIGRATION_ADVISORY_WAIT_MS). The lock belongs to the session "
                    "that runs the migration: it outlives a killed deployer until its statement "
                    "ends. Run again when it has finished, or raise MIGRATION_ADVISORY_WAIT_MS",
                    holder, wait.count())};
  }

  void ensure_bookkeeping() {
    if (!state_.tables) {
      conn_.exec(bookkeeping_ddl());
      (void)conn_.take_notices();
      state_.tables = true;
    }
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

  [[nodiscard]] std::vector<std::string> heads() const { return graph_.heads_of(applied_); }

  // Where the database stands now, read from it (after a failure, memory may be wrong).
  std::string database_heads_text() {
    try {
      return heads_text(read_heads(conn_));
    } catch (const db::DbError&) {
      return "an unknown revision (the connection was lost; `qgp db current` tells)";
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

  void apply_transactional(const std::vector<PlannedRevision>& plan, std::size_t first,
                           std::size_t last, Direction direction, bool more_follows) {
    const auto applied_before = applied_;
    const auto script = transaction_script(
        graph_, plan, first, last, direction, applied_,
        {.lock_timeout = options_.lock_timeout, .async_commit = more_follows}, who_);
    const auto t0 = Clock::now();
    std::size_t completed = 0;
    try {
      conn_.exec_counted(script.text, completed);
    } catch (const db::DbError& error) {
      rollback_quietly();
      applied_ = applied_before;
      throw transactional_failure(plan, first, last, direction, script, completed, error);
    }
    (void)conn_.take_notices();
    const auto elapsed = millis_since(t0);
    for (std::size_t k = first; k <= last; ++k) {
      const auto& revision = *plan[k].revision;
      if (first == last) {
        note(fmt::format("{:<9} {}  {}  {:.1f} ms", direction_name(direction), revision.id,
                         revision.file_name, elapsed));
      } else {
        note(fmt::format("{:<9} {}  {}", direction_name(direction), revision.id,
                         revision.file_name));
      }
    }
    if (first != last) {
      note(fmt::format("  {} revisions in one transaction: {:.1f} ms", last - first + 1, elapsed));
    }
  }

  // Which statement failed is known exactly: the statements before it completed, none after it
  // ran. Nothing is run again to find it.
  MigrationError transactional_failure(const std::vector<PlannedRevision>& plan, std::size_t first,
                                       std::size_t last, Direction direction, const Script& script,
                                       std::size_t completed, const db::DbError& error) {
    const auto& diagnostics = error.diagnostics();
    const auto index = std::min(completed, script.parts.size() - 1);
    const auto& part = script.parts[index];
    const auto revision_index = part.revision == ScriptPart::kEngine ? last : part.revision;
    const auto& planned = plan[revision_index];
    const auto& revision = *planned.revision;
    int line = revision.header_line;
    std::string statement_text;
    if (part.statement != ScriptPart::kEngine) {
      const auto& statement = planned.statements[part.statement];
      line = statement.line;
      if (diagnostics.position > 0) {
        const auto at = byte_offset_of_char_position(script.text, diagnostics.position);
        if (at >= part.offset) {
          line = line_of_offset(statement.text, at - part.offset, statement.line);
        }
      }
      statement_text = fmt::format("\n  statement {} of {}: {}", part.statement + 1,
                                   planned.statements.size(), first_line_of(statement.text));
    } else {
      statement_text = fmt::format("\n  in the engine's own statement {}",
                                   first_line_of(script.text.substr(part.offset)));
    }
    std::string scope =
        "The revision ran in one transaction and was rolled back as a whole: none of it is "
        "applied, the history is unchanged";
    if (first != last) {
      scope = fmt::format(
          "Revisions {} to {} ({} revisions, --single-transaction) ran in one transaction and "
          "were rolled back as a whole: none of them is applied, the history is unchanged",
          plan[first].revision->id, plan[last].revision->id, last - first + 1);
    }
    return {
        error.code(),
        fmt::format("{} of revision {} failed at {}:{}: {}{}\n{}, and the database is at {}",
                    direction_name(direction), revision.id, revision.file_name, line,
                    diagnostics_text(diagnostics), statement_text, scope, database_heads_text())};
  }

  void apply_non_transactional(const PlannedRevision& planned, Direction direction) {
    const auto& revision = *planned.revision;
    const auto& statements = planned.statements;
    const auto name = std::string(direction_name(direction));
    const int total = static_cast<int>(statements.size());
    const auto before = heads();
    applied_[graph_.index_of(revision.id)] = direction == Direction::kUpgrade;
    const auto after = heads();
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
          applied_[graph_.index_of(revision.id)] = direction != Direction::kUpgrade;
          throw non_transactional_failure(planned, direction, i, error, before);
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
    std::vector<std::string> finish = {"BEGIN"};
    std::ranges::move(version_update(before, after), std::back_inserter(finish));
    finish.push_back(history_insert(done, who_));
    finish.emplace_back("COMMIT");
    finish.emplace_back("RESET lock_timeout");
    conn_.exec(joined_statements(finish));
    (void)conn_.take_notices();
    state_.partial.erase(revision.id);
    note(fmt::format("{:<9} {}  {}  {:.1f} ms (non-transactional, {} statement(s))", name,
                     revision.id, revision.file_name, millis_since(start), total - resume));
  }

  MigrationError non_transactional_failure(const PlannedRevision& planned, Direction direction,
                                           int failed, const db::DbError& error,
                                           const std::vector<std::string>& before) {
    rollback_quietly();
    const auto& revision = *planned.revision;
    const auto& statements = planned.statements;
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
    auto now = database_heads_text();
    if (now != heads_text(before)) {
      now += fmt::format(" (it was at {} when this run started)", heads_text(before));
    }
    return {error.code(),
            fmt::format("{} of non-transactional revision {} failed at {}:{} (statement {} of "
                        "{}): {}\n  statement: {}\n{}; the revision is not marked {}d and the "
                        "database is at {}.\nA retry (`qgp db {} ...`) will {}resume at "
                        "statement {} of {}",
                        name, revision.id, revision.file_name,
                        line_in_statement(statement, error.diagnostics().position), failed + 1,
                        statements.size(), diagnostics_text(error.diagnostics()),
                        first_line_of(statement.text), done, name, now, name, retry, failed + 1,
                        statements.size())};
  }

  const RevisionGraph& graph_;
  const MigratorOptions& options_;
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
                        const PlanOptions& options, Direction direction) {
  const auto parsed = parse_range(graph, range, direction);
  const auto path = direction == Direction::kUpgrade ? graph.upgrade_path(parsed.from, parsed.to)
                                                     : graph.downgrade_path(parsed.from, parsed.to);
  // The same checks as a live run: a plan never carries a file the engine would refuse.
  const auto plan = prepare_plan(graph, path, direction, true);
  const Identity offline;  // OS user and host are unknown where the plan will run
  auto applied = graph.closure(parsed.from);
  std::string out = fmt::format(
      "-- qgp db {} --sql: {} -> {}, {} revision(s){}. Generated offline by qgp {}; run with\n"
      "-- psql -v ON_ERROR_STOP=1 -f FILE (transactional revisions are one transaction "
      "each{}).\n\n",
      direction_name(direction), heads_text(parsed.from),
      parsed.to.base ? std::string("base") : fmt::to_string(fmt::join(parsed.to.revisions, ", ")),
      path.size(), options.single_transaction ? ", --single-transaction" : "", QGP_VERSION,
      options.single_transaction ? ", or one for each run of consecutive ones" : "");
  out += bookkeeping_ddl();
  out += fmt::format("\nSELECT pg_advisory_lock({});\n", kAdvisoryLockKey);
  std::size_t k = 0;
  while (k < plan.size()) {
    const auto& revision = *plan[k].revision;
    if (revision.transactional) {
      std::size_t last = k;
      while (options.single_transaction && last + 1 < plan.size()
             && plan[last + 1].revision->transactional) {
        ++last;
      }
      for (std::size_t i = k; i <= last; ++i) {
        const auto& r = *plan[i].revision;
        out += fmt::format("\n-- {} {} ({}): {}", direction_name(direction), r.id, r.file_name,
                           r.message);
      }
      out += "\n";
      out += transaction_script(
                 graph, plan, k, last, direction, applied,
                 {.lock_timeout = options.lock_timeout, .async_commit = last + 1 < plan.size()},
                 offline)
                 .text;
      k = last + 1;
      continue;
    }
    const auto before = graph.heads_of(applied);
    applied[graph.index_of(revision.id)] = direction == Direction::kUpgrade;
    const auto after = graph.heads_of(applied);
    out += fmt::format("\n-- {} {} ({}): {}\n", direction_name(direction), revision.id,
                       revision.file_name, revision.message);
    const auto& statements = plan[k].statements;
    out += "-- transactional: false -- each statement runs on its own, progress recorded\n";
    out += fmt::format("SET lock_timeout = {};\n", lock_timeout_literal(options.lock_timeout));
    for (std::size_t i = 0; i < statements.size(); ++i) {
      append_statement(out, statements[i].text);
      HistoryRow row;
      row.revision = revision.id;
      row.direction = std::string(direction_name(direction));
      row.file_name = revision.file_name;
      row.checksum = revision.checksum;
      row.step = static_cast<int>(i + 1);
      row.steps = static_cast<int>(statements.size());
      out += history_insert(row, offline) + ";\n";
    }
    HistoryRow done;
    done.revision = revision.id;
    done.direction = std::string(direction_name(direction));
    done.file_name = revision.file_name;
    done.checksum = revision.checksum;
    std::vector<std::string> finish = {"BEGIN"};
    std::ranges::move(version_update(before, after), std::back_inserter(finish));
    finish.push_back(history_insert(done, offline));
    finish.emplace_back("COMMIT");
    finish.emplace_back("RESET lock_timeout");
    out += joined_statements(finish);
    ++k;
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
                                const PlanOptions& options) {
  return render_plan(graph, range, options, Direction::kUpgrade);
}

std::string render_downgrade_plan(const RevisionGraph& graph, std::string_view range,
                                  const PlanOptions& options) {
  return render_plan(graph, range, options, Direction::kDowngrade);
}

}  // namespace qgp::migrate
