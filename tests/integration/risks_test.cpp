// The risk register against a real database: rating and reference numbers (also under 32
// concurrent creates), immutable assessments that re-rate the risk, acceptance and its
// withdrawal, the heat map's counts and the statistics.
#include "domain/risks/risks.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "db/errors.hpp"
#include "db/transaction.hpp"
#include "domain/common/records.hpp"
#include "kit/patch.hpp"
#include "store/risks/register_store.hpp"
#include "support/concurrent_writers.hpp"
#include "support/fixture_users.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

namespace risks = domain::risks;
using model::risks::MatrixBasis;
using model::risks::RiskLevel;
using model::risks::RiskStatus;
using model::risks::TreatmentStrategy;

risks::Risk sample(std::int16_t likelihood, std::int16_t impact) {
  risks::Risk risk;
  risk.title = "Supplier insolvency";
  risk.description = "A single-source supplier of castings may fail.";
  risk.likelihood = likelihood;
  risk.impact = impact;
  return risk;
}

risks::RiskAssessment rating(std::int16_t il, std::int16_t ii, std::int16_t rl, std::int16_t ri) {
  risks::RiskAssessment assessment;
  assessment.inherent_likelihood = il;
  assessment.inherent_impact = ii;
  assessment.residual_likelihood = rl;
  assessment.residual_impact = ri;
  assessment.assessment_notes = "Second source qualified";
  return assessment;
}

class RisksTest : public ::testing::Test {
 protected:
  template <typename Work>
  auto in_tx(Work&& work) {
    db::Transaction tx(connection_);
    auto result = std::forward<Work>(work)(tx);
    tx.commit();
    return result;
  }
  risks::Risk create(const risks::Risk& risk) {
    return in_tx([&](db::Transaction& tx) { return risks::create_risk(tx, actor_, risk); });
  }
  risks::RiskAssessment assess(std::int64_t id, const risks::RiskAssessment& assessment) {
    return in_tx(
        [&](db::Transaction& tx) { return risks::assess_risk(tx, actor_, id, assessment); });
  }
  std::int64_t count(const std::string& sql) { return connection_.exec(sql).int64(0, 0); }

  TestDatabase database_;
  db::Connection connection_{database_.url()};
  std::int64_t owner_ = insert_user(connection_, "owner@example.com");
  std::int64_t assessor_ = insert_user(connection_, "assessor@example.com");
  core::Actor actor_{.user_id = assessor_,
                     .request_id = "test",
                     .client_address = {},
                     .permissions = {"risks:read", "risks:write", "risks:approve"}};
};

TEST_F(RisksTest, CreationRatesNumbersAndAuditsTheRisk) {
  const auto stored = create(sample(4, 5));
  EXPECT_TRUE(stored.reference_number.starts_with("RSK-")) << stored.reference_number;
  EXPECT_EQ(stored.score, 20);
  EXPECT_EQ(stored.level, RiskLevel::kCritical);
  EXPECT_EQ(stored.review_frequency_months, 1);
  EXPECT_TRUE(stored.next_review_date.has_value());
  EXPECT_EQ(stored.status, RiskStatus::kIdentified);
  EXPECT_FALSE(stored.review_due);
  EXPECT_FALSE(stored.inherent_score.has_value());  // not assessed yet
  // ... but the inherent heat map counts it in its creation cell.
  EXPECT_EQ(stored.inherent_likelihood, 4);
  EXPECT_EQ(stored.inherent_impact, 5);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'risk' AND action = "
                  "'create'"),
            1);
  // Acceptance is never set on create.
  auto accepted = sample(2, 2);
  accepted.treatment_strategy = TreatmentStrategy::kAccept;
  EXPECT_THROW(create(accepted), core::ValidationError);
  // The database refuses a rating outside 1..5 and a level off the grid, whoever writes it.
  EXPECT_THROW(connection_.exec("UPDATE risks SET likelihood = 6, score = 18 WHERE id = "
                                + std::to_string(stored.id)),
               db::DbError);
  EXPECT_THROW(
      connection_.exec("UPDATE risks SET level = 'low' WHERE id = " + std::to_string(stored.id)),
      db::DbError);
}

