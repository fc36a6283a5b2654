#include "db/connection.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <utility>

#include <fmt/format.h>
#include <libpq-fe.h>

#include "db/errors.hpp"

namespace qgp::db {

namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr unsigned int kUnknownOid = 0;  // strings: let the server infer from context
constexpr unsigned int kBoolOid = 16;
constexpr unsigned int kInt8Oid = 20;
constexpr unsigned int kFloat8Oid = 701;

std::string field_or_empty(const PGresult* result, int field) {
  const char* value = PQresultErrorField(result, field);
  return value == nullptr ? std::string() : std::string(value);
}

Diagnostics diagnostics_of(const PGresult* result, PGconn* conn) {
  Diagnostics d;
  if (result != nullptr) {
    d.sqlstate = field_or_empty(result, PG_DIAG_SQLSTATE);
    d.message = field_or_empty(result, PG_DIAG_MESSAGE_PRIMARY);
    d.detail = field_or_empty(result, PG_DIAG_MESSAGE_DETAIL);
    d.hint = field_or_empty(result, PG_DIAG_MESSAGE_HINT);
    d.constraint = field_or_empty(result, PG_DIAG_CONSTRAINT_NAME);
    const auto position = field_or_empty(result, PG_DIAG_STATEMENT_POSITION);
    if (!position.empty()) {
      d.position = std::atoi(position.c_str());  // NOLINT(cert-err34-c): digits from the server
    }
  }
  if (d.message.empty() && conn != nullptr) {
    d.message = PQerrorMessage(conn);
    while (!d.message.empty() && (d.message.back() == '\n' || d.message.back() == ' ')) {
      d.message.pop_back();
    }
  }
  if (d.sqlstate.empty() && conn != nullptr && PQstatus(conn) != CONNECTION_OK) {
    d.sqlstate = "08006";  // connection_failure: the socket broke under us
  }
  return d;
}

void collect_notice(void* arg, const PGresult* result) {
  auto* notices = static_cast<std::vector<std::string>*>(arg);
  const char* message = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  if (message != nullptr && notices->size() < 1000) {
    notices->emplace_back(message);
  }
}

// Sends one statement without waiting for its result (in pipeline mode, queues it): the prepared
// statement `name`, or `sql` itself, unnamed, when `name` is null. Returns libpq's 0 on failure.
int send_query(PGconn* conn, std::string_view sql, const std::string* name, const Params& params) {
  const auto values = params.pointers();
  if (name != nullptr) {
    return PQsendQueryPrepared(conn, name->c_str(), params.size(), values.data(), nullptr, nullptr,
                               0);
  }
  return PQsendQueryParams(conn, std::string(sql).c_str(), params.size(), params.types().data(),
                           values.data(), nullptr, nullptr, 0);
}

}  // namespace

// ---- Params ----------------------------------------------------------------------------------

Params& Params::add(std::string_view value) {
  values_.emplace_back(std::string(value));
  types_.push_back(kUnknownOid);
  return *this;
}

Params& Params::add(std::int64_t value) {
  values_.emplace_back(std::to_string(value));
  types_.push_back(kInt8Oid);
  return *this;
}

Params& Params::add(bool value) {
  values_.emplace_back(value ? "t" : "f");
  types_.push_back(kBoolOid);
  return *this;
}

Params& Params::add(double value) {
  values_.emplace_back(fmt::format("{}", value));  // shortest round-trip representation
  types_.push_back(kFloat8Oid);
  return *this;
}

Params& Params::add(std::nullopt_t /*unused*/) {
  values_.emplace_back(std::nullopt);
  types_.push_back(kUnknownOid);
  return *this;
}

std::vector<const char*> Params::pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& value : values_) {
    out.push_back(value ? value->c_str() : nullptr);
  }
  return out;
}

// ---- Result ----------------------------------------------------------------------------------

std::string text_array_literal(const std::vector<std::optional<std::string>>& elements) {
  std::string literal = "{";
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) {
      literal += ',';
    }
    if (!elements[i]) {
      literal += "NULL";
      continue;
    }
    literal += '"';
    for (const char c : *elements[i]) {
      if (c == '"' || c == '\\') {
        literal += '\\';
      }
      literal += c;
    }
    literal += '"';
  }
  literal += '}';
  return literal;
}

void Result::Deleter::operator()(pg_result* result) const {
  PQclear(result);
}

Result::Result(pg_result* result) : result_(result) {}

int Result::rows() const {
  return result_ ? PQntuples(result_.get()) : 0;
}

