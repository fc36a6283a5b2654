#pragma once

// A list request in the kit's terms, after api/kit validated it against the resource's declaration:
// only declared sortable fields, declared filters and typed values reach the store, so the store
// never meets a field it does not know (a drift between api/ and store/ cannot become a 500).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace qgp::kit {

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

struct SortKey {
  std::string_view field;  // a sortable field's wire name (a view into the declaration)
  bool descending = false;
};

using FilterValue = std::variant<bool, std::int64_t, std::string>;

// `name` is a filterable field or a declared kit::Filter of the resource.
struct Condition {
  std::string_view name;
  FilterValue value;
};

// A list's total is exact up to this many items, or up to the end of the requested page if that
// is further; beyond it the count stops and the list says "more than" (ADR-0018): counting a
// million rows to print one number cost a list 200 ms; counting a thousand costs well under one.
inline constexpr std::int64_t kExactTotalUpTo = 1000;

struct ListQuery {
  std::int64_t page = 1;
  int page_size = kDefaultPageSize;
  std::vector<SortKey> sort;  // in request order; the store appends the id tiebreak
  std::vector<Condition> conditions;
  std::optional<std::string> q;  // text search over the searchable fields
  bool exact_total = false;      // count every match, however many (ADR-0018)

  [[nodiscard]] std::int64_t offset() const noexcept { return (page - 1) * page_size; }
};

template <class R>
struct Page {
  std::vector<R> items;
  std::int64_t total = 0;
  bool total_exact = true;  // false: there are more than `total` items (ADR-0018)
};

}  // namespace qgp::kit
