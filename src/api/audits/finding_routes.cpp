#include "api/audits/finding_routes.hpp"

#include "api/kit/routes.hpp"
#include "domain/audits/findings.hpp"

namespace qgp::api::audits {

void register_finding_routes(http::Server& server, const core::Config& /*config*/) {
  using domain::audits::Finding;
  kit::Routes routes(server, "audits");
  routes.list<Finding>("findings:read", "Findings of audit runs");
  routes.create<Finding>("findings:write", "Raise a finding on an audit run",
                         [](kit::Call& call, const Finding& finding) {
                           return domain::audits::raise_finding(call.tx(), call.actor(), finding);
                         });
  routes.get<Finding>("findings:read", "One finding with its links and the moves you may make");
  routes.patch<Finding>(
      "findings:write",
      "Edit a finding: the fields sent change (null clears a nullable one); send the version you "
      "read. Status changes are transitions",
      [](kit::Call& call, const qgp::kit::Patch<Finding>& patch) {
        return domain::audits::update_finding(call.tx(), call.actor(), call.id(), patch);
      });
  routes.transitions<Finding>(
      "findings:read",
      "Move a finding: in_progress, pending_verification, closed (verification, needs "
      "findings:verify; a nonconformity needs closure notes), open (reopen, needs a note)");
  routes.history<Finding>("findings:read");
}

}  // namespace qgp::api::audits
