// The audit trail's sealer in a real database (docs/adr/0003-audit-trail.md): it never seals past
// a row whose writer may still commit, two sealers racing link every row exactly once, a sealed
// row edited later or a chain rewritten without the key is found, and rows left unsealed too long
// are reported.
#include <atomic>
#include <chrono>
#include <latch>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/actor.hpp"
#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audit/checkpoint_signing.hpp"
#include "domain/audit/history_verifier.hpp"
#include "domain/audit/sealer.hpp"
#include "store/audit/audit_hash.hpp"
#include "store/audit/audit_log_store.hpp"
#include "store/audit/audit_seal_store.hpp"
#include "support/run_process.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace audit = store::audit;
using domain::audit::Sealer;
using domain::audit::SigningKey;

// A fixed test key (a seed of 32 bytes 0x01..0x20), so the CLI can be given the same one.
constexpr std::string_view kSeed = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

SigningKey test_key() {
  return *SigningKey::from_base64_seed(kSeed);
}

// One audit row in the connection's open transaction.
std::int64_t append_row(db::Connection& connection, std::int64_t entity_id) {
  audit::ChangeSet changes;
  changes.set("n", entity_id);
  return audit::append(
      connection, core::Actor{.user_id = std::nullopt, .request_id = "req-s", .client_address = {}},
      audit::Entry{.action = "update",
                   .entity_type = "incident",
                   .entity_id = entity_id,
                   .changes = std::move(changes).take(),
                   .note = {}});
}

// One audit row in a transaction of its own.
std::int64_t commit_row(db::Connection& connection, std::int64_t entity_id) {
  db::Transaction transaction(connection);
  const auto id = append_row(connection, entity_id);
  transaction.commit();
  return id;
}

// audit_log ids in chain order.
std::vector<std::int64_t> chained_ids(db::Connection& connection) {
  const auto rows = connection.exec("SELECT audit_log_id FROM audit_chain ORDER BY position");
  std::vector<std::int64_t> ids;
  for (int row = 0; row < rows.rows(); ++row) {
    ids.push_back(rows.int64(row, 0));
  }
  return ids;
}

domain::audit::HistoryReport verify(db::Connection& connection, bool with_key = true) {
  domain::audit::VerifyOptions options;
  if (with_key) {
    options.keys.push_back(test_key().public_key());
  }
  return domain::audit::verify_history(connection, options);
}

std::string problems_of(const domain::audit::HistoryReport& report) {
  std::string out;
  if (report.chain_break) {
    out += fmt::format("break at {}: {}\n", report.chain_break->row_id, report.chain_break->reason);
  }
  for (const auto& problem : report.problems) {
    out += problem + "\n";
  }
  return out;
}

TEST(AuditSealer, NeverSealsPastARowWhoseWriterIsStillRunning) {
  TestDatabase database;
  db::Connection early(database.url());
  db::Connection late(database.url());
  db::Connection sealing(database.url());
  Sealer sealer(test_key(), 100);

  // `early` takes the smaller id but commits last; `late` commits first.
  std::optional<db::Transaction> open(std::in_place, early);
  const auto first = append_row(early, 1);
  const auto second = commit_row(late, 2);
  ASSERT_LT(first, second);
  const auto blocked = sealer.seal_batch(sealing);
  EXPECT_FALSE(blocked.busy);
  EXPECT_EQ(blocked.rows_sealed, 0);  // `second` must wait: `first` may still commit before it

  open->commit();
  open.reset();
  EXPECT_EQ(sealer.seal_pending(sealing).rows_sealed, 2);
  EXPECT_EQ(chained_ids(sealing), (std::vector<std::int64_t>{first, second}));
  const auto report = verify(sealing);
  EXPECT_TRUE(report.intact()) << problems_of(report);
  EXPECT_EQ(report.rows, 2);
}

TEST(AuditSealer, ARolledBackWriterLeavesAGapTheChainSkips) {
  TestDatabase database;
  db::Connection writer(database.url());
  db::Connection other(database.url());
  db::Connection sealing(database.url());
  Sealer sealer(test_key(), 100);
  std::optional<db::Transaction> doomed(std::in_place, writer);
  const auto lost = append_row(writer, 1);
  const auto kept = commit_row(other, 2);
  EXPECT_EQ(sealer.seal_batch(sealing).rows_sealed, 0);
  doomed.reset();  // rolled back: id `lost` never commits
  EXPECT_EQ(sealer.seal_pending(sealing).rows_sealed, 1);
  EXPECT_EQ(chained_ids(sealing), (std::vector<std::int64_t>{kept}));
  EXPECT_LT(lost, kept);
  const auto report = verify(sealing);
  EXPECT_TRUE(report.intact()) << problems_of(report);
  EXPECT_EQ(report.unsealed.count, 0);
}

