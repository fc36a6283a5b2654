#pragma once

// The risk register's rules over the generic use cases (domain/common). The risk, its assessments
// and its workflow are declared once in model/risks/risk.hpp; the matrix is
// domain/risks/matrix.hpp.

#include <chrono>
#include <cstdint>

#include "core/actor.hpp"
#include "db/connection.hpp"
#include "db/transaction.hpp"
#include "domain/risks/matrix.hpp"
#include "kit/list.hpp"
#include "kit/patch.hpp"
#include "model/risks/matrix_version.hpp"
#include "model/risks/register.hpp"
#include "model/risks/risk.hpp"

namespace qgp::domain::risks {

using model::risks::MatrixCellLevel;
using model::risks::Risk;
using model::risks::RiskAcceptance;
using model::risks::RiskAssessment;
using model::risks::RiskMatrixVersion;

// The UTC calendar date of `now`, as YYYY-MM-DD.
std::chrono::year_month_day utc_date(std::chrono::system_clock::time_point now);
kit::Date iso_date(std::chrono::year_month_day date);

// The rating of `likelihood` x `impact` on `risk` in `grid`: the matrix version, score, level,
// the level's review cadence and the next review date counted from `today`.
void rate(Risk& risk, const Grid& grid, std::int16_t likelihood, std::int16_t impact,
          std::chrono::year_month_day today);

// The grid of a proposed matrix version's cells, or 422 naming what is wrong by path: all 25
// cells, each likelihood x impact once (`cells`, `cells[k]`), and no cell rated below a cell of
// lower or equal likelihood and impact (`cells[k].level`: a more likely or more severe risk is
// never a lower one). Pure.
Grid check_matrix(const std::vector<MatrixCellLevel>& cells);

// The current (newest) matrix version's grid.
Grid current_grid(db::Connection& connection);

// A new matrix version, the next number, current from its commit: risks keep the version they
// were scored with until re-scored. Audited with its cells.
RiskMatrixVersion create_matrix_version(db::Transaction& tx, const core::Actor& actor,
                                        RiskMatrixVersion version);

// Matrix versions, newest first, each with its 25 cells.
kit::Page<RiskMatrixVersion> list_matrix_versions(db::Connection& connection,
                                                  const kit::ListQuery& query);

// Re-scores the risk's current likelihood x impact with the current matrix version (an explicit,
// audited action naming both versions). 409 when the risk already uses the current version or is
// closed.
Risk rescore_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t id);

// A new risk, identified, with the next RSK reference number and its rating computed. Acceptance
// is never set on create (422 treatment_strategy): it is decided by an approver. Linked clauses
// and controls must be live (422 naming the archived ids).
Risk create_risk(db::Transaction& tx, const core::Actor& actor, Risk risk);

// PATCH. A closed risk is not edited (409); treatment_strategy cannot become accept (422);
// leaving accept withdraws the acceptance (approver, reason, expiry); new links must be live.
Risk update_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const kit::Patch<Risk>& patch);

// Records an immutable assessment of risk `risk_id` by the actor and makes its residual rating
// the risk's current one (with the review cadence of the new level). A closed risk is not
// assessed (409); target likelihood and impact come together or not at all (422).
RiskAssessment assess_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t risk_id,
                           RiskAssessment assessment);

// Why `actor` may not accept `risk` until `expires_on` (checked with `today`), or nothing: the
// risk must be open and owned, the approver someone other than its owner (403), the expiry today
// or later (422). Pure: the rules of acceptance, tested without a database.
void check_acceptance(const Risk& risk, const core::Actor& actor, const RiskAcceptance& request,
                      std::chrono::year_month_day today);

// Accepts the risk (treatment accept) on the actor's authority (the route needs risks:approve).
Risk accept_risk(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                 const RiskAcceptance& request);

// Assessments of a risk, newest first (404 for an unknown risk).
kit::Page<RiskAssessment> list_assessments(db::Connection& connection, std::int64_t risk_id,
                                           kit::ListQuery query);

// The heat map: 25 cells with their counts, the total and the counts per level.
model::risks::RiskMatrix matrix(db::Connection& connection, const model::risks::MatrixQuery& query);

}  // namespace qgp::domain::risks
