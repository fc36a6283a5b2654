#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/pool.hpp"
#include "db/transaction.hpp"
#include "support/test_database.hpp"

namespace qgp::db {
namespace {

using testing::TestDatabase;

class DbTest : public ::testing::Test {
 protected:
  TestDatabase database_{TestDatabase::Source::kEmpty};
  Connection connection_{database_.url()};

  void SetUp() override {
    connection_.exec(
        "CREATE TABLE item (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
        "name text NOT NULL UNIQUE, qty int CHECK (qty >= 0), parent_id bigint REFERENCES "
        "item(id))");
  }
};

TEST_F(DbTest, TypedParametersRoundTrip) {
  const auto result = connection_.exec(
      "SELECT $1::text, $2::bigint, $3::boolean, $4::float8, $5::text IS NULL",
      Params(std::string("héllo"), std::int64_t{9007199254740993}, true, 0.1, std::nullopt));
  EXPECT_EQ(result.string(0, 0), "héllo");
  EXPECT_EQ(result.int64(0, 1), 9007199254740993);
  EXPECT_TRUE(result.boolean(0, 2));
  EXPECT_DOUBLE_EQ(result.float64(0, 3), 0.1);
  EXPECT_TRUE(result.boolean(0, 4));
}

TEST_F(DbTest, NullIsNotEmptyString) {
  const auto result = connection_.exec("SELECT NULL::text, ''::text");
  EXPECT_TRUE(result.is_null(0, 0));
  EXPECT_FALSE(result.is_null(0, 1));
  EXPECT_EQ(result.optional_string(0, 0), std::nullopt);
  EXPECT_EQ(result.optional_string(0, 1), std::optional<std::string>(""));
}

TEST_F(DbTest, PreparedStatementsAreReused) {
  for (int i = 0; i < 3; ++i) {
    connection_.exec_prepared("INSERT INTO item (name, qty) VALUES ($1, $2)",
                              Params("n" + std::to_string(i), i));
  }
  const auto count = connection_.exec_prepared("SELECT count(*) FROM pg_prepared_statements");
  EXPECT_EQ(count.int64(0, 0), 2);  // the insert and this select, each prepared once
}

TEST_F(DbTest, PreparedStatementsAreBoundedLeastRecentlyUsedFirst) {
  // One more distinct text than the cap: the first is evicted, everything keeps answering.
  const auto distinct = [](std::size_t n) { return fmt::format("SELECT {}::bigint + $1", n); };
  constexpr std::size_t kCap = Connection::kMaxPreparedStatements;
  for (std::size_t n = 0; n < kCap; ++n) {
    ASSERT_EQ(connection_.exec_prepared(distinct(n), Params(std::int64_t{1})).int64(0, 0),
              static_cast<std::int64_t>(n) + 1);
  }
  // Touch statement 0 so statement 1 is now the least recently used one.
  connection_.exec_prepared(distinct(0), Params(std::int64_t{1}));
  connection_.exec_prepared(distinct(kCap), Params(std::int64_t{1}));
  EXPECT_EQ(connection_.prepared_count(), kCap);
  const auto server_side = [this](std::size_t n) {
    return connection_
        .exec("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1",
              Params(fmt::format("SELECT {}::bigint + $1", n)))
        .int64(0, 0);
  };
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM pg_prepared_statements").int64(0, 0),
            static_cast<std::int64_t>(kCap));
  EXPECT_EQ(server_side(0), 1);  // recently used: kept
  EXPECT_EQ(server_side(1), 0);  // least recently used: deallocated
  EXPECT_EQ(server_side(kCap), 1);
  // An evicted statement is simply prepared again under a fresh name.
  EXPECT_EQ(connection_.exec_prepared(distinct(1), Params(std::int64_t{41})).int64(0, 0), 42);
  EXPECT_EQ(connection_.prepared_count(), kCap);
}

TEST_F(DbTest, UniqueViolationMapsToConflictWithConstraintName) {
  connection_.exec("INSERT INTO item (name) VALUES ('a')");
  try {
    connection_.exec("INSERT INTO item (name) VALUES ($1)", Params("a"));
    FAIL() << "expected UniqueViolation";
  } catch (const UniqueViolation& e) {
    EXPECT_EQ(e.code(), core::ErrorCode::kConflict);
    EXPECT_EQ(e.sqlstate(), "23505");
    EXPECT_EQ(e.diagnostics().constraint, "item_name_key");
  }
}

TEST_F(DbTest, ForeignKeyAndCheckViolationsAreTyped) {
  EXPECT_THROW(connection_.exec("INSERT INTO item (name, parent_id) VALUES ('x', 999)"),
               ForeignKeyViolation);
  EXPECT_THROW(connection_.exec("INSERT INTO item (name, qty) VALUES ('y', -1)"), DataViolation);
  EXPECT_THROW(connection_.exec("SELECT * FROM no_such_table"), DbError);
}

TEST_F(DbTest, TransactionRollsBackOnScopeExit) {
  {
    Transaction tx(connection_);
    connection_.exec("INSERT INTO item (name) VALUES ('rolled back')");
  }
  EXPECT_FALSE(connection_.in_transaction());
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM item").int64(0, 0), 0);
  {
    Transaction tx(connection_);
    connection_.exec("INSERT INTO item (name) VALUES ('kept')");
    tx.commit();
  }
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM item").int64(0, 0), 1);
}

TEST_F(DbTest, TransactionRollsBackWhenAnExceptionEscapes) {
  EXPECT_THROW(
      {
        Transaction tx(connection_);
        connection_.exec("INSERT INTO item (name) VALUES ('first')");
        connection_.exec("INSERT INTO item (name) VALUES ('first')");
        tx.commit();
      },
      UniqueViolation);
  EXPECT_EQ(connection_.exec("SELECT count(*) FROM item").int64(0, 0), 0);
}

TEST_F(DbTest, ATransactionInsideATransactionIsASavepoint) {
  const auto names = [this] {
    std::vector<std::string> out;
    const auto rows = connection_.exec("SELECT name FROM item ORDER BY id");
    for (int r = 0; r < rows.rows(); ++r) {
      out.push_back(rows.string(r, 0));
    }
    return out;
  };
  {
    Transaction outer(connection_);
    connection_.exec("INSERT INTO item (name) VALUES ('outer')");
    {
      Transaction kept(connection_);
      EXPECT_TRUE(kept.nested());
      connection_.exec("INSERT INTO item (name) VALUES ('inner kept')");
      kept.commit();
    }
    EXPECT_TRUE(connection_.in_transaction());  // releasing the savepoint committed nothing
    // A failing inner unit of work undoes only itself; the outer one carries on.
    EXPECT_THROW(
        {
          Transaction failed(connection_);
          connection_.exec("INSERT INTO item (name) VALUES ('inner undone')");
          connection_.exec("INSERT INTO item (name) VALUES ('outer')");  // unique violation
          failed.commit();
        },
        UniqueViolation);
    connection_.exec("INSERT INTO item (name) VALUES ('after')");
    outer.commit();
  }
  EXPECT_EQ(names(), (std::vector<std::string>{"outer", "inner kept", "after"}));
  {
    Transaction outer(connection_);
    {
      Transaction inner(connection_);
      connection_.exec("INSERT INTO item (name) VALUES ('gone with the outer')");
      inner.commit();
    }
  }  // the outer rolls back, the released savepoint with it
  EXPECT_FALSE(connection_.in_transaction());
  EXPECT_EQ(names().size(), 3U);
}

TEST_F(DbTest, RetryHelperRetriesSerializationFailures) {
  connection_.exec("INSERT INTO item (name, qty) VALUES ('counter', 0)");
  Connection other(database_.url());
  int attempts = 0;
  with_retry(connection_, Isolation::kSerializable, [&](Transaction& tx) {
    ++attempts;
    tx.connection().exec("SELECT qty FROM item WHERE name = 'counter'");
    if (attempts == 1) {
      // A concurrent writer commits in between: our update must fail with 40001 and be retried.
      other.exec("UPDATE item SET qty = qty + 10 WHERE name = 'counter'");
    }
    tx.connection().exec("UPDATE item SET qty = qty + 1 WHERE name = 'counter'");
  });
  EXPECT_EQ(attempts, 2);
  EXPECT_EQ(connection_.exec("SELECT qty FROM item WHERE name = 'counter'").int64(0, 0), 11);
}

TEST_F(DbTest, PoolIsBoundedAndTimesOut) {
  Pool pool(database_.url(),
            PoolOptions{.size = 2, .acquire_timeout = std::chrono::milliseconds(200)});
  auto first = pool.acquire();
  auto second = pool.acquire();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(pool.acquire(), PoolExhausted);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(150));
  EXPECT_EQ(pool.stats().open, 2U);
}

