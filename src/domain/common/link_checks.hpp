#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/errors.hpp"
#include "db/connection.hpp"
#include "store/common/archived_links.hpp"

namespace qgp::domain::common {

// New links must point at live records. A standard, clause, control or risk archived after it was
// linked stays linked where it was (the history is kept), but `after` may not add a link to one:
// records `errors[field]` naming the archived ids that `after` adds to `before`.
void check_new_links(db::Connection& connection, store::common::LinkTarget target,
                     const std::string& field, const std::vector<std::int64_t>& before,
                     const std::vector<std::int64_t>& after, core::FieldErrors& errors);

}  // namespace qgp::domain::common
