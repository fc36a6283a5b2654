// The audit trail in a real database: appended in the caller's transaction, sealed into one linear
// chain under concurrency, append-only whatever the role, and tampering found by `qgp audit
// verify`. The sealer's own properties (gaps, racing sealers, checkpoints) are in
// audit_sealer_test.cpp.
#include <array>
#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/audit/chain_verifier.hpp"
#include "domain/audit/sealer.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/audit/audit_query_store.hpp"
#include "support/run_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace audit = store::audit;

// Appends one row in the caller's transaction, or in one of its own when there is none.
std::int64_t append_one(db::Connection& connection, std::int64_t entity_id,
                        const std::string& title = "x") {
  std::optional<db::Transaction> own;
  if (!connection.in_transaction()) {
    own.emplace(connection);
  }
  audit::ChangeSet changes;
  changes.track("title", std::string("before"), title);
  const auto id = audit::append(
      connection,
      core::Actor{.user_id = std::nullopt, .request_id = "req-1", .client_address = "192.0.2.7"},
      audit::Entry{.action = "update",
                   .entity_type = "incident",
                   .entity_id = entity_id,
                   .changes = std::move(changes).take(),
                   .note = {}});
  if (own) {
    own->commit();
  }
  return id;
}

std::int64_t count_rows(db::Connection& connection) {
  return connection.exec("SELECT count(*) FROM audit_log").int64(0, 0);
}

// Links every committed row into the chain, as `qgp serve`'s background sealer would.
std::int64_t seal_all(db::Connection& connection) {
  domain::audit::Sealer sealer(std::nullopt, 50);
  return sealer.seal_pending(connection).rows_sealed;
}

domain::audit::ChainVerifier verify(db::Connection& connection) {
  domain::audit::ChainVerifier verifier;
  audit::scan_chain(connection, [&](const audit::ChainRow& row) { return verifier.feed(row); }, 7);
  return verifier;
}

std::map<std::string, std::string> env_for(const TestDatabase& database) {
  return {{"APP_ENV", "testing"}, {"DATABASE_URL", database.url()}};
}

TEST(AuditTrail, RowsCommitAndRollBackWithTheirMutation) {
  TestDatabase database;
  db::Connection connection(database.url());
  {
    db::Transaction transaction(connection);
    append_one(connection, 1);
    // no commit: the mutation failed, so its audit row must vanish with it
  }
  EXPECT_EQ(count_rows(connection), 0);
  {
    db::Transaction transaction(connection);
    append_one(connection, 1);
    transaction.commit();
  }
  EXPECT_EQ(count_rows(connection), 1);
}

TEST(AuditTrail, ValuesAreStoredWithTheirTypesAndANote) {
  TestDatabase database;
  db::Connection connection(database.url());
  audit::ChangeSet changes;
  changes.track("unchanged", std::int64_t{3}, std::int64_t{3})
      .track("score", audit::Decimal{"12.50"}, audit::Decimal{"99.05"})
      .track("passed", false, true)
      .track("count", std::int64_t{1}, std::int64_t{2})
      .track("title", std::string(R"(a "quoted" \ title)"), std::string("naïve ✓"))
      .track("closed_at", std::monostate{}, std::string("2026-11-25"))
      .track("ratio", audit::Decimal{"NaN"}, audit::Decimal{"1.5e3"});
  EXPECT_EQ(changes.changes().size(), 6U);  // the unchanged field is not recorded
  db::Transaction transaction(connection);
  const auto id = audit::append(connection, core::Actor{},
                                audit::Entry{.action = "transition",
                                             .entity_type = "audit_run",
                                             .entity_id = 9,
                                             .changes = std::move(changes).take(),
                                             .note = "closing note"});
  transaction.commit();
  const auto stored = nlohmann::json::parse(
      connection.exec("SELECT changes::text FROM audit_log WHERE id = $1", db::Params(id))
          .string(0, 0));
  EXPECT_EQ(stored["score"]["after"].dump(), "99.05");
  EXPECT_EQ(stored["passed"]["before"], false);
  EXPECT_EQ(stored["count"]["after"], 2);
  EXPECT_EQ(stored["title"]["before"], R"(a "quoted" \ title)");
  EXPECT_EQ(stored["title"]["after"], "naïve ✓");
  EXPECT_TRUE(stored["closed_at"]["before"].is_null());
  EXPECT_EQ(stored["_note"], "closing note");
  EXPECT_FALSE(stored.contains("unchanged"));
  // As to_jsonb writes a numeric: a number when it is one (exactly), else its text.
  EXPECT_EQ(stored["ratio"]["before"], "NaN");
  EXPECT_EQ(stored["ratio"]["after"].dump(), "1500");
  EXPECT_EQ(seal_all(connection), 1);
  const auto verifier = verify(connection);
  EXPECT_FALSE(verifier.first_break().has_value());
  EXPECT_EQ(verifier.rows(), 1);
}