TEST_F(DbTest, PoolHandsReleasedConnectionsToWaiters) {
  Pool pool(database_.url(),
            PoolOptions{.size = 2, .acquire_timeout = std::chrono::milliseconds(5000)});
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  threads.reserve(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int j = 0; j < 10; ++j) {
        auto connection = pool.acquire();
        connection->exec_prepared("SELECT pg_sleep(0.001)");
      }
      ++done;
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(done.load(), 8);
  EXPECT_LE(pool.stats().open, 2U);
}

TEST_F(DbTest, PoolReplacesConnectionsKilledByTheServer) {
  Pool pool(database_.url(), PoolOptions{.size = 1,
                                         .acquire_timeout = std::chrono::milliseconds(2000),
                                         .idle_check_after = std::chrono::milliseconds(0)});
  int pid = 0;
  {
    auto connection = pool.acquire();
    pid = connection->backend_pid();
  }
  // Simulates a PostgreSQL restart from the pool's point of view: its backend is terminated.
  connection_.exec("SELECT pg_terminate_backend($1::int)", Params(pid));
  auto connection = pool.acquire();
  EXPECT_NE(connection->backend_pid(), pid);
  EXPECT_EQ(connection->exec("SELECT 1").int64(0, 0), 1);
}

TEST_F(DbTest, PoolDiscardsConnectionsReturnedInsideATransaction) {
  Pool pool(database_.url(),
            PoolOptions{.size = 1, .acquire_timeout = std::chrono::milliseconds(2000)});
  {
    auto connection = pool.acquire();
    connection->exec("BEGIN");
  }
  auto connection = pool.acquire();
  EXPECT_FALSE(connection->in_transaction());
}

