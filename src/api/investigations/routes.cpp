#include "api/investigations/routes.hpp"

#include <string>
#include <string_view>
#include <utility>

#include "api/kit/routes.hpp"
#include "domain/investigations/investigations.hpp"

namespace qgp::api::investigations {

namespace {

using domain::investigations::Investigation;
using domain::investigations::InvestigationFactor;
using domain::investigations::InvestigationWhy;

constexpr std::string_view kRead = "investigations:read";
constexpr std::string_view kWrite = "investigations:write";

kit::Operation add_child(std::string_view what, std::string summary) {
  return kit::Operation{.method = "POST",
                        .pattern = "/api/v1/investigations/{id}/" + std::string(what),
                        .summary = std::move(summary),
                        .permission = std::string(kWrite),
                        .writes = true,
                        .status = 201};
}

}  // namespace

void register_routes(http::Server& server, const core::Config& /*config*/) {
  kit::Routes routes(server, "investigations");
  routes.list<Investigation>(std::string(kRead),
                             "Investigations (root cause analyses), by status, case or "
                             "investigator");
  routes.create<Investigation>(
      std::string(kWrite),
      "Open an investigation (INV reference) of an incident, led by an investigator, with its "
      "5-whys and fishbone factors",
      [](kit::Call& call, const Investigation& investigation) {
        return domain::investigations::open_investigation(call.tx(), call.actor(), investigation);
      });
  routes.get<Investigation>(
      std::string(kRead),
      "One investigation with its whys, factors, actions and the moves you may make");
  routes.patch<Investigation>(
      std::string(kWrite),
      "Edit an investigation (the root cause statement, the actions raised from it); send the "
      "version you read. Status changes are transitions",
      [](kit::Call& call, const qgp::kit::Patch<Investigation>& patch) {
        return domain::investigations::update_investigation(call.tx(), call.actor(), call.id(),
                                                            patch);
      });
  routes.transitions<Investigation>(
      std::string(kRead),
      "Move an investigation (investigations:write): in_review (with the root cause statement), "
      "back to open (with a note), signed_off (investigations:signoff, by someone other than the "
      "investigator), reopened with a note",
      [](kit::Call& call, const kit::TransitionRequest<Investigation>& request) {
        return domain::investigations::move(call.tx(), call.actor(), call.id(), request.to,
                                            request.note);
      });
  routes.history<Investigation>(std::string(kRead));

  routes.add<InvestigationWhy, InvestigationWhy>(
      add_child("whys", "Add the next why (numbered after the last)"),
      [](kit::Call& call, const InvestigationWhy& why) {
        return domain::investigations::add_why(call.tx(), call.actor(), call.id(), why);
      });
  routes.patch<InvestigationWhy>(
      std::string(kWrite), "Edit a why or its answer; send the version you read",
      [](kit::Call& call, const qgp::kit::Patch<InvestigationWhy>& patch) {
        return domain::investigations::update_why(call.tx(), call.actor(), call.id(), patch);
      });
  routes.add<InvestigationFactor, InvestigationFactor>(
      add_child("factors", "Add a contributing factor under its 6M category"),
      [](kit::Call& call, const InvestigationFactor& factor) {
        return domain::investigations::add_factor(call.tx(), call.actor(), call.id(), factor);
      });
  routes.patch<InvestigationFactor>(
      std::string(kWrite), "Edit a contributing factor; send the version you read",
      [](kit::Call& call, const qgp::kit::Patch<InvestigationFactor>& patch) {
        return domain::investigations::update_factor(call.tx(), call.actor(), call.id(), patch);
      });
}

}  // namespace qgp::api::investigations