TEST(AuditTrail, ConcurrentWritersBuildOneLinearChain) {
  TestDatabase database;
  constexpr int kWriters = 8;
  constexpr int kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      try {
        db::Connection connection(database.url());
        for (int i = 0; i < kEach; ++i) {
          db::Transaction transaction(connection);
          append_one(connection, w, fmt::format("writer {} row {}", w, i));
          transaction.commit();
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& writer : writers) {
    writer.join();
  }
  EXPECT_EQ(failures.load(), 0);
  db::Connection connection(database.url());
  EXPECT_EQ(seal_all(connection), kWriters * kEach);
  const auto verifier = verify(connection);
  EXPECT_FALSE(verifier.first_break().has_value()) << verifier.first_break()->reason;
  EXPECT_EQ(verifier.rows(), kWriters * kEach);
  EXPECT_EQ(connection.exec("SELECT count(*) FROM audit_chain WHERE prev_hash IS NULL").int64(0, 0),
            1);
}

TEST(AuditTrail, NoRoleMayUpdateDeleteOrTruncateIt) {
  TestDatabase database;
  db::Connection connection(database.url());
  append_one(connection, 1);
  for (const char* statement :
       {"UPDATE audit_log SET action = 'delete'", "DELETE FROM audit_log", "TRUNCATE audit_log"}) {
    try {
      connection.exec(statement);
      ADD_FAILURE() << statement << " was allowed";
    } catch (const db::DbError& e) {
      EXPECT_EQ(e.sqlstate(), "42501") << statement;
    }
  }
  EXPECT_EQ(count_rows(connection), 1);
}

TEST(AuditTrail, AppendingOutsideATransactionIsRefused) {
  TestDatabase database;
  db::Connection connection(database.url());
  // In autocommit the row would commit on its own, whatever becomes of the change it records.
  const audit::Entry entry{
      .action = "create", .entity_type = "incident", .entity_id = 1, .changes = {}, .note = {}};
  EXPECT_THROW(audit::append(connection, core::Actor{}, entry), core::Error);
  EXPECT_THROW(audit::append_ahead(connection, core::Actor{}, entry), core::Error);
  EXPECT_FALSE(connection.has_ahead());
  EXPECT_EQ(count_rows(connection), 0);
}

// The row queued ahead travels with the COMMIT and commits or rolls back with its change.
TEST(AuditTrail, ARowQueuedAheadCommitsWithItsTransactionAndOnlyThen) {
  TestDatabase database;
  db::Connection connection(database.url());
  const auto entry = audit::Entry{
      .action = "create", .entity_type = "incident", .entity_id = 7, .changes = {}, .note = {}};
  {
    db::Transaction tx(connection);
    audit::append_ahead(connection, core::Actor{}, entry);
  }  // rolled back
  EXPECT_EQ(count_rows(connection), 0);
  db::Transaction tx(connection);
  audit::append_ahead(connection, core::Actor{}, entry);
  EXPECT_TRUE(connection.has_ahead());
  tx.commit();
  EXPECT_EQ(count_rows(connection), 1);
}

TEST(AuditTrail, TheApplicationRoleMayOnlyReadAndAppendAndCannotDisableTheGuard) {
  TestDatabase database;
  db::Connection app(database.app_url());
  append_one(app, 1);
  EXPECT_FALSE(audit::rewrite_privilege_problem(app).has_value());
  constexpr std::array<std::string_view, 5> kRewrites = {
      "UPDATE audit_log SET action = 'delete'",
      "DELETE FROM audit_log",
      "TRUNCATE audit_log",
      "ALTER TABLE audit_log DISABLE TRIGGER USER",
      "DROP TRIGGER trg_audit_log_append_only ON audit_log",
  };
  for (const auto statement : kRewrites) {
    try {
      app.exec(statement);
      ADD_FAILURE() << statement << " was allowed to the application role";
    } catch (const db::DbError& e) {
      EXPECT_EQ(e.sqlstate(), "42501") << statement << ": " << e.what();
    }
  }
  EXPECT_EQ(count_rows(app), 1);
  // The cluster's superuser (what the tests migrate as) is what serve must never run as.
  db::Connection owner(database.url());
  const auto problem = audit::rewrite_privilege_problem(owner);
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("superuser"), std::string::npos) << *problem;
}