// send_ahead: the statement sent ahead and the SELECT after it share one round trip, which is
// one implicit transaction in pipeline mode: both see the same transaction id. Statements sent in
// round trips of their own run in transactions of their own.
TEST_F(DbTest, AStatementSentAheadSharesTheRoundTripOfTheNextSelect) {
  constexpr std::string_view kXid = "SELECT pg_current_xact_id()::text";
  connection_.exec_prepared(kXid);  // prepared: only prepared SELECTs travel with it
  std::optional<std::string> ahead_xid;
  connection_.send_ahead(kXid, Params(),
                         [&](const Result& result) { ahead_xid = result.string(0, 0); });
  EXPECT_TRUE(connection_.has_ahead());
  EXPECT_FALSE(ahead_xid) << "nothing is sent before the next statement";
  const auto xid = connection_.exec_prepared(kXid).string(0, 0);
  ASSERT_TRUE(ahead_xid);
  EXPECT_EQ(*ahead_xid, xid);
  EXPECT_FALSE(connection_.has_ahead());
  EXPECT_FALSE(connection_.in_transaction()) << "the pipeline is closed and committed";
  EXPECT_NE(connection_.exec_prepared(kXid).string(0, 0), xid);
}

TEST_F(DbTest, ACheckThatThrowsDiscardsTheNextResultAndLeavesTheConnectionIdle) {
  connection_.exec_prepared("SELECT name FROM item WHERE id = $1", Params(1));
  connection_.exec("INSERT INTO item (name, qty) VALUES ('secret', 1)");
  bool checked = false;
  connection_.send_ahead("SELECT 0", Params(), [&](const Result& /*result*/) {
    checked = true;
    throw std::runtime_error("refused");
  });
  EXPECT_THROW(static_cast<void>(
                   connection_.exec_prepared("SELECT name FROM item WHERE id = $1", Params(1))),
               std::runtime_error);
  EXPECT_TRUE(checked);
  EXPECT_FALSE(connection_.has_ahead());
  EXPECT_FALSE(connection_.in_transaction());
  EXPECT_EQ(connection_.exec_prepared("SELECT count(*) FROM item").int64(0, 0), 1);
}

TEST_F(DbTest, WhatIsNotAPreparedSelectSettlesTheStatementAheadFirst) {
  constexpr std::string_view kXid = "SELECT pg_current_xact_id()::text";
  std::optional<std::string> ahead_xid;
  const auto record = [&](const Result& result) { ahead_xid = result.string(0, 0); };
  // Not yet prepared on this connection: preparing it would be a round trip of its own.
  connection_.send_ahead(kXid, Params(), record);
  const auto first =
      connection_.exec_prepared("SELECT pg_current_xact_id()::text AS unprepared").string(0, 0);
  ASSERT_TRUE(ahead_xid);
  EXPECT_NE(*ahead_xid, first);
  // A write never travels with it: it runs only once the check has passed.
  ahead_xid.reset();
  connection_.send_ahead(kXid, Params(), record);
  const auto inserted = connection_.exec_prepared(
      "INSERT INTO item (name, qty) VALUES ('a', 1) RETURNING pg_current_xact_id()::text");
  ASSERT_TRUE(ahead_xid);
  EXPECT_NE(*ahead_xid, inserted.string(0, 0));
  // Simple-protocol statements settle it too.
  ahead_xid.reset();
  connection_.send_ahead(kXid, Params(), record);
  connection_.exec("SELECT 1");
  EXPECT_TRUE(ahead_xid);
  ahead_xid.reset();
  connection_.send_ahead(kXid, Params(), record);
  connection_.settle();
  EXPECT_TRUE(ahead_xid);
  connection_.settle();  // nothing left: a no-op
  EXPECT_FALSE(connection_.in_transaction());
}

