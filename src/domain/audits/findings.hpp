#pragma once

// Findings of audit runs: the module's own rules over the generic use cases (domain/common). The
// finding itself, its workflow (open -> in_progress -> pending_verification -> closed by a
// verifier, reopened with a reason) and its fields are declared once in model/audits/finding.hpp.

#include <cstdint>

#include "core/actor.hpp"
#include "db/transaction.hpp"
#include "kit/patch.hpp"
#include "model/audits/finding.hpp"

namespace qgp::domain::audits {

using model::audits::Finding;

// Raises a finding on a run with the next FND reference number, open. A manual finding's links
// must point at live (not archived) clauses, controls and risks; an automatic one copies its
// question's links, which stay valid after an archive.
Finding raise_finding(db::Transaction& tx, const core::Actor& actor, Finding finding);

// PATCH: a closed finding is not edited (reopen it first); new links must be live.
Finding update_finding(db::Transaction& tx, const core::Actor& actor, std::int64_t id,
                       const kit::Patch<Finding>& patch);

}  // namespace qgp::domain::audits
