#pragma once

// The default risk matrix: the original register's 5x5 cell lookup (not score thresholds), its
// colours, and the review cadence of each level. Pure functions: no clock, no database.

#include <array>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "model/risks/risk.hpp"

namespace qgp::domain::risks {

using model::risks::RiskLevel;

// The level of the cell (likelihood, impact), both 1..5: rows are likelihood 1..5, columns impact
// 1..5. A value outside 1..5 is the caller's bug (the API and the database refuse it): medium, as
// the original did.
constexpr RiskLevel default_level(int likelihood, int impact) {
  using L = RiskLevel;
  constexpr std::array<std::array<L, 5>, 5> kGrid = {{
      {L::kVeryLow, L::kLow, L::kLow, L::kMedium, L::kMedium},       // likelihood 1
      {L::kLow, L::kLow, L::kMedium, L::kMedium, L::kHigh},          // likelihood 2
      {L::kLow, L::kMedium, L::kMedium, L::kHigh, L::kHigh},         // likelihood 3
      {L::kMedium, L::kMedium, L::kHigh, L::kHigh, L::kCritical},    // likelihood 4
      {L::kMedium, L::kHigh, L::kHigh, L::kCritical, L::kCritical},  // likelihood 5
  }};
  if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5) {
    return L::kMedium;
  }
  return kGrid.at(static_cast<std::size_t>(likelihood - 1))
      .at(static_cast<std::size_t>(impact - 1));
}

// The levels of one matrix version, likelihood-major: levels[likelihood - 1][impact - 1].
struct Grid {
  std::int64_t matrix_id = 0;
  std::array<std::array<RiskLevel, 5>, 5> levels{};

  // As default_level: a value outside 1..5 is the caller's bug, answered medium.
  [[nodiscard]] constexpr RiskLevel level(int likelihood, int impact) const {
    if (likelihood < 1 || likelihood > 5 || impact < 1 || impact > 5) {
      return RiskLevel::kMedium;
    }
    return levels.at(static_cast<std::size_t>(likelihood - 1))
        .at(static_cast<std::size_t>(impact - 1));
  }
};

// The default matrix as a grid (version 1 of every database holds exactly these cells).
constexpr Grid default_grid() {
  Grid grid;
  for (int likelihood = 1; likelihood <= 5; ++likelihood) {
    for (int impact = 1; impact <= 5; ++impact) {
      grid.levels.at(static_cast<std::size_t>(likelihood - 1))
          .at(static_cast<std::size_t>(impact - 1)) = default_level(likelihood, impact);
    }
  }
  return grid;
}

// The heat map colour of a level (#rrggbb).
constexpr std::string_view level_color(RiskLevel level) {
  switch (level) {
    case RiskLevel::kVeryLow:
      return "#22c55e";
    case RiskLevel::kLow:
      return "#84cc16";
    case RiskLevel::kMedium:
      return "#eab308";
    case RiskLevel::kHigh:
      return "#f97316";
    case RiskLevel::kCritical:
      return "#ef4444";
  }
  return "#eab308";
}

// How often a risk of `level` is reviewed, in months: the higher the level, the sooner.
constexpr std::int16_t review_months(RiskLevel level) {
  switch (level) {
    case RiskLevel::kCritical:
      return 1;
    case RiskLevel::kHigh:
      return 3;
    case RiskLevel::kMedium:
      return 6;
    case RiskLevel::kLow:
    case RiskLevel::kVeryLow:
      return 12;
  }
  return 6;
}

// `from` plus `months` calendar months, on the month's last day when the day does not exist
// (31 January + 1 month = 28 or 29 February).
constexpr std::chrono::year_month_day add_months(std::chrono::year_month_day from, int months) {
  auto moved = from + std::chrono::months(months);
  if (!moved.ok()) {
    moved = moved.year() / moved.month() / std::chrono::last;
  }
  return moved;
}

}  // namespace qgp::domain::risks