TEST_F(DbTest, AFailingStatementAheadThrowsItsOwnErrorAndSkipsTheNext) {
  connection_.exec_prepared("SELECT count(*) FROM item");
  bool checked = false;
  connection_.send_ahead("SELECT 1 / $1::int", Params(0),
                         [&](const Result& /*result*/) { checked = true; });
  EXPECT_THROW(static_cast<void>(connection_.exec_prepared("SELECT count(*) FROM item")), DbError);
  EXPECT_FALSE(checked);
  EXPECT_FALSE(connection_.in_transaction());
  EXPECT_EQ(connection_.exec_prepared("SELECT count(*) FROM item").int64(0, 0), 0);
}

TEST_F(DbTest, APooledConnectionIsSettledBeforeAnyoneElseGetsIt) {
  Pool pool(database_.url(),
            PoolOptions{.size = 1, .acquire_timeout = std::chrono::milliseconds(2000)});
  int checks = 0;
  {
    auto connection = pool.acquire();
    connection->send_ahead("SELECT 1", Params(), [&](const Result& /*result*/) {
      ++checks;
      throw std::runtime_error("refused");  // the verdict is the check's: never rethrown here
    });
  }
  EXPECT_EQ(checks, 1);
  auto connection = pool.acquire();
  EXPECT_FALSE(connection->has_ahead());
  EXPECT_FALSE(connection->in_transaction());
  EXPECT_EQ(connection->exec_prepared("SELECT 2").int64(0, 0), 2);
  EXPECT_EQ(pool.stats().open, 1U) << "the connection itself was fine and reused";
}

// A transaction's BEGIN is queued and travels with its first statement; a statement whose result
// nobody reads (the audit row) is queued behind the last one and travels with the COMMIT. All of
// it is one transaction.
TEST_F(DbTest, ABeginTravelsWithTheFirstStatementAndAQueuedInsertWithTheCommit) {
  constexpr std::string_view kInsert = "INSERT INTO item (name, qty) VALUES ($1, $2) RETURNING id";
  connection_.exec_prepared(kInsert, Params("prepared", 1));  // only prepared statements carry
  Transaction tx(connection_);
  EXPECT_TRUE(connection_.has_ahead()) << "BEGIN waits for the first statement";
  EXPECT_TRUE(connection_.in_transaction());
  connection_.exec_prepared(kInsert, Params("a", 1));
  EXPECT_FALSE(connection_.has_ahead());
  connection_.send_ahead(kInsert, Params("b", 2));
  EXPECT_TRUE(connection_.has_ahead()) << "the row waits for the COMMIT";
  EXPECT_EQ(connection_.exec_prepared("SELECT count(*) FROM item").int64(0, 0), 3)
      << "a SELECT carries it too, and sees it";
  connection_.send_ahead(kInsert, Params("c", 3));
  tx.commit();
  EXPECT_FALSE(connection_.has_ahead());
  EXPECT_FALSE(connection_.in_transaction());
  const auto rows = connection_.exec(
      "SELECT count(*), count(DISTINCT xmin::text) FROM item WHERE name IN ('a', 'b', 'c')");
  EXPECT_EQ(rows.int64(0, 0), 3);
  EXPECT_EQ(rows.int64(0, 1), 1) << "one transaction wrote all three";
}