TEST_F(RisksTest, LinksMustPointAtLiveClausesAndControls) {
  connection_.exec(
      "INSERT INTO standards (code, name, full_name, edition) "
      "VALUES ('ISO9001', 'ISO 9001', 'Quality management systems', '2015')");
  const auto live = count(
      "INSERT INTO clauses (standard_id, clause_number, title) VALUES (1, '6.1', 'Actions to "
      "address risks') RETURNING id");
  const auto archived = count(
      "INSERT INTO clauses (standard_id, clause_number, title, archived_at) VALUES (1, '6.2', "
      "'Objectives', now()) RETURNING id");
  auto risk = sample(2, 2);
  risk.clause_ids = {archived};
  EXPECT_THROW(create(risk), core::ValidationError);
  risk.clause_ids = {live};
  const auto stored = create(risk);
  EXPECT_EQ(stored.clause_ids, std::vector<std::int64_t>{live});
  kit::Patch<risks::Risk> patch;
  patch.version = stored.version;
  patch.values.clause_ids = {live, archived};
  patch.mark(kit::field_index<risks::Risk>("clause_ids"));
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return risks::update_risk(tx, actor_, stored.id, patch); }),
      core::ValidationError);
  // An unknown id is the foreign key's refusal, named by its field.
  patch.values.clause_ids = {live, 999999};
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return risks::update_risk(tx, actor_, stored.id, patch); }),
      core::ValidationError);
}

TEST_F(RisksTest, ThirtyTwoConcurrentCreatesGetThirtyTwoReferences) {
  constexpr int kCreators = 32;
  EXPECT_EQ(concurrent_writers(kCreators, database_.url(),
                               [&](db::Transaction& transaction) {
                                 risks::create_risk(transaction, actor_, sample(3, 3));
                               }),
            0);
  const auto numbers = distinct_values(connection_, "SELECT reference_number FROM risks");
  EXPECT_EQ(numbers.rows, kCreators);
  EXPECT_EQ(numbers.values.size(), static_cast<std::size_t>(kCreators));
}

TEST_F(RisksTest, AssessmentsAreImmutableRowsThatReRateTheRisk) {
  const auto risk = create(sample(4, 5));
  auto first = rating(4, 5, 3, 3);
  first.target_likelihood = 1;
  first.target_impact = 2;
  const auto a1 = assess(risk.id, first);
  EXPECT_EQ(a1.inherent_score, 20);
  EXPECT_EQ(a1.inherent_level, RiskLevel::kCritical);
  EXPECT_EQ(a1.residual_score, 9);
  EXPECT_EQ(a1.residual_level, RiskLevel::kMedium);
  EXPECT_EQ(a1.target_score, 2);
  EXPECT_EQ(a1.target_level, RiskLevel::kLow);
  EXPECT_EQ(a1.assessed_by_id, assessor_);
  EXPECT_EQ(a1.risk_id, risk.id);

  auto current = domain::common::get<risks::Risk>(connection_, risk.id);
  EXPECT_EQ(current.likelihood, 3);
  EXPECT_EQ(current.score, 9);
  EXPECT_EQ(current.level, RiskLevel::kMedium);
  EXPECT_EQ(current.review_frequency_months, 6);
  EXPECT_EQ(current.inherent_score, 20);
  EXPECT_EQ(current.target_score, 2);
  EXPECT_TRUE(current.last_reviewed_at.has_value());
  EXPECT_EQ(current.version, risk.version + 1);

  const auto a2 = assess(risk.id, rating(4, 5, 2, 2));
  current = domain::common::get<risks::Risk>(connection_, risk.id);
  EXPECT_EQ(current.score, 4);
  EXPECT_EQ(current.level, RiskLevel::kLow);
  EXPECT_FALSE(current.target_score.has_value());  // the latest assessment set none
  // The first assessment is unchanged and listed after the newer one.
  const auto page = risks::list_assessments(connection_, risk.id, kit::ListQuery{});
  ASSERT_EQ(page.total, 2);
  EXPECT_EQ(page.items.at(0).id, a2.id);
  EXPECT_EQ(page.items.at(1).id, a1.id);
  EXPECT_EQ(page.items.at(1).residual_score, 9);
  EXPECT_EQ(page.items.at(1).target_score, 2);
  // The database keeps them immutable too.
  EXPECT_THROW(connection_.exec("UPDATE risk_assessments SET assessment_notes = 'rewritten' WHERE "
                                "id = "
                                + std::to_string(a1.id)),
               db::DbError);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE entity_type = 'risk_assessment'"), 2);

  // A target needs both values; a closed risk is not assessed.
  auto half = rating(2, 2, 1, 1);
  half.target_likelihood = 1;
  EXPECT_THROW(assess(risk.id, half), core::ValidationError);
  connection_.exec("UPDATE risks SET status = 'closed', closed_at = now() WHERE id = "
                   + std::to_string(risk.id));
  EXPECT_THROW(assess(risk.id, rating(2, 2, 1, 1)), core::Conflict);
  EXPECT_THROW(risks::list_assessments(connection_, 999999, kit::ListQuery{}), core::NotFound);
}

