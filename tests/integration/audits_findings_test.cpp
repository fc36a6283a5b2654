// Findings against a real database: creation with links and reference numbers, the status
// machine with its recorded columns, optimistic concurrency and the audit rows.
#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audits/findings.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace findings = domain::audits;

// A template, its published version and one run, inserted directly: findings hang on runs.
std::int64_t insert_run(db::Connection& connection) {
  connection.exec(
      "INSERT INTO audit_templates (reference_number, name, status, published_version_number) "
      "VALUES ('TPL-2026-0001', 'Site inspection', 'draft', NULL)");
  connection.exec(
      "INSERT INTO audit_template_versions (template_id, version_number, content) "
      "VALUES (1, 1, '{}'::jsonb)");
  return connection
      .exec(
          "INSERT INTO audit_runs (reference_number, template_id, template_version_id, title) "
          "VALUES ('AUD-2026-0001', 1, 1, 'Warehouse inspection') RETURNING id")
      .int64(0, 0);
}

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

findings::NewFinding sample(std::int64_t run_id) {
  findings::NewFinding finding;
  finding.run_id = run_id;
  finding.title = "Calibration records missing";
  finding.description = "Two gauges had no calibration certificate.";
  finding.grade = "minor_nonconformity";
  return finding;
}

class FindingsTest : public ::testing::Test {
 protected:
  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t run_id_ = insert_run(connection_);
  core::Actor actor_{};
};

TEST_F(FindingsTest, CreationNumbersLinksAndAuditsTheFinding) {
  const auto clause = insert_clause(connection_);
  auto finding = sample(run_id_);
  finding.clause_ids = {clause};
  finding.due_date = "2030-01-31";
  const auto id = findings::create_finding(connection_, actor_, finding);
  const auto stored = findings::get_finding(connection_, id);
  EXPECT_TRUE(stored.reference_number.starts_with("FND-"));
  EXPECT_EQ(stored.status, "open");
  EXPECT_EQ(stored.clause_ids, std::vector<std::int64_t>{clause});
  EXPECT_EQ(stored.run_reference_number, "AUD-2026-0001");
  EXPECT_EQ(stored.due_date, "2030-01-31");
  EXPECT_EQ(connection_
                .exec("SELECT count(*) FROM audit_log WHERE entity_type = 'audit_finding' "
                      "AND entity_id = $1 AND action = 'create'",
                      db::Params(id))
                .int64(0, 0),
            1);
}

TEST_F(FindingsTest, InvalidInputNamesEveryField) {
  auto finding = sample(run_id_ + 100);
  finding.grade = "catastrophe";
  finding.title.clear();
  try {
    findings::create_finding(connection_, actor_, finding);
    FAIL() << "accepted";
  } catch (const core::ValidationError& e) {
    EXPECT_TRUE(e.fields().contains("grade"));
    EXPECT_TRUE(e.fields().contains("title"));
    EXPECT_TRUE(e.fields().contains("run_id"));
  }
  auto unknown_clause = sample(run_id_);
  unknown_clause.clause_ids = {987654};
  db::Transaction transaction(connection_);
  try {
    findings::create_finding(connection_, actor_, unknown_clause);
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
  const auto id = findings::create_finding(connection_, actor_, linked);
  connection_.exec("UPDATE clauses SET archived_at = now() WHERE id = $1", db::Params(clause));

  auto fresh = sample(run_id_);
  fresh.clause_ids = {clause};
  try {
    findings::create_finding(connection_, actor_, fresh);
    FAIL() << "a new finding linked an archived clause";
  } catch (const core::ValidationError& e) {
    ASSERT_TRUE(e.fields().contains("clause_ids"));
    EXPECT_NE(e.fields().at("clause_ids").find(std::to_string(clause)), std::string::npos);
  }
  // An automatic finding copies its question's links as they were when the run started.
  fresh.is_auto_created = true;
  EXPECT_NO_THROW(findings::create_finding(connection_, actor_, fresh));

  // The existing link survives an edit that adds a current clause...
  const auto kept =
      findings::replace_finding_links(connection_, actor_, id, {clause, current}, {}, {});
  EXPECT_EQ(kept.clause_ids, (std::vector<std::int64_t>{clause, current}));
  // ...but once removed, the archived clause cannot come back.
  findings::replace_finding_links(connection_, actor_, id, {current}, {}, {});
  EXPECT_THROW(findings::replace_finding_links(connection_, actor_, id, {clause, current}, {}, {}),
               core::ValidationError);
  EXPECT_EQ(findings::get_finding(connection_, id).clause_ids, std::vector<std::int64_t>{current});
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
          findings::create_finding(connection, actor_, sample(run_id_));
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
  const auto id = findings::create_finding(connection_, actor_, sample(run_id_));
  EXPECT_THROW(findings::verify_finding(connection_, actor_, id, "done"), core::InvalidTransition);
  EXPECT_THROW(findings::transition_finding(connection_, actor_, id, "closed", "x"),
               core::ValidationError);  // closing is verification
  findings::transition_finding(connection_, actor_, id, "in_progress", std::nullopt);
  findings::transition_finding(connection_, actor_, id, "pending_verification", std::nullopt);
  EXPECT_THROW(findings::verify_finding(connection_, actor_, id, std::nullopt),
               core::ValidationError);  // a nonconformity needs closure notes
  const auto closed = findings::verify_finding(connection_, actor_, id, "Certificates filed");
  EXPECT_EQ(closed.status, "closed");
  EXPECT_TRUE(closed.closed_at.has_value());
  EXPECT_TRUE(closed.verified_at.has_value());
  EXPECT_EQ(closed.closure_notes, "Certificates filed");
  EXPECT_THROW(findings::transition_finding(connection_, actor_, id, "open", std::nullopt),
               core::ValidationError);  // reopening needs a reason
  const auto reopened =
      findings::transition_finding(connection_, actor_, id, "open", "Found a third gauge");
  EXPECT_FALSE(reopened.closed_at.has_value());
  EXPECT_FALSE(reopened.verified_at.has_value());
  EXPECT_EQ(connection_
                .exec("SELECT count(*) FROM audit_log WHERE entity_id = $1 "
                      "AND action = 'transition'",
                      db::Params(id))
                .int64(0, 0),
            4);
}

TEST_F(FindingsTest, StaleEditsConflictAndClosedFindingsAreFrozen) {
  const auto id = findings::create_finding(connection_, actor_, sample(run_id_));
  findings::FindingUpdate update;
  update.version = 1;
  update.grade = "major_nonconformity";
  const auto updated = findings::update_finding(connection_, actor_, id, update);
  EXPECT_EQ(updated.grade, "major_nonconformity");
  EXPECT_EQ(updated.version, 2);
  EXPECT_THROW(findings::update_finding(connection_, actor_, id, update), core::Conflict);
}

}  // namespace
}  // namespace qgp::testing
