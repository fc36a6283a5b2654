// The risk register's pure rules: the default 5x5 matrix cell by cell, colours and review cadence,
// the rating of a risk, acceptance, and every edge and refusal of the workflow.
#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/errors.hpp"
#include "domain/risks/matrix.hpp"
#include "domain/risks/risks.hpp"
#include "kit/enums.hpp"
#include "model/risks/matrix_version.hpp"
#include "model/risks/risk.hpp"
#include "support/workflow_edges.hpp"

namespace qgp::domain::risks {
namespace {

using model::risks::RiskStatus;
using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;
using L = RiskLevel;

// The original register's table, written out as it reads (likelihood rows, impact columns).
constexpr std::array<std::array<L, 5>, 5> kOriginal = {{
    {L::kVeryLow, L::kLow, L::kLow, L::kMedium, L::kMedium},
    {L::kLow, L::kLow, L::kMedium, L::kMedium, L::kHigh},
    {L::kLow, L::kMedium, L::kMedium, L::kHigh, L::kHigh},
    {L::kMedium, L::kMedium, L::kHigh, L::kHigh, L::kCritical},
    {L::kMedium, L::kHigh, L::kHigh, L::kCritical, L::kCritical},
}};

TEST(RiskMatrix, EveryCellOfTheDefaultMatrix) {
  // Spelled cell by cell as well, so a transposed grid (impact rows) cannot pass.
  EXPECT_EQ(default_level(1, 1), L::kVeryLow);
  EXPECT_EQ(default_level(1, 2), L::kLow);
  EXPECT_EQ(default_level(1, 3), L::kLow);
  EXPECT_EQ(default_level(1, 4), L::kMedium);
  EXPECT_EQ(default_level(1, 5), L::kMedium);
  EXPECT_EQ(default_level(2, 1), L::kLow);
  EXPECT_EQ(default_level(2, 2), L::kLow);
  EXPECT_EQ(default_level(2, 3), L::kMedium);
  EXPECT_EQ(default_level(2, 4), L::kMedium);
  EXPECT_EQ(default_level(2, 5), L::kHigh);
  EXPECT_EQ(default_level(3, 1), L::kLow);
  EXPECT_EQ(default_level(3, 2), L::kMedium);
  EXPECT_EQ(default_level(3, 3), L::kMedium);
  EXPECT_EQ(default_level(3, 4), L::kHigh);
  EXPECT_EQ(default_level(3, 5), L::kHigh);
  EXPECT_EQ(default_level(4, 1), L::kMedium);
  EXPECT_EQ(default_level(4, 2), L::kMedium);
  EXPECT_EQ(default_level(4, 3), L::kHigh);
  EXPECT_EQ(default_level(4, 4), L::kHigh);
  EXPECT_EQ(default_level(4, 5), L::kCritical);
  EXPECT_EQ(default_level(5, 1), L::kMedium);
  EXPECT_EQ(default_level(5, 2), L::kHigh);
  EXPECT_EQ(default_level(5, 3), L::kHigh);
  EXPECT_EQ(default_level(5, 4), L::kCritical);
  EXPECT_EQ(default_level(5, 5), L::kCritical);
  int checked = 0;
  for (std::size_t row = 0; row < kOriginal.size(); ++row) {
    for (std::size_t column = 0; column < kOriginal.at(row).size(); ++column) {
      const auto l = static_cast<int>(row) + 1;
      const auto i = static_cast<int>(column) + 1;
      EXPECT_EQ(default_level(l, i), kOriginal.at(row).at(column)) << l << "x" << i;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 25);
  // A cell outside the grid falls back to medium, as the original did.
  EXPECT_EQ(default_level(0, 3), L::kMedium);
  EXPECT_EQ(default_level(3, 6), L::kMedium);
}

// The cells of `grid`, row by row, as a matrix version's create body carries them.
std::vector<model::risks::MatrixCellLevel> cells_of(const Grid& grid) {
  std::vector<model::risks::MatrixCellLevel> cells;
  for (int l = 1; l <= 5; ++l) {
    for (int i = 1; i <= 5; ++i) {
      model::risks::MatrixCellLevel cell;
      cell.likelihood = static_cast<std::int16_t>(l);
      cell.impact = static_cast<std::int16_t>(i);
      cell.level = grid.level(l, i);
      cells.push_back(cell);
    }
  }
  return cells;
}

core::FieldErrors refusal(const std::vector<model::risks::MatrixCellLevel>& cells) {
  try {
    check_matrix(cells);
  } catch (const core::ValidationError& error) {
    return error.fields();
  }
  return {};
}

TEST(RiskMatrixVersions, TheDefaultGridIsAValidMatrix) {
  const auto grid = default_grid();
  for (int l = 1; l <= 5; ++l) {
    for (int i = 1; i <= 5; ++i) {
      EXPECT_EQ(grid.level(l, i), default_level(l, i)) << l << "x" << i;
    }
  }
  auto cells = cells_of(grid);
  std::reverse(cells.begin(), cells.end());  // any order
  EXPECT_EQ(check_matrix(cells).levels, grid.levels);
}

TEST(RiskMatrixVersions, AllTwentyFiveCellsEachOnce) {
  auto cells = cells_of(default_grid());
  cells.pop_back();
  EXPECT_EQ(refusal(cells).at("cells"),
            "needs all 25 cells, each likelihood x impact once; missing: 5x5");
  cells.push_back(cells.front());  // 25 again, but 1x1 twice and 5x5 missing
  const auto twice = refusal(cells);
  EXPECT_EQ(twice.at("cells[24]"), "likelihood 1 x impact 1 is already cells[0]");
  EXPECT_EQ(twice.count("cells"), 1U);
}

TEST(RiskMatrixVersions, NoCellBelowALessLikelyOrLessSevereOne) {
  auto grid = default_grid();
  // A stricter matrix is fine: 1x1 low, and the whole impact-5 column critical.
  grid.levels.at(0).at(0) = L::kLow;
  for (auto& row : grid.levels) {
    row.at(4) = L::kCritical;
  }
  EXPECT_NO_THROW(check_matrix(cells_of(grid)));
  // 3x4 rated low sits below 3x3 (medium) and 2x4 (medium): refused on its own level.
  grid.levels.at(2).at(3) = L::kLow;
  const auto fields = refusal(cells_of(grid));
  ASSERT_EQ(fields.size(), 1U);
  EXPECT_EQ(fields.begin()->first, "cells[13].level");
  EXPECT_NE(fields.begin()->second.find("never rated lower"), std::string::npos);
}

TEST(RiskMatrix, ColoursAndReviewCadence) {
  EXPECT_EQ(level_color(L::kVeryLow), "#22c55e");
  EXPECT_EQ(level_color(L::kLow), "#84cc16");
  EXPECT_EQ(level_color(L::kMedium), "#eab308");
  EXPECT_EQ(level_color(L::kHigh), "#f97316");
  EXPECT_EQ(level_color(L::kCritical), "#ef4444");
  EXPECT_EQ(review_months(L::kCritical), 1);
  EXPECT_EQ(review_months(L::kHigh), 3);
  EXPECT_EQ(review_months(L::kMedium), 6);
  EXPECT_EQ(review_months(L::kLow), 12);
  EXPECT_EQ(review_months(L::kVeryLow), 12);
  // Month arithmetic on the calendar, clamped to the month's last day.
  EXPECT_EQ(add_months(year(2026) / month(1) / day(31), 1), year(2026) / month(2) / day(28));
  EXPECT_EQ(add_months(year(2028) / month(1) / day(31), 1), year(2028) / month(2) / day(29));
  EXPECT_EQ(add_months(year(2026) / month(11) / day(15), 3), year(2027) / month(2) / day(15));
}

TEST(RiskRating, ScoreLevelCadenceAndNextReview) {
  Risk risk;
  auto grid = default_grid();
  grid.matrix_id = 7;
  rate(risk, grid, 4, 5, year(2026) / month(12) / day(6));
  EXPECT_EQ(risk.matrix_id, 7);
  EXPECT_EQ(risk.score, 20);
  EXPECT_EQ(risk.level, L::kCritical);
  EXPECT_EQ(risk.review_frequency_months, 1);
  ASSERT_TRUE(risk.next_review_date.has_value());
  EXPECT_EQ(risk.next_review_date->iso, "2027-01-06");
  rate(risk, grid, 1, 2, year(2026) / month(12) / day(6));
  EXPECT_EQ(risk.score, 2);
  EXPECT_EQ(risk.level, L::kLow);
  EXPECT_EQ(risk.next_review_date->iso, "2027-12-06");
  EXPECT_EQ(iso_date(utc_date(std::chrono::sys_days(year(2026) / month(3) / day(9)))).iso,
            "2026-03-09");
}

core::Actor person(std::int64_t id, std::set<std::string, std::less<>> permissions = {}) {
  return core::Actor{
      .user_id = id, .request_id = {}, .client_address = {}, .permissions = std::move(permissions)};
}

Risk owned_by(std::optional<std::int64_t> owner, RiskStatus status = RiskStatus::kTreating) {
  Risk risk;
  risk.owner_id = owner;
  risk.status = status;
  return risk;
}

TEST(RiskAcceptanceRules, AnApproverOtherThanTheOwnerWithAReasonAndAnExpiry) {
  const auto today = year(2026) / month(12) / day(6);
  const RiskAcceptance valid{.justification = "Within appetite", .expires_on = {"2027-06-30"}};
  EXPECT_NO_THROW(check_acceptance(owned_by(7), person(8), valid, today));
  // Expiring today is allowed (due for review from today); yesterday is not.
  EXPECT_NO_THROW(check_acceptance(owned_by(7), person(8),
                                   {.justification = "x", .expires_on = {"2026-12-06"}}, today));
  EXPECT_THROW(check_acceptance(owned_by(7), person(8),
                                {.justification = "x", .expires_on = {"2026-12-05"}}, today),
               core::ValidationError);
  // The owner cannot accept their own risk.
  EXPECT_THROW(check_acceptance(owned_by(7), person(7), valid, today), core::Forbidden);
  // Neither can the system (no named approver).
  EXPECT_THROW(check_acceptance(owned_by(7), core::Actor{}, valid, today), core::Forbidden);
  // A risk without an owner cannot be accepted; nor a closed one.
  EXPECT_THROW(check_acceptance(owned_by(std::nullopt), person(8), valid, today),
               core::ValidationError);
  EXPECT_THROW(check_acceptance(owned_by(7, RiskStatus::kClosed), person(8), valid, today),
               core::Conflict);
}

Risk in(RiskStatus status) {
  Risk risk;
  risk.status = status;
  return risk;
}

const core::Actor kWriter = person(1, {"risks:read", "risks:write"});
const core::Actor kReader = person(2, {"risks:read"});

TEST(RiskWorkflow, EveryEdgeAndEveryMissingOne) {
  using S = RiskStatus;
  const auto& flow = kit::kWorkflow<Risk>;
  // Without risks:write nobody moves a risk.
  testing::expect_exactly_these_edges<Risk>({{S::kIdentified, S::kAssessing},
                                             {S::kIdentified, S::kClosed},
                                             {S::kAssessing, S::kTreating},
                                             {S::kAssessing, S::kMonitoring},
                                             {S::kTreating, S::kMonitoring},
                                             {S::kMonitoring, S::kAssessing},
                                             {S::kMonitoring, S::kClosed},
                                             {S::kClosed, S::kAssessing}},
                                            kWriter, kReader);
  EXPECT_TRUE(flow.allowed(in(S::kTreating), kReader).empty());
  EXPECT_EQ(flow.allowed(in(S::kAssessing), kWriter),
            (std::vector<S>{S::kTreating, S::kMonitoring}));
}

TEST(RiskWorkflow, NotesClosingStampsAndReopening) {
  using S = RiskStatus;
  const auto& flow = kit::kWorkflow<Risk>;
  // Withdrawing an identified risk and reopening a closed one need a note; closing a monitored
  // risk does not.
  EXPECT_THROW(flow.check(in(S::kIdentified), S::kClosed, std::nullopt, kWriter, "risk"),
               core::ValidationError);
  EXPECT_THROW(flow.check(in(S::kClosed), S::kAssessing, std::string(" "), kWriter, "risk"),
               core::ValidationError);
  EXPECT_NO_THROW(flow.check(in(S::kMonitoring), S::kClosed, std::nullopt, kWriter, "risk"));
  const auto closed = flow.moved(
      in(S::kMonitoring), flow.check(in(S::kMonitoring), S::kClosed, std::nullopt, kWriter, "risk"),
      kWriter, std::nullopt);
  EXPECT_EQ(closed.closed_by_id, 1);
  EXPECT_TRUE(closed.closed_at.has_value());
  const auto reopened = flow.moved(
      closed, flow.check(closed, S::kAssessing, std::string("New supplier"), kWriter, "risk"),
      kWriter, std::string("New supplier"));
  EXPECT_EQ(reopened.status, S::kAssessing);
  EXPECT_FALSE(reopened.closed_at.has_value());
  EXPECT_FALSE(reopened.closed_by_id.has_value());
}

}  // namespace
}  // namespace qgp::domain::risks