TEST(AuditSealer, SealsInTheOrderTransactionsBecameFinalNotInIdOrder) {
  TestDatabase database;
  db::Connection older(database.url());
  db::Connection younger(database.url());
  db::Connection sealing(database.url());
  Sealer sealer(std::nullopt, 100);
  // `older` holds a transaction id before `younger` writes anything; `younger` then takes the
  // smaller audit id and stays open while `older` appends and commits.
  db::Transaction older_tx(older);
  older.exec("SELECT pg_current_xact_id()");
  std::optional<db::Transaction> younger_tx(std::in_place, younger);
  const auto small_id = append_row(younger, 1);
  const auto big_id = append_row(older, 2);
  older_tx.commit();
  // The older transaction is final and below the horizon; the younger one is still running.
  EXPECT_EQ(sealer.seal_pending(sealing).rows_sealed, 1);
  younger_tx->commit();
  younger_tx.reset();
  EXPECT_EQ(sealer.seal_pending(sealing).rows_sealed, 1);
  EXPECT_EQ(chained_ids(sealing), (std::vector<std::int64_t>{big_id, small_id}));
  const auto report = verify(sealing, false);
  EXPECT_TRUE(report.intact()) << problems_of(report);
}

TEST(AuditSealer, TwoSealersRacingLinkEveryRowExactlyOnce) {
  TestDatabase database;
  constexpr int kWriters = 4;
  constexpr int kEach = 40;
  std::latch start(kWriters + 2);
  std::atomic<int> writers_left{kWriters};
  std::atomic<int> failures{0};
  std::atomic<std::int64_t> sealed_by[2] = {0, 0};
  std::atomic<int> busy_seen{0};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      try {
        db::Connection connection(database.url());
        start.arrive_and_wait();
        for (int i = 0; i < kEach; ++i) {
          commit_row(connection, (w * 1000) + i);
        }
      } catch (const std::exception&) {
        ++failures;
      }
      --writers_left;
    });
  }
  for (auto& sealed : sealed_by) {
    threads.emplace_back([&] {
      try {
        db::Connection connection(database.url());
        Sealer sealer(test_key(), 7);  // small batches: many checkpoints, many races
        start.arrive_and_wait();
        while (writers_left.load() > 0) {
          const auto outcome = sealer.seal_pending(connection);
          sealed += outcome.rows_sealed;
          busy_seen += outcome.busy ? 1 : 0;
        }
        sealed += sealer.seal_pending(connection).rows_sealed;
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  ASSERT_EQ(failures.load(), 0);
  db::Connection connection(database.url());
  // Whatever the last racer left (it may have found the other busy).
  Sealer(test_key(), 7).seal_pending(connection);
  constexpr std::int64_t kTotal = std::int64_t{kWriters} * kEach;
  const auto counts = connection.exec(
      "SELECT count(*), count(DISTINCT audit_log_id), min(position), max(position), "
      "(SELECT sum(rows_sealed) FROM audit_checkpoints) FROM audit_chain");
  EXPECT_EQ(counts.int64(0, 0), kTotal);
  EXPECT_EQ(counts.int64(0, 1), kTotal);  // no row twice
  EXPECT_EQ(counts.int64(0, 2), 1);
  EXPECT_EQ(counts.int64(0, 3), kTotal);  // no gap in positions
  EXPECT_EQ(counts.int64(0, 4), kTotal);  // the checkpoints cover each link once
  const auto report = verify(connection);
  EXPECT_TRUE(report.intact()) << problems_of(report);
  EXPECT_EQ(report.rows, kTotal);
  EXPECT_EQ(report.unsigned_checkpoints, 0);
  EXPECT_GT(report.signed_checkpoints, 1);
}

TEST(AuditSealer, ASecondSealerDoesNothingWhileTheFirstHoldsTheLock) {
  TestDatabase database;
  db::Connection holder(database.url());
  db::Connection other(database.url());
  commit_row(other, 1);
  Sealer sealer(std::nullopt, 10);
  {
    db::Transaction transaction(holder);
    ASSERT_TRUE(audit::try_lock_sealer(holder));
    const auto outcome = sealer.seal_batch(other);
    EXPECT_TRUE(outcome.busy);
    EXPECT_EQ(outcome.rows_sealed, 0);
    EXPECT_TRUE(chained_ids(other).empty());
  }
  const auto outcome = sealer.seal_batch(other);
  EXPECT_FALSE(outcome.busy);
  EXPECT_EQ(outcome.rows_sealed, 1);
}

TEST(AuditSealer, ASealedRowEditedLaterIsFound) {
  TestDatabase database;
  db::Connection connection(database.url());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(commit_row(connection, i));
  }
  Sealer(test_key(), 100).seal_pending(connection);
  ASSERT_TRUE(verify(connection).intact());
  connection.exec("ALTER TABLE audit_log DISABLE TRIGGER USER");
  connection.exec(
      fmt::format("UPDATE audit_log SET changes = '{{\"n\": {{\"before\": null, \"after\": 99}}}}' "
                  "WHERE id = {}",
                  ids[2]));
  connection.exec("ALTER TABLE audit_log ENABLE TRIGGER USER");
  const auto report = verify(connection);
  ASSERT_TRUE(report.chain_break.has_value());
  EXPECT_EQ(report.chain_break->row_id, ids[2]);
  EXPECT_NE(report.chain_break->reason.find("modified"), std::string::npos);
}

TEST(AuditSealer, AChainRewrittenWithoutTheKeyFailsItsSignedCheckpoint) {
  TestDatabase database;
  db::Connection connection(database.url());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(commit_row(connection, i));
  }
  Sealer(test_key(), 100).seal_pending(connection);
  // A superuser edits row 2 and recomputes every hash from it on, as the old chain allowed.
  connection.exec("ALTER TABLE audit_log DISABLE TRIGGER USER");
  connection.exec("ALTER TABLE audit_chain DISABLE TRIGGER USER");
  connection.exec(
      fmt::format("UPDATE audit_log SET changes = '{{\"n\": {{\"before\": null, \"after\": -1}}}}' "
                  "WHERE id = {}",
                  ids[1]));
  std::optional<std::string> previous;
  audit::scan_chain(connection, [&](const audit::ChainRow& row) {
    const auto hash = audit::chain_hash(previous.value_or(""), row.hashed);
    connection.exec("UPDATE audit_chain SET prev_hash = $1, hash = $2 WHERE position = $3",
                    db::Params(previous, hash, row.position));
    previous = hash;
    return true;
  });
  auto report = verify(connection);
  EXPECT_FALSE(report.chain_break.has_value()) << problems_of(report);  // links are consistent
  ASSERT_FALSE(report.intact());
  EXPECT_NE(problems_of(report).find("no longer has the checkpoint's hash"), std::string::npos)
      << problems_of(report);

  // Moving the checkpoint to the new head does not help without the key.
  connection.exec("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER");
  connection.exec("UPDATE audit_checkpoints SET head_hash = $1", db::Params(*previous));
  report = verify(connection);
  EXPECT_NE(problems_of(report).find("signature does not match"), std::string::npos)
      << problems_of(report);
  // Nor does dropping its signature: an unsigned checkpoint proves nothing to a keyed verifier.
  connection.exec("UPDATE audit_checkpoints SET key_id = NULL, signature = NULL");
  report = verify(connection);
  EXPECT_NE(problems_of(report).find("no checkpoint is signed"), std::string::npos)
      << problems_of(report);
  connection.exec("ALTER TABLE audit_checkpoints ENABLE TRIGGER USER");
  connection.exec("ALTER TABLE audit_chain ENABLE TRIGGER USER");
  connection.exec("ALTER TABLE audit_log ENABLE TRIGGER USER");
}

TEST(AuditSealer, ARemovedTailRowAndACutBackTailAreFound) {
  TestDatabase database;
  db::Connection connection(database.url());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(commit_row(connection, i));
  }
  Sealer sealer(test_key(), 100);
  sealer.seal_pending(connection);
  const auto anchor_hash =
      connection.exec("SELECT hash FROM audit_chain WHERE position = 3").string(0, 0);
  connection.exec("ALTER TABLE audit_log DISABLE TRIGGER USER");
  connection.exec(fmt::format("DELETE FROM audit_log WHERE id = {}", ids[2]));
  auto report = verify(connection);
  ASSERT_TRUE(report.chain_break.has_value());
  EXPECT_EQ(report.chain_break->row_id, ids[2]);
  EXPECT_NE(report.chain_break->reason.find("removed"), std::string::npos);

  // Cutting the chain back (its last link and checkpoint gone) leaves a consistent-looking prefix;
  // an anchor recorded outside the database tells, and so does the sealer that wrote it.
  connection.exec("ALTER TABLE audit_chain DISABLE TRIGGER USER");
  connection.exec("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER");
  connection.exec("DELETE FROM audit_checkpoints");
  connection.exec("DELETE FROM audit_chain WHERE position = 3");
  connection.exec("ALTER TABLE audit_log ENABLE TRIGGER USER");
  connection.exec("ALTER TABLE audit_chain ENABLE TRIGGER USER");
  connection.exec("ALTER TABLE audit_checkpoints ENABLE TRIGGER USER");
  domain::audit::VerifyOptions options;
  options.anchors.push_back({.position = 3, .hash = anchor_hash});
  report = domain::audit::verify_history(connection, options);
  EXPECT_NE(problems_of(report).find("anchor 3: the chain has no link"), std::string::npos)
      << problems_of(report);
  commit_row(connection, 9);
  EXPECT_THROW(sealer.seal_batch(connection), core::Error);
}