TEST_F(RisksTest, AcceptanceIsWithdrawnWhenTheTreatmentChanges) {
  auto draft = sample(2, 3);
  draft.owner_id = owner_;
  const auto risk = create(draft);
  const auto accepted = in_tx([&](db::Transaction& tx) {
    return risks::accept_risk(tx, actor_, risk.id,
                              {.justification = "Within appetite", .expires_on = {"2099-01-01"}});
  });
  EXPECT_EQ(accepted.treatment_strategy, TreatmentStrategy::kAccept);
  EXPECT_EQ(accepted.accepted_by_id, assessor_);
  EXPECT_EQ(accepted.acceptance_justification, "Within appetite");
  EXPECT_TRUE(accepted.accepted_at.has_value());
  EXPECT_FALSE(accepted.acceptance_expired);

  // Once the expiry has passed, the risk is due for review (computed, never stored).
  connection_.exec("UPDATE risks SET acceptance_expires_on = '2020-01-01' WHERE id = "
                   + std::to_string(risk.id));
  const auto expired = domain::common::get<risks::Risk>(connection_, risk.id);
  EXPECT_TRUE(expired.acceptance_expired);
  EXPECT_TRUE(expired.review_due);
  EXPECT_EQ(expired.status, RiskStatus::kIdentified);

  kit::Patch<risks::Risk> patch;
  patch.version = expired.version;
  patch.values.treatment_strategy = TreatmentStrategy::kMitigate;
  patch.mark(kit::field_index<risks::Risk>("treatment_strategy"));
  const auto mitigated =
      in_tx([&](db::Transaction& tx) { return risks::update_risk(tx, actor_, risk.id, patch); });
  EXPECT_EQ(mitigated.treatment_strategy, TreatmentStrategy::kMitigate);
  EXPECT_FALSE(mitigated.accepted_by_id.has_value());
  EXPECT_FALSE(mitigated.acceptance_expires_on.has_value());
  EXPECT_FALSE(mitigated.review_due);
  // PATCH cannot set accept: an approver decides it.
  patch.version = mitigated.version;
  patch.values.treatment_strategy = TreatmentStrategy::kAccept;
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return risks::update_risk(tx, actor_, risk.id, patch); }),
      core::ValidationError);
}

