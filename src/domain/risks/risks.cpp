#include "domain/risks/risks.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/errors.hpp"
#include "domain/common/link_checks.hpp"
#include "domain/common/records.hpp"
#include "domain/risks/matrix.hpp"
#include "store/common/reference_numbers.hpp"
#include "store/kit/list.hpp"
#include "store/kit/rows.hpp"
#include "store/kit/write.hpp"
#include "store/risks/register_store.hpp"

namespace qgp::domain::risks {

namespace {

using model::risks::RiskStatus;
using model::risks::TreatmentStrategy;

std::chrono::year_month_day today() {
  return utc_date(std::chrono::system_clock::now());
}

void refuse_closed(const Risk& risk, std::string_view what) {
  if (risk.status == RiskStatus::kClosed) {
    throw core::Conflict(fmt::format("a closed risk cannot be {}; reopen it first", what));
  }
}

void refuse_accept(const Risk& risk) {
  if (risk.treatment_strategy == TreatmentStrategy::kAccept) {
    throw core::ValidationError("treatment_strategy",
                                "accept is decided by an approver: POST /risks/{id}/acceptance");
  }
}

// New links must point at live clauses and controls (an archived one stays where it was linked).
void check_links(db::Connection& connection, const Risk& before, const Risk& after) {
  using store::common::LinkTarget;
  core::FieldErrors errors;
  common::check_new_links(connection, LinkTarget::kClause, "clause_ids", before.clause_ids,
                          after.clause_ids, errors);
  common::check_new_links(connection, LinkTarget::kControl, "control_ids", before.control_ids,
                          after.control_ids, errors);
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
}

}  // namespace

std::chrono::year_month_day utc_date(std::chrono::system_clock::time_point now) {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)};
}

kit::Date iso_date(std::chrono::year_month_day date) {
  return kit::Date{fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                               static_cast<unsigned>(date.month()),
                               static_cast<unsigned>(date.day()))};
}

void rate(Risk& risk, const Grid& grid, std::int16_t likelihood, std::int16_t impact,
          std::chrono::year_month_day today) {
  risk.matrix_id = grid.matrix_id;
  risk.likelihood = likelihood;
  risk.impact = impact;
  risk.score = static_cast<std::int16_t>(likelihood * impact);
  risk.level = grid.level(likelihood, impact);
  risk.review_frequency_months = review_months(risk.level);
  risk.next_review_date = iso_date(add_months(today, risk.review_frequency_months));
}

Risk create_risk(db::Transaction& tx, const core::Actor& actor, Risk risk) {
  refuse_accept(risk);
  check_links(tx.connection(), Risk{}, risk);
  rate(risk, current_grid(tx.connection()), risk.likelihood, risk.impact, today());
  risk.inherent_likelihood = risk.likelihood;
  risk.inherent_impact = risk.impact;
  risk.status = RiskStatus::kIdentified;
  risk.reference_number = store::common::next_reference_number(tx.connection(), "RSK");
  return common::create(tx, actor, risk);
}

Risk update_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const kit::Patch<Risk>& patch) {
  const auto before = common::lock<Risk>(tx, id);
  common::check_version(before, patch.version);
  refuse_closed(before, "edited");
  auto after = kit::applied(before, patch);
  check_links(tx.connection(), before, after);
  if (before.treatment_strategy != TreatmentStrategy::kAccept) {
    refuse_accept(after);
  } else if (after.treatment_strategy != TreatmentStrategy::kAccept) {
    after.acceptance_justification = std::nullopt;
    after.accepted_by_id = std::nullopt;
    after.accepted_at = std::nullopt;
    after.acceptance_expires_on = std::nullopt;
  }
  return common::write(tx, actor, before, after, "update");
}

