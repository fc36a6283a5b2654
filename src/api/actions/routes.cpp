#include "api/actions/routes.hpp"

#include <array>
#include <string>
#include <string_view>

#include "api/kit/csv.hpp"
#include "api/kit/routes.hpp"
#include "domain/actions/actions.hpp"
#include "store/actions/actions_store.hpp"

namespace qgp::api::actions {

namespace {

using domain::actions::Action;
using domain::actions::EffectivenessReview;

constexpr std::string_view kRead = "actions:read";
constexpr std::string_view kWrite = "actions:write";

// The exported fields of the register, in column order (names of Action's declared fields).
constexpr std::array<std::string_view, 20> kCsvColumns = {
    "reference_number",
    "title",
    "action_type",
    "priority",
    "status",
    "source_kind",
    "finding_id",
    "risk_id",
    "incident_id",
    "complaint_id",
    "collision_id",
    "policy_id",
    "management_review_id",
    "owner_id",
    "due_date",
    "overdue",
    "completed_by_id",
    "verified_by_id",
    "is_effective",
    "cancellation_reason",
};
static_assert(kit::csv_columns_exist<Action>(kCsvColumns), "every CSV column is a field of Action");

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "actions");
  routes.list<Action>(
      kit::Operation{.method = "GET",
                     .pattern = "/api/v1/actions",
                     .summary = "The actions register (mine=true: the actions you own)",
                     .permission = std::string(kRead)},
      [](kit::Call& call, const qgp::kit::ListQuery& query) {
        return domain::actions::list_actions(call.connection(), call.actor(), query);
      });
  routes.create<Action>(std::string(kWrite),
                        "Raise an action (ACT reference) from exactly one source record",
                        [](kit::Call& call, const Action& action) {
                          return domain::actions::create_action(call.tx(), call.actor(), action);
                        });
  routes.get<Action>(std::string(kRead), "One action with the moves you may make");
  routes.patch<Action>(
      std::string(kWrite),
      "Edit an action: the fields sent change (null clears a nullable one); send the version you "
      "read. Status changes by transitions; the source is fixed at creation",
      [](kit::Call& call, const qgp::kit::Patch<Action>& patch) {
        return domain::actions::update_action(call.tx(), call.actor(), call.id(), patch);
      });
  routes.transitions<Action>(
      std::string(kRead),
      "Move an action (actions:write): in_progress, completed (with a note of what was done), "
      "verified (actions:verify, by someone other than who completed it; a corrective action of a "
      "major "
      "nonconformity only after an effective review), cancelled (with a reason), in_progress again "
      "(reopen, with a note)",
      [](kit::Call& call, const kit::TransitionRequest<Action>& request) {
        return domain::actions::transition_action(call.tx(), call.actor(), call.id(), request.to,
                                                  request.note);
      });
  routes.history<Action>(std::string(kRead));
  routes.add<EffectivenessReview, Action>(
      kit::Operation{.method = "POST",
                     .pattern = "/api/v1/actions/{id}/effectiveness-review",
                     .summary = "Record whether a completed action worked (who and when are "
                                "stamped); an ineffective one is reopened, not verified",
                     .permission = "actions:verify",
                     .writes = true},
      [](kit::Call& call, const EffectivenessReview& review) {
        return domain::actions::review_effectiveness(call.tx(), call.actor(), call.id(), review);
      });
  routes.add<kit::NoBody, http::Response>(
      kit::Operation{.method = "GET",
                     .pattern = "/api/v1/actions/export.csv",
                     .summary = "The register as CSV (RFC 4180, one row per action)",
                     .permission = std::string(kRead)},
      [](kit::Call& call) {
        http::Response response;
        response.set_header("Content-Type", "text/csv; charset=utf-8");
        response.set_header("Content-Disposition", "attachment; filename=\"actions.csv\"");
        response.body =
            kit::csv_table<Action>(store::actions::all_actions(call.connection()), kCsvColumns);
        return response;
      });
}

}  // namespace qgp::api::actions
