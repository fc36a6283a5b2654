// Reference numbers against a real database (issue 15, docs/adr/0012): every prefix the schema
// declares crosses 9999 -> 10000 -> 10001 under the application role, a number is drawn without
// waiting for another transaction that drew one, a rolled-back draw leaves a gap, and two
// transactions that both draw the first number of a year get different ones.
#include "store/common/reference_numbers.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/audits/findings.hpp"
#include "schema/declared.hpp"
#include "support/test_database.hpp"

namespace qgp::testing {
namespace {

using store::common::next_reference_number;

struct Prefixed {
  std::string table;
  std::string prefix;
  std::string check;  // the table's format check expression
};

// Every table with a reference number, its prefix and format check, from the declared schema.
std::vector<Prefixed> prefixed_tables() {
  static const std::regex kPrefix(R"(reference_number ~ '\^([A-Z]{2,5})-)");
  std::vector<Prefixed> out;
  for (const auto& table : schema::declared_schema().tables) {
    for (const auto& check : table.checks) {
      std::smatch match;
      if (std::regex_search(check.expression, match, kPrefix)) {
        out.push_back({.table = table.name, .prefix = match[1].str(), .check = check.expression});
      }
    }
  }
  return out;
}

int current_year(db::Connection& connection) {
  return static_cast<int>(
      connection.exec("SELECT extract(year FROM now() AT TIME ZONE 'UTC')::integer").int64(0, 0));
}

std::string draw(db::Connection& connection, std::string_view prefix) {
  db::Transaction transaction(connection);
  auto number = next_reference_number(connection, prefix);
  transaction.commit();
  return number;
}

TEST(ReferenceNumbers, EveryPrefixCrossesTenThousandUnderTheApplicationRole) {
  TestDatabase database;
  db::Connection owner(database.url());
  db::Connection app(database.app_url());
  const auto tables = prefixed_tables();
  ASSERT_EQ(tables.size(), 11U);  // TPL AUD FND RSK INC RTC CMP POL ACT INV MRV
  const auto year = current_year(owner);
  for (const auto& [table, prefix, check] : tables) {
    EXPECT_EQ(draw(app, prefix), fmt::format("{}-{}-0001", prefix, year)) << table;
    // 9,998 numbers later (the sequence is the migrator's: only it can move one).
    std::string lower(prefix);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    owner.exec(fmt::format("SELECT setval('qgp_refs.{}_{}', 9998)", lower, year));
    for (const auto* suffix : {"9999", "10000", "10001"}) {
      const auto number = draw(app, prefix);
      EXPECT_EQ(number, fmt::format("{}-{}-{}", prefix, year, suffix)) << table;
      // The table's own check accepts it.
      EXPECT_TRUE(
          owner
              .exec(fmt::format("SELECT {} FROM (SELECT $1::text AS reference_number) t", check),
                    db::Params(number))
              .boolean(0, 0))
          << table << " refuses " << number;
    }
  }
}

TEST(ReferenceNumbers, AFindingIsCreatedPastTheTenThousandth) {
  // The reported failure: FND-YYYY-10001 was truncated to FND-YYYY-1000, which existed: 409.
  TestDatabase database;
  db::Connection connection(database.url());
  connection.exec(
      "INSERT INTO audit_templates (reference_number, name, status, published_version_number) "
      "VALUES ('TPL-2026-0001', 'Site inspection', 'draft', NULL)");
  connection.exec(
      "INSERT INTO audit_template_versions (template_id, version_number, content) "
      "VALUES (1, 1, '{}'::jsonb)");
  const auto run_id =
      connection
          .exec(
              "INSERT INTO audit_runs (reference_number, template_id, template_version_id, "
              "title) VALUES ('AUD-2026-0001', 1, 1, 'Warehouse') RETURNING id")
          .int64(0, 0);
  const auto year = current_year(connection);
  draw(connection, "FND");
  // Findings 1000 and 1001 exist (the numbers the truncation produced), then the counter moves on.
  connection.exec(
      fmt::format(
          "INSERT INTO audit_findings (reference_number, run_id, title, description, grade) "
          "SELECT 'FND-{}-' || n, $1, 'Earlier', 'x', 'observation' FROM generate_series(1000, "
          "1001) n",
          year),
      db::Params(run_id));
  connection.exec(fmt::format("SELECT setval('qgp_refs.fnd_{}', 9999)", year));
  for (const auto* expected : {"10000", "10001"}) {
    domain::audits::Finding finding;
    finding.run_id = run_id;
    finding.title = "Calibration records missing";
    finding.description = "Two gauges had no certificate.";
    finding.grade = model::audits::FindingGrade::kMinorNonconformity;
    db::Transaction tx(connection);
    const auto raised = domain::audits::raise_finding(tx, core::Actor{}, finding);
    tx.commit();
    EXPECT_EQ(raised.reference_number, fmt::format("FND-{}-{}", year, expected));
  }
}

TEST(ReferenceNumbers, ADrawDoesNotWaitForAnotherOpenTransaction) {
  TestDatabase database;
  db::Connection first(database.app_url());
  db::Connection second(database.app_url());
  draw(first, "AUD");  // the year's sequence exists
  db::Transaction open(first);
  const auto held = next_reference_number(first, "AUD");
  // With a counter row locked until commit this would wait for `first`: fail instead of hanging.
  second.exec("SET lock_timeout = '10s'");
  const auto other = draw(second, "AUD");
  EXPECT_NE(held, other);
  open.commit();
}

TEST(ReferenceNumbers, ARolledBackDrawLeavesAGapNeverAReuse) {
  TestDatabase database;
  db::Connection connection(database.app_url());
  const auto year = current_year(connection);
  EXPECT_EQ(draw(connection, "RSK"), fmt::format("RSK-{}-0001", year));
  {
    db::Transaction abandoned(connection);
    EXPECT_EQ(next_reference_number(connection, "RSK"), fmt::format("RSK-{}-0002", year));
  }
  EXPECT_EQ(draw(connection, "RSK"), fmt::format("RSK-{}-0003", year));
}

TEST(ReferenceNumbers, TwoFirstDrawsOfAYearGetDifferentNumbers) {
  TestDatabase database;
  db::Connection first(database.app_url());
  db::Connection second(database.app_url());
  db::Connection watcher(database.url());
  const auto year = current_year(watcher);
  std::optional<db::Transaction> creating(std::in_place, first);
  // `first` creates the year's sequence and keeps its transaction open.
  EXPECT_EQ(next_reference_number(first, "CMP"), fmt::format("CMP-{}-0001", year));
  const auto second_pid = second.backend_pid();
  std::string drawn;
  std::thread waiter([&] { drawn = draw(second, "CMP"); });
  // `second` finds no committed sequence and queues behind `first`'s creation.
  while (watcher
             .exec("SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = "
                   "'Lock'",
                   db::Params(std::int64_t{second_pid}))
             .int64(0, 0)
         == 0) {
    std::this_thread::yield();
  }
  creating->commit();
  creating.reset();
  waiter.join();
  EXPECT_EQ(drawn, fmt::format("CMP-{}-0002", year));
}

}  // namespace
}  // namespace qgp::testing