RiskAssessment assess_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t risk_id,
                           RiskAssessment assessment) {
  const auto before = common::lock<Risk>(tx, risk_id);
  refuse_closed(before, "assessed");
  if (assessment.target_likelihood.has_value() != assessment.target_impact.has_value()) {
    throw core::ValidationError(
        assessment.target_likelihood ? "target_impact" : "target_likelihood",
        "a target rating needs both likelihood and impact");
  }
  if (!actor.user_id) {
    throw core::Forbidden("an assessment is made by a signed-in person");
  }
  const auto score = [](std::int16_t l, std::int16_t i) {
    return static_cast<std::int16_t>(l * i);
  };
  const auto grid = current_grid(tx.connection());
  assessment.risk_id = risk_id;
  assessment.matrix_id = grid.matrix_id;
  assessment.assessed_at = kit::Timestamp::now();
  assessment.assessed_by_id = *actor.user_id;
  assessment.inherent_score = score(assessment.inherent_likelihood, assessment.inherent_impact);
  assessment.inherent_level =
      grid.level(assessment.inherent_likelihood, assessment.inherent_impact);
  assessment.residual_score = score(assessment.residual_likelihood, assessment.residual_impact);
  assessment.residual_level =
      grid.level(assessment.residual_likelihood, assessment.residual_impact);
  if (assessment.target_likelihood && assessment.target_impact) {
    assessment.target_score = score(*assessment.target_likelihood, *assessment.target_impact);
    assessment.target_level = grid.level(*assessment.target_likelihood, *assessment.target_impact);
  } else {
    assessment.target_score = std::nullopt;
    assessment.target_level = std::nullopt;
  }
  auto stored = common::create(tx, actor, assessment);
  auto after = before;
  rate(after, grid, assessment.residual_likelihood, assessment.residual_impact, today());
  after.inherent_likelihood = assessment.inherent_likelihood;
  after.inherent_impact = assessment.inherent_impact;
  after.last_reviewed_at = kit::Timestamp::now();
  common::write(tx, actor, before, after, "update",
                fmt::format("assessment {} recorded", stored.id));
  return stored;
}

void check_acceptance(const Risk& risk, const core::Actor& actor, const RiskAcceptance& request,
                      std::chrono::year_month_day today) {
  refuse_closed(risk, "accepted");
  if (!risk.owner_id) {
    throw core::ValidationError("owner_id", "an accepted risk needs an owner; set one first");
  }
  if (!actor.user_id || *actor.user_id == *risk.owner_id) {
    throw core::Forbidden("the risk owner cannot accept their own risk: another approver must");
  }
  if (request.expires_on.iso < iso_date(today).iso) {
    throw core::ValidationError("expires_on", "must be today or later");
  }
}

Risk accept_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const RiskAcceptance& request) {
  const auto before = common::lock<Risk>(tx, id);
  check_acceptance(before, actor, request, today());
  auto after = before;
  after.treatment_strategy = TreatmentStrategy::kAccept;
  after.acceptance_justification = request.justification;
  after.accepted_by_id = actor.user_id;
  after.accepted_at = kit::Timestamp::now();
  after.acceptance_expires_on = request.expires_on;
  return common::write(tx, actor, before, after, "update", std::string("risk accepted"));
}

kit::Page<RiskAssessment> list_assessments(db::Connection& connection, std::int64_t risk_id,
                                           kit::ListQuery query) {
  common::get<Risk>(connection, risk_id);
  query.conditions.push_back({.name = "risk_id", .value = risk_id});
  return store::kit::list<RiskAssessment>(connection, query);
}