TEST(AuditTrail, OwnershipOrAGrantOfUpdateIsReportedAsARewriteRisk) {
  TestDatabase database;
  db::Connection owner(database.url());
  const auto role = fmt::format("qgp_test_owner_{}", database.name());
  const auto password = core::random_token(24);
  owner.exec(fmt::format("CREATE ROLE {} LOGIN PASSWORD '{}' IN ROLE qgp_app", role, password));
  const auto as_role = fmt::format("{} user={} password={}", database.url(), role, password);
  {
    db::Connection member(as_role);
    EXPECT_FALSE(audit::rewrite_privilege_problem(member).has_value());
  }
  owner.exec(fmt::format("GRANT UPDATE ON audit_log TO {}", role));
  {
    db::Connection member(as_role);
    const auto problem = audit::rewrite_privilege_problem(member);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("UPDATE, DELETE or TRUNCATE"), std::string::npos) << *problem;
  }
  owner.exec(fmt::format("REVOKE UPDATE ON audit_log FROM {}", role));
  owner.exec(fmt::format("ALTER TABLE audit_log OWNER TO {}", role));
  {
    db::Connection member(as_role);
    const auto problem = audit::rewrite_privilege_problem(member);
    ASSERT_TRUE(problem.has_value());
    EXPECT_NE(problem->find("owns audit_log"), std::string::npos) << *problem;
  }
  owner.exec("ALTER TABLE audit_log OWNER TO CURRENT_USER");
  owner.exec(fmt::format("REVOKE ALL ON audit_log FROM {}", role));
}

TEST(AuditTrail, VerifyFindsTheFirstModifiedOrRemovedRow) {
  TestDatabase database;
  std::vector<std::int64_t> ids;
  {
    db::Connection connection(database.url());
    for (int i = 0; i < 6; ++i) {
      ids.push_back(append_one(connection, i, fmt::format("title {}", i)));
    }
  }
  const auto sealed = run_qgp({"audit", "seal"}, env_for(database));
  EXPECT_EQ(sealed.exit_code, 0) << sealed.out << sealed.err;
  EXPECT_NE(sealed.out.find("sealed 6 rows"), std::string::npos) << sealed.out;
  const auto intact = run_qgp({"audit", "verify"}, env_for(database));
  EXPECT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("audit trail intact: 6 rows"), std::string::npos) << intact.out;

  // A superuser can switch the guard off; the chain still tells.
  db::Connection owner(database.url());
  owner.exec("ALTER TABLE audit_log DISABLE TRIGGER USER");
  owner.exec(fmt::format(
      "UPDATE audit_log SET changes = jsonb_set(changes, '{{title,after}}', '\"forged\"') "
      "WHERE id = {}",
      ids[3]));
  const auto edited = run_qgp({"audit", "verify"}, env_for(database));
  EXPECT_EQ(edited.exit_code, 1) << edited.out << edited.err;
  EXPECT_NE(edited.out.find(fmt::format("BROKEN at row id {}: the row's content", ids[3])),
            std::string::npos)
      << edited.out;

  owner.exec(fmt::format("DELETE FROM audit_log WHERE id IN ({}, {})", ids[1], ids[3]));
  const auto removed = run_qgp({"audit", "verify"}, env_for(database));
  EXPECT_EQ(removed.exit_code, 1);
  EXPECT_NE(removed.out.find(fmt::format("BROKEN at row id {}: prev_hash", ids[2])),
            std::string::npos)
      << removed.out;
  owner.exec("ALTER TABLE audit_log ENABLE TRIGGER USER");
}

}  // namespace
}  // namespace qgp::testing
