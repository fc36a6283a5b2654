#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace qgp::store::common {

struct SortKey {
  std::string field;
  bool descending = false;
};

// Page window of a list query (page is 1-based; api/ has validated both).
struct Page {
  std::int64_t page = 1;
  int page_size = 20;
  bool exact_total = false;  // count past kit::kExactTotalUpTo (ADR-0018)
  [[nodiscard]] std::int64_t offset() const noexcept { return (page - 1) * page_size; }
};

// `ORDER BY <cols>, <id_column>` from API sort keys. `columns` maps each sortable API field to a
// trusted SQL expression; an unknown field throws std::invalid_argument (api/ validated the
// fields already, so this is a programming error). The id tiebreak makes pages deterministic.
std::string order_by(const std::vector<SortKey>& sort,
                     const std::map<std::string, std::string, std::less<>>& columns,
                     std::string_view default_order, std::string_view id_column = "id");

// Escapes LIKE wildcards so user text is matched literally: `ILIKE '%' || $n || '%'` with the
// escaped text (backslash is PostgreSQL's default LIKE escape).
std::string like_escape(std::string_view text);

}  // namespace qgp::store::common