Grid check_matrix(const std::vector<MatrixCellLevel>& cells) {
  core::FieldErrors errors;
  Grid grid;
  std::array<std::array<std::optional<std::size_t>, 5>, 5> given{};
  for (std::size_t k = 0; k < cells.size(); ++k) {
    const auto& cell = cells[k];
    if (cell.likelihood < 1 || cell.likelihood > 5 || cell.impact < 1 || cell.impact > 5) {
      errors.emplace(fmt::format("cells[{}]", k), "likelihood and impact are 1 to 5");
      continue;
    }
    auto& slot = given.at(static_cast<std::size_t>(cell.likelihood - 1))
                     .at(static_cast<std::size_t>(cell.impact - 1));
    if (slot) {
      errors.emplace(fmt::format("cells[{}]", k),
                     fmt::format("likelihood {} x impact {} is already cells[{}]", cell.likelihood,
                                 cell.impact, *slot));
      continue;
    }
    slot = k;
    grid.levels.at(static_cast<std::size_t>(cell.likelihood - 1))
        .at(static_cast<std::size_t>(cell.impact - 1)) = cell.level;
  }
  std::string missing;
  for (int likelihood = 1; likelihood <= 5; ++likelihood) {
    for (int impact = 1; impact <= 5; ++impact) {
      if (!given.at(static_cast<std::size_t>(likelihood - 1))
               .at(static_cast<std::size_t>(impact - 1))) {
        missing += fmt::format("{}{}x{}", missing.empty() ? "" : ", ", likelihood, impact);
      }
    }
  }
  if (!missing.empty()) {
    errors.emplace("cells", fmt::format("needs all 25 cells, each likelihood x impact once; "
                                        "missing: {}",
                                        missing));
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  // Monotonic: each cell at least its lower neighbours (which, by induction, covers every cell of
  // lower or equal likelihood and impact).
  for (int likelihood = 1; likelihood <= 5; ++likelihood) {
    for (int impact = 1; impact <= 5; ++impact) {
      const auto level = grid.level(likelihood, impact);
      const auto below = [&](int l, int i) {
        if (l < 1 || i < 1 || grid.level(l, i) <= level) {
          return;
        }
        const auto k = *given.at(static_cast<std::size_t>(likelihood - 1))
                            .at(static_cast<std::size_t>(impact - 1));
        errors.emplace(fmt::format("cells[{}].level", k),
                       fmt::format("{} is below likelihood {} x impact {} ({}): a more likely or "
                                   "more severe risk is never rated lower",
                                   kit::wire_name(level), l, i, kit::wire_name(grid.level(l, i))));
      };
      below(likelihood - 1, impact);
      below(likelihood, impact - 1);
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  return grid;
}

Grid current_grid(db::Connection& connection) {
  const auto cells = store::risks::current_matrix_cells(connection);
  if (cells.size() != 25) {
    throw core::Error(core::ErrorCode::kInternal,
                      "the risk matrix is missing: run `qgp db upgrade head`");
  }
  Grid grid;
  grid.matrix_id = cells.front().matrix_id;
  for (const auto& cell : cells) {
    grid.levels.at(static_cast<std::size_t>(cell.likelihood - 1))
        .at(static_cast<std::size_t>(cell.impact - 1)) = cell.level;
  }
  return grid;
}

RiskMatrixVersion create_matrix_version(db::Transaction& tx, const core::Actor& actor,
                                        RiskMatrixVersion version) {
  const auto grid = check_matrix(version.cells);
  version.version_number = store::risks::next_matrix_version_number(tx.connection());
  const auto id = store::kit::insert(tx.connection(), version, actor);
  for (auto cell : version.cells) {
    cell.matrix_id = id;
    store::kit::insert(tx.connection(), cell, actor);
  }
  auto stored = common::get<RiskMatrixVersion>(tx.connection(), id);
  // The cells are the evidence of the version: in its audit row, row by row.
  auto changes = common::created(stored);
  std::string rows;
  for (int likelihood = 1; likelihood <= 5; ++likelihood) {
    rows += fmt::format("{}likelihood {}:", likelihood == 1 ? "" : "; ", likelihood);
    for (int impact = 1; impact <= 5; ++impact) {
      rows += fmt::format(" {}", kit::wire_name(grid.level(likelihood, impact)));
    }
  }
  changes.set("cells", kit::Value(std::move(rows)));
  common::append_audit(tx, actor, "create", kit::meta<RiskMatrixVersion>().entity, id,
                       std::move(changes));
  return stored;
}

kit::Page<RiskMatrixVersion> list_matrix_versions(db::Connection& connection,
                                                  const kit::ListQuery& query) {
  auto page = store::kit::list<RiskMatrixVersion>(connection, query);
  store::kit::load_children(connection, page.items);
  return page;
}

Risk rescore_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t id) {
  const auto before = common::lock<Risk>(tx, id);
  refuse_closed(before, "re-scored");
  const auto grid = current_grid(tx.connection());
  if (before.matrix_id == grid.matrix_id) {
    throw core::Conflict("the risk is already scored with the current risk matrix");
  }
  auto after = before;
  rate(after, grid, before.likelihood, before.impact, today());
  const auto versions =
      store::risks::matrix_version_numbers(tx.connection(), before.matrix_id, grid.matrix_id);
  return common::write(tx, actor, before, after, "update",
                       fmt::format("re-scored with risk matrix version {} (was version {})",
                                   versions.second, versions.first));
}

model::risks::RiskMatrix matrix(db::Connection& connection,
                                const model::risks::MatrixQuery& query) {
  const auto counts = store::risks::matrix_counts(connection, query);
  const auto grid = current_grid(connection);
  model::risks::RiskMatrix out;
  out.basis = query.basis;
  for (int likelihood = 5; likelihood >= 1; --likelihood) {
    for (int impact = 1; impact <= 5; ++impact) {
      model::risks::MatrixCell cell{
          .likelihood = static_cast<std::int16_t>(likelihood),
          .impact = static_cast<std::int16_t>(impact),
          .score = static_cast<std::int16_t>(likelihood * impact),
          .level = grid.level(likelihood, impact),
          .color = std::string(level_color(grid.level(likelihood, impact))),
          .risk_count = 0};
      for (const auto& count : counts) {
        if (count.likelihood == likelihood && count.impact == impact) {
          cell.risk_count = count.risks;
        }
      }
      out.total_risks += cell.risk_count;
      out.risks_by_level[cell.level] += cell.risk_count;
      out.cells.push_back(std::move(cell));
    }
  }
  return out;
}

}  // namespace qgp::domain::risks