TEST(AuditSealer, RowsLeftUnsealedTooLongAreReported) {
  TestDatabase database;
  db::Connection connection(database.url());
  commit_row(connection, 1);
  Sealer(std::nullopt, 100).seal_pending(connection);
  // The application role forges a row the sealer cannot place (no transaction id) and dates it
  // an hour back; a fresh row merely waiting for the sealer is not overdue.
  db::Connection app(database.app_url());
  app.exec(
      "INSERT INTO audit_log (occurred_at, action, entity_type, changes, xact_id) "
      "VALUES (now() - interval '1 hour', 'update', 'incident', '{}', NULL)");
  commit_row(connection, 2);
  EXPECT_EQ(Sealer(std::nullopt, 100).seal_pending(connection).rows_sealed, 1);
  const auto report = verify(connection, false);
  EXPECT_FALSE(report.chain_break.has_value());
  EXPECT_EQ(report.unsealed.count, 1);
  EXPECT_EQ(report.unsealed.overdue, 1);
  ASSERT_FALSE(report.intact());
  EXPECT_NE(problems_of(report).find("1 rows left unsealed longer than 60 s"), std::string::npos)
      << problems_of(report);

  const auto cli =
      run_qgp({"audit", "verify"}, {{"APP_ENV", "testing"}, {"DATABASE_URL", database.url()}});
  EXPECT_EQ(cli.exit_code, 1) << cli.out << cli.err;
  EXPECT_NE(cli.out.find("rows left unsealed longer than 60 s"), std::string::npos) << cli.out;
}