int Result::columns() const {
  return result_ ? PQnfields(result_.get()) : 0;
}

std::int64_t Result::affected_rows() const {
  if (!result_) {
    return 0;
  }
  const char* tuples = PQcmdTuples(result_.get());
  std::int64_t value = 0;
  std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), value);
  return value;
}

int Result::column_index(std::string_view name) const {
  const int index = result_ ? PQfnumber(result_.get(), std::string(name).c_str()) : -1;
  if (index < 0) {
    throw core::Error(core::ErrorCode::kInternal, fmt::format("result has no column '{}'", name));
  }
  return index;
}

std::string Result::column_name(int column) const {
  return PQfname(result_.get(), column);
}

bool Result::is_null(int row, int column) const {
  return PQgetisnull(result_.get(), row, column) != 0;
}

std::string_view Result::text(int row, int column) const {
  if (row < 0 || row >= rows() || column < 0 || column >= columns()) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("result cell ({}, {}) is out of range", row, column));
  }
  return {PQgetvalue(result_.get(), row, column),
          static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t Result::int64(int row, int column) const {
  const auto value = text(row, column);
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size()) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("column {} is not an integer", column_name(column)));
  }
  return out;
}

double Result::float64(int row, int column) const {
  const std::string value(text(row, column));
  char* end = nullptr;
  const double out = std::strtod(value.c_str(), &end);
  if (end != value.c_str() + value.size()) {
    throw core::Error(core::ErrorCode::kInternal,
                      fmt::format("column {} is not a number", column_name(column)));
  }
  return out;
}

bool Result::boolean(int row, int column) const {
  return text(row, column) == "t";
}

std::optional<std::string> Result::optional_string(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  return string(row, column);
}

std::optional<std::int64_t> Result::optional_int64(int row, int column) const {
  if (is_null(row, column)) {
    return std::nullopt;
  }
  return int64(row, column);
}

// ---- Connection ------------------------------------------------------------------------------

void Connection::Deleter::operator()(pg_conn* conn) const {
  PQfinish(conn);
}

Connection::Connection(std::string conninfo)
    : conninfo_(std::move(conninfo)), state_(std::make_unique<State>()) {
  connect();
}

void Connection::connect() {
  prepared_.clear();
  recency_.clear();
  // libpq waits forever for an unreachable host by default; a bounded connect keeps /readyz, the
  // pool and the CLI responsive. Listed before dbname so a connect_timeout in the URL wins.
  static constexpr std::array<const char*, 3> kKeywords = {"connect_timeout", "dbname", nullptr};
  const std::array<const char*, 3> values = {"10", conninfo_.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(kKeywords.data(), values.data(), /*expand_dbname=*/1));
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    Diagnostics d;
    d.sqlstate = "08001";  // sqlclient_unable_to_establish_sqlconnection
    // libpq's message names host and port but never the password; the URL itself is not echoed.
    d.message = conn_ ? PQerrorMessage(conn_.get()) : "out of memory";
    while (!d.message.empty() && (d.message.back() == '\n' || d.message.back() == ' ')) {
      d.message.pop_back();
    }
    throw ConnectionError(std::move(d));
  }
  PQsetNoticeReceiver(conn_.get(), collect_notice, &state_->notices);
  touch();
}

void Connection::reset() {
  aheads_.clear();
  connect();
}

Result Connection::check(pg_result* raw) {
  Result result(raw);
  touch();
  const auto status = raw == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(raw);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY
      || status == PGRES_COPY_IN || status == PGRES_COPY_OUT) {
    return result;
  }
  throw_for_sqlstate(diagnostics_of(raw, conn_.get()));
}

Result Connection::exec(std::string_view sql) {
  settle();
  const std::string text(sql);
  return check(PQexec(conn_.get(), text.c_str()));
}

void Connection::exec_counted(std::string_view sql, std::size_t& completed) {
  settle();
  completed = 0;
  const std::string text(sql);
  if (PQsendQuery(conn_.get(), text.c_str()) == 0) {
    check(nullptr);
  }
  std::optional<Diagnostics> failure;
  while (PGresult* raw = PQgetResult(conn_.get())) {
    const Result owned(raw);
    switch (PQresultStatus(raw)) {
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
      case PGRES_EMPTY_QUERY:
        if (!failure) {
          ++completed;
        }
        break;
      case PGRES_COPY_OUT: {  // COPY ... TO STDOUT: drain it, the data goes nowhere
        char* row = nullptr;
        while (PQgetCopyData(conn_.get(), &row, 0) > 0) {
          PQfreemem(row);
        }
        break;
      }
      case PGRES_COPY_IN:  // no inline data to send: the server reports the COPY as failed
        PQputCopyEnd(conn_.get(), "a script carries no COPY data");
        break;
      default:
        if (!failure) {
          failure = diagnostics_of(raw, conn_.get());
        }
        break;
    }
  }
  touch();
  if (failure) {
    throw_for_sqlstate(std::move(*failure));
  }
}

