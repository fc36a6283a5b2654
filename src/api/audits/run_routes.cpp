#include "api/audits/run_routes.hpp"

#include <string>

#include "api/kit/routes.hpp"
#include "domain/audits/run_service.hpp"

namespace qgp::api::audits {

namespace {

namespace da = domain::audits;
using model::audits::Run;
using model::audits::RunAnswer;
using model::audits::RunDetail;
using model::audits::RunResponse;

constexpr std::string_view kRead = "audits:read";
constexpr std::string_view kConduct = "audits:conduct";

// Every change of a run answers with its detail, read in the change's unit of work.
RunDetail detail(kit::Call& call) {
  return da::get_run(call.connection(), call.id());
}

}  // namespace

void register_run_routes(http::Server& server, const core::Config& /*config*/) {
  const std::string runs(qgp::kit::meta<Run>().path);
  kit::Routes routes(server, "audits");
  routes.list<Run>(std::string(kRead), "Audit runs");
  routes.add<Run, RunDetail>(
      kit::Operation{.method = "POST",
                     .pattern = runs,
                     .summary = "Schedule an audit run of a published template, pinned to its "
                                "current published version (template_version)",
                     .permission = std::string(kConduct),
                     .writes = true,
                     .status = 201},
      [](kit::Call& call, const Run& run) {
        const auto id = da::schedule_run(call.tx(), call.actor(), run).id;
        return da::get_run(call.connection(), id);
      });
  routes.add<kit::NoBody, RunDetail>(
      kit::Operation{.method = "GET",
                     .pattern = runs + "/{id}",
                     .summary = "An audit run with its responses, score and findings",
                     .permission = std::string(kRead)},
      detail);
  routes.add<qgp::kit::Patch<Run>, RunDetail>(
      kit::Operation{.method = "PATCH",
                     .pattern = runs + "/{id}",
                     .summary = "Edit the schedule of an audit run: the fields sent change (null "
                                "clears a nullable one); send the version you read. Status "
                                "changes are transitions",
                     .permission = std::string(kConduct),
                     .writes = true},
      [](kit::Call& call, const qgp::kit::Patch<Run>& patch) {
        da::update_run(call.tx(), call.actor(), call.id(), patch);
        return detail(call);
      });
  routes.transitions<Run>(
      std::string(kConduct),
      "Move an audit run: in_progress (start; latitude and longitude may come along, required "
      "when the template requires GPS), completed or pending_review (complete: required answers, "
      "score, findings; pending_review when the template requires approval), completed from "
      "pending_review (approve: not by the person who completed it), in_progress from "
      "pending_review (send back, needs a note), cancelled (needs a note: the reason)",
      [](kit::Call& call, const kit::TransitionRequest<Run>& request) {
        da::move_run(call.tx(), call.actor(), call.id(), request.to, request.note, request.extra);
        return detail(call);
      });
  routes.add<RunAnswer, kit::Upserted<RunResponse>>(
      kit::Operation{.method = "PUT",
                     .pattern = runs + "/{id}/responses/{question_id}",
                     .summary = "Answer (201 + Location) or re-answer (200) one question of an "
                                "in-progress run",
                     .permission = std::string(kConduct),
                     .writes = true,
                     .may_create = true},
      [](kit::Call& call, const RunAnswer& answer) {
        auto stored =
            da::answer_question(call.tx(), call.actor(), call.id(), call.id("question_id"), answer);
        return kit::Upserted<RunResponse>{.value = std::move(stored.response),
                                          .created = stored.created};
      });
  routes.history<Run>(std::string(kRead));
}

}  // namespace qgp::api::audits
