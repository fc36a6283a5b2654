#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// libpq types stay behind these wrappers: api/ and domain/ never see a PGresult.
struct pg_conn;
struct pg_result;

namespace qgp::db {

// Parameters bound by position ($1, $2, ...), sent in text format with an explicit type OID so that
// PostgreSQL never has to guess (and an int64 never travels as text that could be misread).
class Params {
 public:
  Params() = default;
  template <typename... Values>
  explicit Params(const Values&... values) {
    (add(values), ...);
  }

  Params& add(std::string_view value);
  Params& add(const std::string& value) { return add(std::string_view(value)); }
  Params& add(const char* value) { return add(std::string_view(value)); }
  Params& add(std::int64_t value);
  Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
  Params& add(bool value);
  Params& add(double value);
  Params& add(std::nullopt_t);
  template <typename T>
  Params& add(const std::optional<T>& value) {
    return value ? add(*value) : add(std::nullopt);
  }
  // A value of an explicit type (e.g. "jsonb", "timestamptz"): sent as text, cast by the SQL.
  Params& add_text(std::string_view value) { return add(value); }

  [[nodiscard]] int size() const noexcept { return static_cast<int>(values_.size()); }
  [[nodiscard]] std::vector<const char*> pointers() const;
  [[nodiscard]] const std::vector<unsigned int>& types() const noexcept { return types_; }

 private:
  std::vector<std::optional<std::string>> values_;
  std::vector<unsigned int> types_;
};

// A PostgreSQL array literal of text elements ({"a","b\\"c",NULL}) for a `$n::text[]` parameter:
// every element quoted and escaped, nullopt as NULL.
std::string text_array_literal(const std::vector<std::optional<std::string>>& elements);

// Owns one PGresult. Values are read as text and converted; NULL is reported, never confused with
// "".
class Result {
 public:
  Result() = default;
  explicit Result(pg_result* result);
  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() = default;

  [[nodiscard]] int rows() const;
  [[nodiscard]] int columns() const;
  [[nodiscard]] bool empty() const { return rows() == 0; }
  [[nodiscard]] std::int64_t affected_rows() const;
  [[nodiscard]] int column_index(std::string_view name) const;  // throws when absent
  [[nodiscard]] std::string column_name(int column) const;

  [[nodiscard]] bool is_null(int row, int column) const;
  [[nodiscard]] std::string_view text(int row, int column) const;
  [[nodiscard]] std::string string(int row, int column) const {
    return std::string(text(row, column));
  }
  [[nodiscard]] std::int64_t int64(int row, int column) const;
  [[nodiscard]] double float64(int row, int column) const;
  [[nodiscard]] bool boolean(int row, int column) const;
  [[nodiscard]] std::optional<std::string> optional_string(int row, int column) const;
  [[nodiscard]] std::optional<std::int64_t> optional_int64(int row, int column) const;

 private:
  struct Deleter {
    void operator()(pg_result* result) const;
  };
  std::unique_ptr<pg_result, Deleter> result_;
};

// One libpq connection. Every call throws a typed error (db/errors.hpp) on failure.
class Connection {
 public:
  explicit Connection(std::string conninfo);
  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  // Simple-protocol execution: may hold several statements (used by migrations); no parameters.
  Result exec(std::string_view sql);
  // Like exec(sql) (one query string, one round trip), but counts in `completed` the statements
  // that finished, as their results arrive. PostgreSQL stops a query string at its first error and
  // runs nothing after it, so when the typed error is thrown, `completed` is the index of the
  // statement that failed: no statement ever has to be run again to find it.
  void exec_counted(std::string_view sql, std::size_t& completed);
  // Extended protocol with parameters, one statement.
  Result exec(std::string_view sql, const Params& params);
  // Prepares `sql` once per connection (keyed by its text) and executes the prepared statement.
  // At most kMaxPreparedStatements stay prepared: list queries build their text from the filters
  // and sort keys a client picks, so an unbounded cache would let one client grow every pooled
  // backend without limit. The least recently used statement is deallocated first.
  Result exec_prepared(std::string_view sql, const Params& params = Params());
  static constexpr std::size_t kMaxPreparedStatements = 256;
  [[nodiscard]] std::size_t prepared_count() const noexcept { return prepared_.size(); }