Result Connection::exec(std::string_view sql, const Params& params) {
  if (!aheads_.empty() && !may_carry(sql)) {
    settle();
  }
  if (aheads_.empty()) {
    const std::string text(sql);
    const auto values = params.pointers();
    return check(PQexecParams(conn_.get(), text.c_str(), params.size(), params.types().data(),
                              values.data(), nullptr, nullptr, 0));
  }
  const auto aheads = std::exchange(aheads_, {});
  if (send_query(conn_.get(), sql, nullptr, params) == 0) {
    check(nullptr);
  }
  return finish_pipeline(aheads, true);
}

const std::string& Connection::prepared_name(std::string_view sql, const Params& params) {
  auto found = prepared_.find(sql);
  if (found != prepared_.end()) {
    recency_.splice(recency_.begin(), recency_, found->second);
    return found->second->name;
  }
  if (prepared_.size() >= kMaxPreparedStatements) {
    const auto& oldest = recency_.back();
    // Not transactional: takes effect even if the surrounding transaction rolls back.
    check(PQexec(conn_.get(), fmt::format("DEALLOCATE {}", oldest.name).c_str()));
    prepared_.erase(oldest.sql);
    recency_.pop_back();
  }
  std::string name = fmt::format("qgp_{}", ++statements_made_);
  check(PQprepare(conn_.get(), name.c_str(), std::string(sql).c_str(), params.size(),
                  params.types().data()));
  recency_.push_front(Prepared{.sql = std::string(sql), .name = std::move(name)});
  prepared_.emplace(recency_.front().sql, recency_.begin());
  return recency_.front().name;
}

namespace {

// A statement that only reads may share the round trip of a statement sent ahead of it, which
// is checked before its result is used (Connection::send_ahead).
bool is_select(std::string_view sql) {
  constexpr std::string_view kSelect = "SELECT ";
  return sql.substr(0, kSelect.size()) == kSelect;
}

// The results of one pipeline, freed unless handed on.
struct PipelineResults {
  std::vector<PGresult*> results;
  PipelineResults() = default;
  PipelineResults(const PipelineResults&) = delete;
  PipelineResults& operator=(const PipelineResults&) = delete;
  PipelineResults(PipelineResults&&) = delete;
  PipelineResults& operator=(PipelineResults&&) = delete;
  ~PipelineResults() {
    for (auto* result : results) {
      PQclear(result);
    }
  }
};

}  // namespace

bool Connection::may_carry(std::string_view sql) const {
  return is_select(sql)
         || std::ranges::all_of(aheads_, [](const Ahead& ahead) { return ahead.any_carrier; });
}

Result Connection::exec_prepared(std::string_view sql, const Params& params) {
  if (!aheads_.empty() && (!may_carry(sql) || !prepared_.contains(sql))) {
    settle();  // preparing is a round trip of its own, which pipeline mode does not allow
  }
  const auto& name = prepared_name(sql, params);
  if (aheads_.empty()) {
    const auto values = params.pointers();
    return check(PQexecPrepared(conn_.get(), name.c_str(), params.size(), values.data(), nullptr,
                                nullptr, 0));
  }
  const auto aheads = std::exchange(aheads_, {});
  if (send_query(conn_.get(), sql, &name, params) == 0) {
    check(nullptr);
  }
  return finish_pipeline(aheads, true);
}

void Connection::send_ahead(std::string_view sql, const Params& params, AheadCheck check_result) {
  if (!aheads_.empty() && !prepared_.contains(sql)) {
    settle();
  }
  queue(sql, &prepared_name(sql, params), params,
        Ahead{.check = std::move(check_result), .any_carrier = false});
}

void Connection::send_ahead(std::string_view sql, const Params& params) {
  if (!aheads_.empty() && !prepared_.contains(sql)) {
    settle();
  }
  queue(sql, &prepared_name(sql, params), params, Ahead{.check = {}, .any_carrier = true});
}

