// The revision that stores each risk's inherent rating on the risk (d526844157f3, for the heat
// map's index) fills it for the register that exists: the latest assessment's inherent rating,
// or the current rating of a risk never assessed.
#include <string>

#include <gtest/gtest.h>

#include "db/connection.hpp"
#include "migrate/graph.hpp"
#include "migrate/revision.hpp"
#include "migrate/runner.hpp"
#include "migrate_test_support.hpp"
#include "support/test_database.hpp"

namespace qgp::migrate {
namespace {

using qgp::testing::TestDatabase;

TEST(RisksInherentBackfill, LatestAssessmentOrCurrentRating) {
  TestDatabase database(TestDatabase::Source::kEmpty);
  const RevisionGraph graph(load_embedded_revisions());
  Migrator migrator(database.url(), graph, test::quiet());
  migrator.upgrade("a315c0bfaf47");

  db::Connection connection(database.url());
  connection.exec(
      "INSERT INTO users (email, password_hash, first_name, last_name) "
      "VALUES ('assessor@example.test', '$argon2id$not-a-real-hash', 'A', 'Assessor');"
      // Assessed twice (the later one counts), and never assessed.
      "INSERT INTO risks (reference_number, title, description, likelihood, impact, score, level) "
      "VALUES ('RSK-2026-0001', 'Assessed', 'x', 2, 2, 4, 'low'), "
      "       ('RSK-2026-0002', 'Never assessed', 'x', 1, 1, 1, 'very_low');"
      "INSERT INTO risk_assessments (risk_id, assessed_at, inherent_likelihood, inherent_impact, "
      "  inherent_score, inherent_level, residual_likelihood, residual_impact, residual_score, "
      "  residual_level, assessed_by_id) "
      "SELECT r.id, a.at, a.il, a.ii, a.il * a.ii, a.level, a.rl, a.ri, a.rl * a.ri, a.rlevel, "
      "u.id "
      "FROM risks r, users u, (VALUES ('2026-01-01'::timestamptz, 5, 5, 'critical', 2, 2, 'low'), "
      "  ('2025-06-01'::timestamptz, 4, 5, 'critical', 3, 3, 'medium')) "
      "  a(at, il, ii, level, rl, ri, rlevel) "
      "WHERE r.reference_number = 'RSK-2026-0001'");
  const std::string version_before{
      connection.exec("SELECT string_agg(version::text, ',' ORDER BY id) FROM risks").text(0, 0)};

  migrator.upgrade("d526844157f3");
  const auto rows = connection.exec(
      "SELECT string_agg(reference_number || '=' || inherent_likelihood || 'x' || inherent_impact, "
      "' ' ORDER BY id), string_agg(version::text, ',' ORDER BY id) FROM risks");
  EXPECT_EQ(rows.text(0, 0), "RSK-2026-0001=5x5 RSK-2026-0002=1x1");
  EXPECT_EQ(rows.text(0, 1), version_before);  // no fact a client read has changed
}

}  // namespace
}  // namespace qgp::migrate
