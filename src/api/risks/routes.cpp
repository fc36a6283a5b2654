#include "api/risks/routes.hpp"

#include <array>
#include <string>
#include <string_view>

#include "api/kit/csv.hpp"
#include "api/kit/routes.hpp"
#include "domain/risks/risks.hpp"
#include "store/risks/register_store.hpp"

namespace qgp::api::risks {

namespace {

using domain::risks::Risk;
using domain::risks::RiskAcceptance;
using domain::risks::RiskAssessment;
using domain::risks::RiskMatrixVersion;
using model::risks::MatrixQuery;
using model::risks::RiskMatrix;
using model::risks::RiskStatistics;

constexpr std::string_view kRead = "risks:read";
constexpr std::string_view kOne = "/api/v1/risks/{id}";

// The exported fields of the register, in column order (names of Risk's declared fields).
constexpr std::array<std::string_view, 22> kCsvColumns = {"reference_number",
                                                          "title",
                                                          "category",
                                                          "status",
                                                          "likelihood",
                                                          "impact",
                                                          "score",
                                                          "level",
                                                          "inherent_score",
                                                          "target_score",
                                                          "owner_id",
                                                          "department",
                                                          "risk_source",
                                                          "risk_event",
                                                          "risk_consequence",
                                                          "treatment_strategy",
                                                          "treatment_due_date",
                                                          "accepted_by_id",
                                                          "acceptance_expires_on",
                                                          "next_review_date",
                                                          "review_due",
                                                          "clause_ids"};
static_assert(kit::csv_columns_exist<Risk>(kCsvColumns), "every CSV column is a field of Risk");

kit::Operation read(std::string pattern, std::string summary) {
  return kit::Operation{.method = "GET",
                        .pattern = std::move(pattern),
                        .summary = std::move(summary),
                        .permission = std::string(kRead)};
}

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "risks");
  routes.list<Risk>(std::string(kRead), "The risk register");
  routes.create<Risk>("risks:write", "Identify a risk (RSK reference, rated by the 5x5 matrix)",
                      [](kit::Call& call, const Risk& risk) {
                        return domain::risks::create_risk(call.tx(), call.actor(), risk);
                      });
  routes.get<Risk>(std::string(kRead),
                   "One risk with its current rating and the moves you may make");
  routes.patch<Risk>(
      "risks:write",
      "Edit a risk: the fields sent change (null clears a nullable one); send the version you "
      "read. Ratings change by assessments, status by transitions, acceptance by an approver",
      [](kit::Call& call, const qgp::kit::Patch<Risk>& patch) {
        return domain::risks::update_risk(call.tx(), call.actor(), call.id(), patch);
      });
  routes.transitions<Risk>(
      std::string(kRead),
      "Move a risk: assessing, treating, monitoring, closed (withdrawing an identified risk needs "
      "a note), assessing again (reopening a closed risk needs a note)");
  routes.history<Risk>(std::string(kRead));

  routes.list<RiskAssessment>(
      read(std::string(kOne) + "/assessments", "Assessments of a risk, newest first"),
      [](kit::Call& call, const qgp::kit::ListQuery& query) {
        return domain::risks::list_assessments(call.connection(), call.id(), query);
      });
  routes.add<RiskAssessment, RiskAssessment>(
      kit::Operation{.method = "POST",
                     .pattern = std::string(kOne) + "/assessments",
                     .summary = "Record an assessment (immutable): inherent, residual and an "
                                "optional target rating; the residual becomes the risk's current",
                     .permission = "risks:write",
                     .writes = true,
                     .status = 201},
      [](kit::Call& call, const RiskAssessment& assessment) {
        return domain::risks::assess_risk(call.tx(), call.actor(), call.id(), assessment);
      });
  routes.get<RiskAssessment>(std::string(kRead), "One assessment");
  routes.add<RiskAcceptance, Risk>(
      kit::Operation{.method = "POST",
                     .pattern = std::string(kOne) + "/acceptance",
                     .summary = "Accept the risk as its approver (never its owner), with a reason "
                                "and an expiry date after which it is due for review",
                     .permission = "risks:approve",
                     .writes = true},
      [](kit::Call& call, const RiskAcceptance& acceptance) {
        return domain::risks::accept_risk(call.tx(), call.actor(), call.id(), acceptance);
      });

  routes.add<kit::NoBody, Risk>(
      kit::Operation{.method = "POST",
                     .pattern = std::string(kOne) + "/rescore",
                     .summary = "Re-score the risk's current rating with the current risk matrix "
                                "(409 when it already uses it); audited with both versions",
                     .permission = "risks:write",
                     .writes = true},
      [](kit::Call& call) {
        return domain::risks::rescore_risk(call.tx(), call.actor(), call.id());
      });

  // The matrix: versions, the newest current. Replacing it is an administrator's decision.
  routes.list<RiskMatrixVersion>(
      read("/api/v1/risk-matrices", "Risk matrix versions, newest first, with their cells"),
      [](kit::Call& call, const qgp::kit::ListQuery& query) {
        return domain::risks::list_matrix_versions(call.connection(), query);
      });
  routes.get<RiskMatrixVersion>(std::string(kRead), "One risk matrix version with its 25 cells");
  routes.create<RiskMatrixVersion>(
      "risks:configure",
      "Replace the risk matrix: a new version with all 25 cells becomes current; risks keep the "
      "version they were scored with until re-scored",
      [](kit::Call& call, const RiskMatrixVersion& version) {
        return domain::risks::create_matrix_version(call.tx(), call.actor(), version);
      });

  routes.add<kit::Query<MatrixQuery>, RiskMatrix>(
      read("/api/v1/risks/matrix",
           "Heat map: open risks per likelihood x impact cell (residual or inherent)"),
      [](kit::Call& call, const kit::Query<MatrixQuery>& query) {
        return domain::risks::matrix(call.connection(), query.values);
      });
  routes.add<kit::NoBody, RiskStatistics>(
      read("/api/v1/risks/statistics",
           "Counts by level, category, status and treatment; due "
           "reviews, overdue treatments, expired acceptances"),
      [](kit::Call& call) { return store::risks::statistics(call.connection()); });
  routes.add<kit::NoBody, http::Response>(
      read("/api/v1/risks/export.csv", "The register as CSV (RFC 4180, one row per risk)"),
      [](kit::Call& call) {
        http::Response response;
        response.set_header("Content-Type", "text/csv; charset=utf-8");
        response.set_header("Content-Disposition", "attachment; filename=\"risk-register.csv\"");
        response.body =
            kit::csv_table<Risk>(store::risks::all_risks(call.connection()), kCsvColumns);
        return response;
      });
}

}  // namespace qgp::api::risks