TEST_F(RisksTest, HeatMapAndStatisticsCountOpenRisks) {
  auto a = sample(5, 5);
  a.department = "Operations";
  const auto critical = create(a);
  create(sample(5, 5));
  auto b = sample(1, 1);
  b.category = model::risks::RiskCategory::kSafety;
  create(b);
  assess(critical.id, rating(5, 5, 2, 2));  // residual 2x2, inherent stays 5x5
  assess(critical.id, rating(4, 4, 2, 2));  // the latest inherent counts: 4x4
  const auto closed = create(sample(3, 3));
  connection_.exec("UPDATE risks SET status = 'closed', closed_at = now() WHERE id = "
                   + std::to_string(closed.id));

  const auto cell = [](const model::risks::RiskMatrix& m, int l, int i) {
    for (const auto& c : m.cells) {
      if (c.likelihood == l && c.impact == i) {
        return c.risk_count;
      }
    }
    return std::int64_t{-1};
  };
  model::risks::MatrixQuery query;
  auto residual = risks::matrix(connection_, query);
  ASSERT_EQ(residual.cells.size(), 25U);
  EXPECT_EQ(residual.cells.front().likelihood, 5);
  EXPECT_EQ(residual.cells.front().impact, 1);
  EXPECT_EQ(residual.cells.back().likelihood, 1);
  EXPECT_EQ(residual.cells.back().impact, 5);
  EXPECT_EQ(residual.total_risks, 3);  // the closed one is not counted
  EXPECT_EQ(cell(residual, 5, 5), 1);
  EXPECT_EQ(cell(residual, 2, 2), 1);
  EXPECT_EQ(cell(residual, 1, 1), 1);
  EXPECT_EQ(residual.risks_by_level[RiskLevel::kCritical], 1);
  EXPECT_EQ(residual.risks_by_level[RiskLevel::kLow], 1);
  query.basis = MatrixBasis::kInherent;
  const auto inherent = risks::matrix(connection_, query);
  EXPECT_EQ(cell(inherent, 5, 5), 1);  // the one never assessed: its creation rating
  EXPECT_EQ(cell(inherent, 4, 4), 1);
  EXPECT_EQ(cell(inherent, 2, 2), 0);
  const auto rated = domain::common::get<risks::Risk>(connection_, critical.id);
  EXPECT_EQ(rated.inherent_likelihood, 4);
  EXPECT_EQ(rated.inherent_impact, 4);
  EXPECT_EQ(rated.inherent_score, 16);
  query.department = "Operations";
  EXPECT_EQ(risks::matrix(connection_, query).total_risks, 1);
  query.department = std::nullopt;
  query.category = model::risks::RiskCategory::kSafety;
  EXPECT_EQ(risks::matrix(connection_, query).total_risks, 1);
  query.category = std::nullopt;
  query.owner_id = owner_;
  EXPECT_EQ(risks::matrix(connection_, query).total_risks, 0);
  // Filters combine (each given one is its own numbered parameter).
  query.owner_id = std::nullopt;
  query.department = "Operations";
  query.category = critical.category;
  EXPECT_EQ(risks::matrix(connection_, query).total_risks, 1);
  query.category = model::risks::RiskCategory::kSafety;
  EXPECT_EQ(risks::matrix(connection_, query).total_risks, 0);
  query.category = critical.category;
  query.owner_id = owner_;
  EXPECT_EQ(risks::matrix(connection_, query).total_risks, 0);

  const auto stats = store::risks::statistics(connection_);
  EXPECT_EQ(stats.total_risks, 4);
  EXPECT_EQ(stats.open_risks, 3);
  EXPECT_EQ(stats.by_status.at(RiskStatus::kClosed), 1);
  EXPECT_EQ(stats.by_level.at(RiskLevel::kCritical), 1);
  EXPECT_EQ(stats.by_category.at(model::risks::RiskCategory::kSafety), 1);
  EXPECT_EQ(stats.average_score.text, "10.00");  // (25 + 4 + 1) / 3
  EXPECT_EQ(stats.reviews_due, 0);
}

