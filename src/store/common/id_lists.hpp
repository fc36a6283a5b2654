#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace qgp::store::common {

// Ids aggregated in SQL as `string_agg(id::text, ',')` back into a list (NULL or "": empty).
std::vector<std::int64_t> parse_id_list(const std::optional<std::string>& joined);

// A `$n::text[]::bigint[]` parameter holding `ids`.
std::string id_array_literal(const std::vector<std::int64_t>& ids);

}  // namespace qgp::store::common
