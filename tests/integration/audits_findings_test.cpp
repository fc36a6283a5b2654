// Findings against a real database: creation with links and reference numbers, the status
// machine with its recorded columns, optimistic concurrency and the audit rows.
#include <atomic>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audits/findings.hpp"
#include "domain/common/records.hpp"
#include "kit/patch.hpp"
#include "support/fixtures.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace findings = domain::audits;

std::int64_t insert_clause(db::Connection& connection) {
  connection.exec(
      "INSERT INTO standards (code, name, full_name, edition) "
      "VALUES ('ISO9001', 'ISO 9001', 'Quality management systems', '2015')");
  return connection
      .exec(
          "INSERT INTO clauses (standard_id, clause_number, title) "
          "VALUES (1, '7.5', 'Documented information') RETURNING id")
      .int64(0, 0);
}

domain::audits::Finding sample(std::int64_t run_id) {
  domain::audits::Finding finding;
  finding.run_id = run_id;
  finding.title = "Calibration records missing";
  finding.description = "Two gauges had no calibration certificate.";
  finding.grade = model::audits::FindingGrade::kMinorNonconformity;
  return finding;
}

using model::audits::FindingStatus;

class FindingsTest : public ::testing::Test {
 protected:
  // Each use case runs in its own unit of work, committed like api/kit's route wrapper does.
  template <typename Work>
  auto in_tx(Work&& work) {
    db::Transaction tx(connection_);
    auto result = std::forward<Work>(work)(tx);
    tx.commit();
    return result;
  }
  domain::audits::Finding raise(const domain::audits::Finding& finding) {
    return in_tx([&](db::Transaction& tx) { return findings::raise_finding(tx, actor_, finding); });
  }
  domain::audits::Finding move(std::int64_t id, FindingStatus to, std::optional<std::string> note) {
    return in_tx([&](db::Transaction& tx) {
      return domain::common::transition<domain::audits::Finding>(tx, actor_, id, to, note);
    });
  }
  domain::audits::Finding relink(std::int64_t id, std::vector<std::int64_t> clauses) {
    const auto current = domain::common::get<domain::audits::Finding>(connection_, id);
    kit::Patch<domain::audits::Finding> patch;
    patch.version = current.version;
    patch.values.clause_ids = std::move(clauses);
    patch.mark(kit::field_index<domain::audits::Finding>("clause_ids"));
    return in_tx(
        [&](db::Transaction& tx) { return findings::update_finding(tx, actor_, id, patch); });
  }

  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t run_id_ = insert_audit_run(connection_);
  // A verifier: the closing edge needs findings:verify.
  core::Actor actor_{.user_id = std::nullopt, .request_id = "test", .client_address = {}};
};

TEST_F(FindingsTest, CreationNumbersLinksAndAuditsTheFinding) {
  const auto clause = insert_clause(connection_);
  auto finding = sample(run_id_);
  finding.clause_ids = {clause};
  finding.due_date = kit::Date{"2030-01-31"};
  const auto stored = raise(finding);
  EXPECT_TRUE(stored.reference_number.starts_with("FND-"));
  EXPECT_EQ(stored.status, FindingStatus::kOpen);
  EXPECT_EQ(stored.clause_ids, std::vector<std::int64_t>{clause});
  EXPECT_EQ(stored.run_reference_number, "AUD-2026-0001");
  EXPECT_EQ(stored.due_date, kit::Date{"2030-01-31"});
  EXPECT_EQ(connection_
                .exec("SELECT count(*) FROM audit_log WHERE entity_type = 'audit_finding' "
                      "AND entity_id = $1 AND action = 'create'",
                      db::Params(stored.id))
                .int64(0, 0),
            1);
}

TEST_F(FindingsTest, UnknownRecordsAreNamedByTheirField) {
  try {
    raise(sample(run_id_ + 100));
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("run_id"));
  }
  auto unknown_clause = sample(run_id_);
  unknown_clause.clause_ids = {987654};
  try {
    raise(unknown_clause);
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("clause_ids")) << e.fields().begin()->first;
  }
}

TEST_F(FindingsTest, ArchivedClausesCanStayLinkedButNotBeNewlyLinked) {
  const auto clause = insert_clause(connection_);
  const auto current = connection_
                           .exec(
                               "INSERT INTO clauses (standard_id, clause_number, title) "
                               "VALUES (1, '9.2', 'Internal audit') RETURNING id")
                           .int64(0, 0);
  auto linked = sample(run_id_);
  linked.clause_ids = {clause};
  const auto id = raise(linked).id;
  connection_.exec("UPDATE clauses SET archived_at = now() WHERE id = $1", db::Params(clause));

  auto fresh = sample(run_id_);
  fresh.clause_ids = {clause};
  try {
    raise(fresh);
    FAIL() << "a new finding linked an archived clause";
  } catch (const core::ValidationError& e) {
    ASSERT_TRUE(e.fields().contains("clause_ids"));
    EXPECT_NE(e.fields().at("clause_ids").find(std::to_string(clause)), std::string::npos);
  }
  // An automatic finding copies its question's links as they were when the run started.
  fresh.is_auto_created = true;
  EXPECT_NO_THROW(raise(fresh));

  // The existing link survives an edit that adds a current clause...
  const auto kept = relink(id, {clause, current});
  EXPECT_EQ(kept.clause_ids, (std::vector<std::int64_t>{clause, current}));
  // ...but once removed, the archived clause cannot come back.
  relink(id, {current});
  EXPECT_THROW(relink(id, {clause, current}), core::ValidationError);
  EXPECT_EQ(domain::common::get<domain::audits::Finding>(connection_, id).clause_ids,
            std::vector<std::int64_t>{current});
}