  // Several statements in one round trip (libpq pipeline mode): a statement sent ahead is queued
  // now but not sent; the next statement that may carry the queue (exec_prepared of a statement
  // already prepared, or exec with parameters) sends everything queued with it and hands each
  // queued statement's result to its check, in order, before it returns its own. When a check
  // throws, or a queued statement fails, the results behind it are discarded (PostgreSQL aborts
  // every statement behind an error up to the pipeline's end) and that exception propagates from
  // the carrying call. Every other call settles first: sends the queue alone and checks it.
  //
  // A queued statement whose check may refuse a successful result (the request's principal,
  // docs/adr/0012) is carried only by a SELECT: every queued statement runs, so the carrier must
  // only read. A queued statement that fails only by an error (BEGIN, an audit row nobody reads
  // back) may be carried by any statement, since its error aborts the carrier.
  using AheadCheck = std::function<void(const Result&)>;
  void send_ahead(std::string_view sql, const Params& params, AheadCheck check);
  // A prepared statement whose result nobody reads: it fails only by an error.
  void send_ahead(std::string_view sql, const Params& params);
  // BEGIN (of any isolation) or SAVEPOINT, queued to travel with the unit of work's first
  // statement: in_transaction() is true from now on. It leads its pipeline: statements queued
  // before it outside a transaction are settled first.
  void begin_ahead(std::string_view sql);
  // Sends and checks the statements queued by send_ahead, if any; a no-op otherwise.
  void settle();
  [[nodiscard]] bool has_ahead() const noexcept { return !aheads_.empty(); }

  // True when the server answers a trivial query (used by pool health checks and /readyz).
  bool ping() noexcept;
  [[nodiscard]] bool is_broken() const noexcept;
  // Re-establishes the connection after a server restart; prepared statements are forgotten.
  void reset();

  [[nodiscard]] std::string escape_identifier(std::string_view identifier) const;
  [[nodiscard]] std::string escape_literal(std::string_view literal) const;
  [[nodiscard]] int server_version() const;
  [[nodiscard]] int backend_pid() const;
  [[nodiscard]] std::string database_name() const;
  [[nodiscard]] std::string user_name() const;
  // A transaction is open, or will be once the queued statements ran (a BEGIN sent ahead).
  [[nodiscard]] bool in_transaction() const;

  // Notices (e.g. "relation already exists, skipping") are collected here instead of stderr.
  [[nodiscard]] std::vector<std::string> take_notices();

  [[nodiscard]] std::chrono::steady_clock::time_point last_used() const noexcept {
    return last_used_;
  }
  void touch() noexcept { last_used_ = std::chrono::steady_clock::now(); }

 private:
  struct Deleter {
    void operator()(pg_conn* conn) const;
  };
  struct State {
    std::vector<std::string> notices;
  };
  Result check(pg_result* raw);
  void connect();
  // The prepared statement's name for `sql`, preparing it first when this connection has not.
  const std::string& prepared_name(std::string_view sql, const Params& params);
  struct Ahead {
    AheadCheck check;  // empty: success is all it needs
    bool any_carrier = false;
  };
  // Whether `sql` may carry what is queued (see send_ahead).
  [[nodiscard]] bool may_carry(std::string_view sql) const;
  // Queues one statement (prepared as `name`, or unnamed when `name` is null).
  void queue(std::string_view sql, const std::string* name, const Params& params, Ahead ahead);
  // Syncs the pipeline, reads it (a result per queued statement, then the carrying statement's
  // when `carried`), leaves pipeline mode, and hands each queued result to its check in order.
  // Returns the carrying statement's result (an empty one when nothing carried the queue).
  Result finish_pipeline(const std::vector<Ahead>& aheads, bool carried);

  std::string conninfo_;
  std::unique_ptr<pg_conn, Deleter> conn_;
  std::unique_ptr<State> state_;
  struct Prepared {
    std::string sql;
    std::string name;
  };
  // Most recently used first; `prepared_` indexes it by SQL text (the views point into the list's
  // strings, which std::list never moves).
  std::list<Prepared> recency_;
  std::unordered_map<std::string_view, std::list<Prepared>::iterator> prepared_;
  std::uint64_t statements_made_ = 0;  // names stay unique after evictions
  std::vector<Ahead> aheads_;          // statements queued by send_ahead, not yet answered
  bool in_transaction_ahead_ = false;  // in_transaction() once the queue has run
  std::chrono::steady_clock::time_point last_used_;
};

}  // namespace qgp::db