TEST_F(RisksTest, VersionOneIsTheDefaultMatrix) {
  // Seeded by the migration; the database, not a second copy of the grid, is what rates risks.
  const auto grid = risks::current_grid(connection_);
  EXPECT_EQ(grid.levels, risks::default_grid().levels);
  EXPECT_EQ(count("SELECT version_number FROM risk_matrices WHERE id = "
                  + std::to_string(grid.matrix_id)),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM risk_matrix_cells"), 25);
}

TEST_F(RisksTest, ANewMatrixVersionRatesNewRisksAndRescoringIsExplicit) {
  const auto old_risk = create(sample(1, 1));
  EXPECT_EQ(old_risk.level, RiskLevel::kVeryLow);
  const auto version_one = old_risk.matrix_id;

  // Version 2: nothing is very low any more.
  auto grid = risks::default_grid();
  grid.levels.at(0).at(0) = RiskLevel::kLow;
  risks::RiskMatrixVersion version;
  version.name = "Stricter";
  for (int l = 1; l <= 5; ++l) {
    for (int i = 1; i <= 5; ++i) {
      model::risks::MatrixCellLevel cell;
      cell.likelihood = static_cast<std::int16_t>(l);
      cell.impact = static_cast<std::int16_t>(i);
      cell.level = grid.level(l, i);
      version.cells.push_back(cell);
    }
  }
  const auto stored =
      in_tx([&](db::Transaction& tx) { return risks::create_matrix_version(tx, actor_, version); });
  EXPECT_EQ(stored.version_number, 2);
  EXPECT_TRUE(stored.current);
  EXPECT_EQ(stored.cells.size(), 25U);
  EXPECT_FALSE(domain::common::get<risks::RiskMatrixVersion>(connection_, version_one).current);
  EXPECT_EQ(
      count("SELECT count(*) FROM audit_log WHERE entity_type = 'risk_matrix' AND changes::text "
            "LIKE '%likelihood 1: low low low medium medium%'"),
      1);

  // New ratings use version 2; the old risk keeps version 1 until it is re-scored.
  const auto new_risk = create(sample(1, 1));
  EXPECT_EQ(new_risk.matrix_id, stored.id);
  EXPECT_EQ(new_risk.level, RiskLevel::kLow);
  EXPECT_EQ(domain::common::get<risks::Risk>(connection_, old_risk.id).level, RiskLevel::kVeryLow);
  EXPECT_EQ(assess(new_risk.id, rating(1, 1, 1, 1)).matrix_id, stored.id);
  EXPECT_EQ(risks::matrix(connection_, {}).cells.back().level, RiskLevel::kMedium);  // 1x5
  EXPECT_EQ(risks::matrix(connection_, {}).cells.at(20).level, RiskLevel::kLow);     // 1x1

  const auto rescored =
      in_tx([&](db::Transaction& tx) { return risks::rescore_risk(tx, actor_, old_risk.id); });
  EXPECT_EQ(rescored.matrix_id, stored.id);
  EXPECT_EQ(rescored.level, RiskLevel::kLow);
  EXPECT_EQ(
      count("SELECT count(*) FROM audit_log WHERE entity_type = 'risk' AND entity_id = "
            + std::to_string(old_risk.id)
            + " AND changes::text LIKE '%re-scored with risk matrix version 2 (was version 1)%'"),
      1);
  EXPECT_THROW(
      in_tx([&](db::Transaction& tx) { return risks::rescore_risk(tx, actor_, old_risk.id); }),
      core::Conflict);

  // The database holds every level to its version's cell.
  EXPECT_THROW(connection_.exec("UPDATE risks SET level = 'very_low' WHERE id = "
                                + std::to_string(old_risk.id)),
               db::DbError);
  // A version is never rewritten.
  EXPECT_THROW(connection_.exec("UPDATE risk_matrix_cells SET level = 'critical' WHERE matrix_id = "
                                + std::to_string(stored.id)),
               db::DbError);
}

}  // namespace
}  // namespace qgp::testing