TEST_F(FindingsTest, ConcurrentCreatorsGetUniqueReferenceNumbers) {
  constexpr int kThreads = 8;
  constexpr int kEach = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      try {
        db::Connection connection(database_.url());
        for (int i = 0; i < kEach; ++i) {
          db::Transaction transaction(connection);
          findings::raise_finding(transaction, actor_, sample(run_id_));
          transaction.commit();
        }
      } catch (const std::exception&) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  const auto rows = connection_.exec("SELECT reference_number FROM audit_findings");
  std::set<std::string> numbers;
  for (int row = 0; row < rows.rows(); ++row) {
    numbers.insert(rows.string(row, 0));
  }
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kThreads * kEach));
}

TEST_F(FindingsTest, TheStatusMachineRecordsVerificationAndReopening) {
  const auto id = raise(sample(run_id_)).id;
  EXPECT_THROW(move(id, FindingStatus::kClosed, "done"), core::InvalidTransition);
  move(id, FindingStatus::kInProgress, std::nullopt);
  move(id, FindingStatus::kPendingVerification, std::nullopt);
  EXPECT_THROW(move(id, FindingStatus::kClosed, std::nullopt),
               core::ValidationError);  // a nonconformity needs closure notes
  const auto closed = move(id, FindingStatus::kClosed, "Certificates filed");
  EXPECT_EQ(closed.status, FindingStatus::kClosed);
  EXPECT_TRUE(closed.closed_at.has_value());
  EXPECT_TRUE(closed.verified_at.has_value());
  EXPECT_EQ(closed.closure_notes, "Certificates filed");
  EXPECT_EQ(closed.verification_notes, "Certificates filed");
  EXPECT_THROW(move(id, FindingStatus::kOpen, std::nullopt),
               core::ValidationError);  // reopening needs a reason
  const auto reopened = move(id, FindingStatus::kOpen, "Found a third gauge");
  EXPECT_FALSE(reopened.closed_at.has_value());
  EXPECT_FALSE(reopened.closed_by_id.has_value());
  EXPECT_FALSE(reopened.verified_at.has_value());
  EXPECT_FALSE(reopened.closure_notes.has_value());
  EXPECT_EQ(connection_
                .exec("SELECT count(*) FROM audit_log WHERE entity_id = $1 "
                      "AND action = 'transition'",
                      db::Params(id))
                .int64(0, 0),
            4);
  // The closing row records the status, the stamps and the note in one entry.
  const auto closing = connection_.exec(
      "SELECT changes ? 'status', changes ? 'closed_at', changes ? 'verified_by_id', "
      "changes->>'_note' FROM audit_log WHERE entity_id = $1 AND action = 'transition' "
      "ORDER BY id OFFSET 2 LIMIT 1",
      db::Params(id));
  EXPECT_TRUE(closing.boolean(0, 0));
  EXPECT_TRUE(closing.boolean(0, 1));
  EXPECT_EQ(closing.string(0, 3), "Certificates filed");
}

TEST_F(FindingsTest, AVerifierIsNeededToCloseAndTheCallerSeesOnlyTheirMoves) {
  const auto id = raise(sample(run_id_)).id;
  move(id, FindingStatus::kPendingVerification, std::nullopt);
  const core::Actor writer{.user_id = 7,
                           .request_id = "test",
                           .client_address = {},
                           .permissions = {"findings:read", "findings:write"}};
  const auto& flow = kit::kWorkflow<domain::audits::Finding>;
  const auto finding = domain::common::get<domain::audits::Finding>(connection_, id);
  EXPECT_EQ(flow.allowed(finding, writer), std::vector<FindingStatus>{FindingStatus::kInProgress});
  EXPECT_EQ(flow.allowed(finding, actor_),
            (std::vector<FindingStatus>{FindingStatus::kInProgress, FindingStatus::kClosed}));
  EXPECT_THROW(in_tx([&](db::Transaction& tx) {
                 return domain::common::transition<domain::audits::Finding>(
                     tx, writer, id, FindingStatus::kClosed, std::string("checked"));
               }),
               core::Forbidden);
}

TEST_F(FindingsTest, StaleEditsConflictAndClosedFindingsAreFrozen) {
  const auto id = raise(sample(run_id_)).id;
  kit::Patch<domain::audits::Finding> patch;
  patch.version = 1;
  patch.values.grade = model::audits::FindingGrade::kMajorNonconformity;
  patch.mark(kit::field_index<domain::audits::Finding>("grade"));
  const auto updated =
      in_tx([&](db::Transaction& tx) { return findings::update_finding(tx, actor_, id, patch); });
  EXPECT_EQ(updated.grade, model::audits::FindingGrade::kMajorNonconformity);
  EXPECT_EQ(updated.version, 2);
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return findings::update_finding(tx, actor_, id, patch); }),
      core::Conflict);
  // Nothing sent but the version: no write, no audit row, the same version.
  kit::Patch<domain::audits::Finding> nothing;
  nothing.version = 2;
  const auto same =
      in_tx([&](db::Transaction& tx) { return findings::update_finding(tx, actor_, id, nothing); });
  EXPECT_EQ(same.version, 2);
  EXPECT_EQ(connection_
                .exec("SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'update'",
                      db::Params(id))
                .int64(0, 0),
            1);
  move(id, FindingStatus::kPendingVerification, std::nullopt);
  move(id, FindingStatus::kClosed, "Certificates filed");
  patch.version = 4;  // current: the refusal is the frozen closed finding, not the version
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return findings::update_finding(tx, actor_, id, patch); }),
      core::Conflict);
}

}  // namespace
}  // namespace qgp::testing