TEST(AuditSealer, TheCommandLineSignsWithTheConfiguredKeyAndVerifiesWithThePublicOne) {
  TestDatabase database;
  db::Connection connection(database.url());
  commit_row(connection, 1);
  const auto sealed = run_qgp({"audit", "seal"}, {{"APP_ENV", "testing"},
                                                  {"DATABASE_URL", database.app_url()},
                                                  {"AUDIT_SIGNING_KEY", std::string(kSeed)}});
  ASSERT_EQ(sealed.exit_code, 0) << sealed.out << sealed.err;
  EXPECT_NE(sealed.out.find("sealed 1 rows"), std::string::npos) << sealed.out;
  const auto public_key = domain::audit::public_key_base64(test_key().public_key());
  const auto verified = run_qgp({"audit", "verify"}, {{"APP_ENV", "testing"},
                                                      {"DATABASE_URL", database.app_url()},
                                                      {"AUDIT_VERIFY_KEYS", public_key}});
  EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("1 signed, 0 unsigned"), std::string::npos) << verified.out;
  // A verifier holding another key refuses the history.
  const auto stranger = domain::audit::public_key_base64(SigningKey::generate().public_key());
  const auto refused = run_qgp({"audit", "verify"}, {{"APP_ENV", "testing"},
                                                     {"DATABASE_URL", database.app_url()},
                                                     {"AUDIT_VERIFY_KEYS", stranger}});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.out.find("not among the verification keys"), std::string::npos) << refused.out;
}

TEST(AuditSealer, TheBackgroundSealerSealsOnANudgeAndOnStop) {
  TestDatabase database;
  db::Connection connection(database.url());
  // An hour between rounds: only the nudge and the stop make it work.
  domain::audit::BackgroundSealer background(database.app_url(), Sealer(test_key(), 100),
                                             std::chrono::hours(1));
  background.start();
  commit_row(connection, 1);
  commit_row(connection, 2);
  background.nudge();
  EXPECT_TRUE(background.wait_for_position(2, std::chrono::seconds(60)));
  commit_row(connection, 3);
  background.stop();  // the last pass
  EXPECT_EQ(chained_ids(connection).size(), 3U);
  const auto report = verify(connection);
  EXPECT_TRUE(report.intact()) << problems_of(report);
}

}  // namespace
}  // namespace qgp::testing