void Connection::begin_ahead(std::string_view sql) {
  if (!aheads_.empty() && !in_transaction_ahead_) {
    // Statements in a pipeline share an implicit transaction, which a BEGIN behind them would
    // take over after its snapshot was taken (PostgreSQL then refuses an isolation level): a
    // BEGIN leads its pipeline.
    settle();
  }
  queue(sql, nullptr, Params(), Ahead{.check = {}, .any_carrier = true});
  in_transaction_ahead_ = true;
}

void Connection::queue(std::string_view sql, const std::string* name, const Params& params,
                       Ahead ahead) {
  if (aheads_.empty()) {
    in_transaction_ahead_ = in_transaction();
  }
  // Queued in libpq's buffer, not sent: it leaves with the statement that carries it.
  if ((aheads_.empty() && PQenterPipelineMode(conn_.get()) == 0)
      || send_query(conn_.get(), sql, name, params) == 0) {
    aheads_.clear();
    PQexitPipelineMode(conn_.get());
    check(nullptr);
  }
  aheads_.push_back(std::move(ahead));
}

void Connection::settle() {
  if (!aheads_.empty()) {
    finish_pipeline(std::exchange(aheads_, {}), false);
  }
}

Result Connection::finish_pipeline(const std::vector<Ahead>& aheads, bool carried) {
  PipelineResults pipeline;
  if (PQpipelineSync(conn_.get()) == 0) {
    check(nullptr);
  }
  // Each statement's result is followed by a null; the sync's own result closes the pipeline.
  // After an error the statements behind it come back PGRES_PIPELINE_ABORTED.
  const std::size_t statements = aheads.size() + (carried ? 1 : 0);
  while (pipeline.results.size() < statements) {
    pipeline.results.push_back(PQgetResult(conn_.get()));
    if (pipeline.results.back() == nullptr) {
      pipeline.results.resize(statements, nullptr);  // the connection failed: check() reports it
      break;
    }
    while (PGresult* extra = PQgetResult(conn_.get())) {
      PQclear(extra);
    }
  }
  if (PGresult* sync = PQgetResult(conn_.get()); sync != nullptr) {
    PQclear(sync);
  }
  // Fails only when results are still unread (a broken connection): the pool then discards it,
  // since it no longer reports an idle transaction state.
  PQexitPipelineMode(conn_.get());
  touch();
  for (std::size_t i = 0; i < aheads.size(); ++i) {
    const auto result = check(std::exchange(pipeline.results[i], nullptr));
    if (aheads[i].check) {
      aheads[i].check(result);
    }
  }
  return carried ? check(std::exchange(pipeline.results.back(), nullptr)) : Result();
}

bool Connection::ping() noexcept {
  if (is_broken() || !aheads_.empty()) {
    return false;  // a statement sent ahead belongs to its request: never pinged past
  }
  PGresult* raw = PQexec(conn_.get(), "SELECT 1");
  const bool ok = raw != nullptr && PQresultStatus(raw) == PGRES_TUPLES_OK;
  PQclear(raw);
  if (ok) {
    touch();
  }
  return ok;
}

bool Connection::is_broken() const noexcept {
  return !conn_ || PQstatus(conn_.get()) != CONNECTION_OK;
}

std::string Connection::escape_identifier(std::string_view identifier) const {
  char* escaped = PQescapeIdentifier(conn_.get(), identifier.data(), identifier.size());
  if (escaped == nullptr) {
    throw core::Error(core::ErrorCode::kInternal, "could not escape an identifier");
  }
  std::string out(escaped);
  PQfreemem(escaped);
  return out;
}

std::string Connection::escape_literal(std::string_view literal) const {
  char* escaped = PQescapeLiteral(conn_.get(), literal.data(), literal.size());
  if (escaped == nullptr) {
    throw core::Error(core::ErrorCode::kInternal, "could not escape a literal");
  }
  std::string out(escaped);
  PQfreemem(escaped);
  return out;
}

int Connection::server_version() const {
  return PQserverVersion(conn_.get());
}

int Connection::backend_pid() const {
  return PQbackendPID(conn_.get());
}

std::string Connection::database_name() const {
  return PQdb(conn_.get());
}

std::string Connection::user_name() const {
  return PQuser(conn_.get());
}

bool Connection::in_transaction() const {
  if (!aheads_.empty()) {
    return in_transaction_ahead_;  // libpq reports a pipeline in flight as "active"
  }
  return PQtransactionStatus(conn_.get()) != PQTRANS_IDLE;
}

std::vector<std::string> Connection::take_notices() {
  std::vector<std::string> out;
  out.swap(state_->notices);
  return out;
}

}  // namespace qgp::db