TEST_F(DbTest, AQueuedStatementThatFailsFailsTheCommitAndUndoesTheWork) {
  constexpr std::string_view kInsert = "INSERT INTO item (name, qty) VALUES ($1, $2) RETURNING id";
  connection_.exec_prepared(kInsert, Params("prepared", 1));
  {
    Transaction tx(connection_);
    connection_.exec_prepared(kInsert, Params("a", 1));
    connection_.send_ahead(kInsert, Params("b", -1));  // violates qty >= 0
    EXPECT_THROW(tx.commit(), DataViolation);
    EXPECT_FALSE(connection_.has_ahead());
    EXPECT_FALSE(connection_.in_transaction()) << "the COMMIT never ran: the work is undone";
  }
  // Nested, the failure undoes only the savepoint's work and the outer transaction carries on.
  {
    Transaction outer(connection_);
    connection_.exec_prepared(kInsert, Params("outer", 1));
    {
      Transaction inner(connection_);
      connection_.exec_prepared(kInsert, Params("inner", 1));
      connection_.send_ahead(kInsert, Params("inner bad", -1));
      EXPECT_THROW(inner.commit(), DataViolation);
      EXPECT_TRUE(connection_.in_transaction());
    }
    connection_.exec_prepared(kInsert, Params("after", 1));
    outer.commit();
  }
  const auto rows = connection_.exec("SELECT string_agg(name, ',' ORDER BY id) FROM item");
  EXPECT_EQ(rows.string(0, 0), "prepared,outer,after");
  // A transaction that ran nothing leaves nothing behind, committed or not.
  {
    Transaction unused(connection_);
  }
  EXPECT_FALSE(connection_.has_ahead());
  EXPECT_FALSE(connection_.in_transaction());
  Transaction empty(connection_);
  empty.commit();
  EXPECT_FALSE(connection_.in_transaction());
}

// A check queued outside a transaction (a read's principal) shares its pipeline's implicit
// transaction; a BEGIN of another isolation cannot take that over, so the check is settled first
// and the BEGIN leads the next pipeline.
TEST_F(DbTest, ABeginLeadsItsPipelineAndAQueuedCheckIsNotATransaction) {
  constexpr std::string_view kIsolation = "SELECT current_setting('transaction_isolation')";
  connection_.exec_prepared(kIsolation);
  bool checked = false;
  connection_.send_ahead(kIsolation, Params(), [&](const Result& /*result*/) { checked = true; });
  EXPECT_FALSE(connection_.in_transaction()) << "a queued check opens no transaction";
  Transaction snapshot(connection_, Isolation::kRepeatableRead, /*read_only=*/true);
  EXPECT_TRUE(checked);
  EXPECT_FALSE(snapshot.nested());
  EXPECT_EQ(connection_.exec_prepared(kIsolation).string(0, 0), "repeatable read");
  snapshot.commit();
  EXPECT_FALSE(connection_.in_transaction());
}

// A TCP listener that completes handshakes (the kernel's backlog) but never answers: what a hung
// server or a black-holed proxy looks like to libpq.
class SilentListener {
 public:
  SilentListener() : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the BSD socket API
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    socklen_t length = sizeof address;
    if (::bind(fd_, generic, length) != 0 || ::listen(fd_, 8) != 0
        || ::getsockname(fd_, generic, &length) != 0) {
      throw std::runtime_error("cannot listen on loopback");
    }
    port_ = ntohs(address.sin_port);
  }
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  SilentListener(SilentListener&&) = delete;
  SilentListener& operator=(SilentListener&&) = delete;
  ~SilentListener() { ::close(fd_); }
  [[nodiscard]] std::uint16_t port() const noexcept { return port_; }

 private:
  int fd_;
  std::uint16_t port_ = 0;
};

std::chrono::steady_clock::duration time_to_fail_connecting(const std::string& url) {
  const auto began = std::chrono::steady_clock::now();
  EXPECT_THROW(Connection{url}, ConnectionError);
  return std::chrono::steady_clock::now() - began;
}

TEST(DbConnect, AHungServerFailsWithinTheDefaultConnectTimeout) {
  using namespace std::chrono_literals;
  const SilentListener listener;
  const auto waited =
      time_to_fail_connecting(fmt::format("postgresql://qgp@127.0.0.1:{}/qgp", listener.port()));
  EXPECT_GE(waited, 8s);   // the default is 10 s ...
  EXPECT_LT(waited, 30s);  // ... and not libpq's "forever"
}

TEST(DbConnect, ConnectTimeoutInTheUrlOverridesTheDefault) {
  using namespace std::chrono_literals;
  const SilentListener listener;
  const auto waited = time_to_fail_connecting(
      fmt::format("postgresql://qgp@127.0.0.1:{}/qgp?connect_timeout=2", listener.port()));
  EXPECT_GE(waited, 1s);
  EXPECT_LT(waited, 8s);
}

}  // namespace
}  // namespace qgp::db
