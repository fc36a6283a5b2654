#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace qgp::http {

using QueryParams = std::multimap<std::string, std::string, std::less<>>;

// Decodes a raw query string; malformed percent-encoding or invalid UTF-8 -> BAD_REQUEST (400).
QueryParams parse_query(std::string_view query);

// The single value of a parameter; a repeated parameter -> VALIDATION_ERROR.
std::optional<std::string> single_param(const QueryParams& params, std::string_view name);

struct SortKey {
  std::string field;
  bool descending = false;
  bool operator==(const SortKey&) const = default;
};

inline constexpr int kDefaultPageSize = 20;
inline constexpr int kMaxPageSize = 100;

struct ListQuery {
  int page = 1;
  int page_size = kDefaultPageSize;
  std::vector<SortKey> sort;  // in request order; the store appends `id` for determinism

  [[nodiscard]] std::int64_t offset() const noexcept {
    return static_cast<std::int64_t>(page - 1) * page_size;
  }
};

// page >= 1, page_size 1-100 (default 20), sort=field,-field with fields from `sortable`; every
// problem is reported at once as VALIDATION_ERROR (422) with details.fields.
ListQuery parse_list_query(const QueryParams& params, const std::vector<std::string>& sortable);

// {items, total, page, page_size, pages}
nlohmann::json list_envelope(nlohmann::json items, std::int64_t total, const ListQuery& query);

}  // namespace qgp::http
