#include "domain/audits/findings.hpp"

#include <utility>

#include "core/errors.hpp"
#include "domain/common/link_checks.hpp"
#include "domain/common/records.hpp"
#include "store/common/reference_numbers.hpp"

namespace qgp::domain::audits {

namespace {

using model::audits::FindingStatus;
using store::common::LinkTarget;

// Records the archived clauses, controls and risks `after` links that `before` did not.
void check_links(db::Connection& connection, const Finding& before, const Finding& after,
                 core::FieldErrors& errors) {
  common::check_new_links(connection, LinkTarget::kClause, "clause_ids", before.clause_ids,
                          after.clause_ids, errors);
  common::check_new_links(connection, LinkTarget::kControl, "control_ids", before.control_ids,
                          after.control_ids, errors);
  common::check_new_links(connection, LinkTarget::kRisk, "risk_ids", before.risk_ids,
                          after.risk_ids, errors);
}

}  // namespace

Finding raise_finding(db::Transaction& tx, const core::Actor& actor, Finding finding) {
  if (!finding.is_auto_created) {
    core::FieldErrors errors;
    check_links(tx.connection(), Finding{}, finding, errors);
    if (!errors.empty()) {
      throw core::ValidationError(std::move(errors));
    }
  }
  finding.status = FindingStatus::kOpen;
  finding.reference_number = store::common::next_reference_number(tx.connection(), "FND");
  return common::create(tx, actor, finding);
}

Finding update_finding(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                       const kit::Patch<Finding>& patch) {
  return common::update<Finding>(
      tx, actor, id, patch, [&](const Finding& before, const Finding& after) {
        if (before.status == FindingStatus::kClosed) {
          throw core::Conflict("a closed finding cannot be edited; reopen it first");
        }
        core::FieldErrors errors;
        check_links(tx.connection(), before, after, errors);
        if (!errors.empty()) {
          throw core::ValidationError(std::move(errors));
        }
      });
}

}  // namespace qgp::domain::audits
