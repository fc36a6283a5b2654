#include "domain/common/link_checks.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace qgp::domain::common {

void check_new_links(db::Connection& connection, store::common::LinkTarget target,
                     const std::string& field, const std::vector<std::int64_t>& before,
                     const std::vector<std::int64_t>& after, core::FieldErrors& errors) {
  std::vector<std::int64_t> added;
  for (const auto id : after) {
    if (std::find(before.begin(), before.end(), id) == before.end()) {
      added.push_back(id);
    }
  }
  const auto archived = store::common::archived_among(connection, target, added);
  if (!archived.empty()) {
    errors[field] = fmt::format("refers to archived records ({}): link current ones",
                                fmt::join(archived, ", "));
  }
}

}  // namespace qgp::domain::common
