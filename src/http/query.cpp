#include "http/query.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "core/errors.hpp"
#include "http/message.hpp"

namespace qgp::http {

namespace {

// Parses a bounded decimal; nullopt for anything else (signs, spaces, overflow).
std::optional<int> parse_small_int(std::string_view text) {
  int value = 0;
  if (text.empty() || text.size() > 9) {
    return std::nullopt;
  }
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(
      text.data(), end, value);  // NOLINT(bugprone-suspicious-stringview-data-usage)
  if (ec != std::errc() || ptr != end || text.front() == '-') {
    return std::nullopt;
  }
  return value;
}

}  // namespace

QueryParams parse_query(std::string_view query) {
  QueryParams params;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    const auto eq = pair.find('=');
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    if (!key || !value) {
      throw core::Error(core::ErrorCode::kBadRequest,
                        "malformed query string (bad percent-encoding or invalid UTF-8)");
    }
    params.emplace(std::move(*key), std::move(*value));
  }
  return params;
}

std::optional<std::string> single_param(const QueryParams& params, std::string_view name) {
  const auto [first, last] = params.equal_range(name);
  if (first == last) {
    return std::nullopt;
  }
  if (std::next(first) != last) {
    throw core::ValidationError(std::string(name), "must be given at most once");
  }
  return first->second;
}

ListQuery parse_list_query(const QueryParams& params, const std::vector<std::string>& sortable) {
  ListQuery query;
  core::FieldErrors errors;
  const auto single = [&](std::string_view name) -> std::optional<std::string> {
    const auto [first, last] = params.equal_range(name);
    if (first == last) {
      return std::nullopt;
    }
    if (std::next(first) != last) {
      errors.emplace(name, "must be given at most once");
      return std::nullopt;
    }
    return first->second;
  };
  if (const auto page = single("page")) {
    const auto value = parse_small_int(*page);
    if (!value || *value < 1) {
      errors.emplace("page", "must be an integer >= 1");
    } else {
      query.page = *value;
    }
  }
  if (const auto size = single("page_size")) {
    const auto value = parse_small_int(*size);
    if (!value || *value < 1 || *value > kMaxPageSize) {
      errors.emplace("page_size", fmt::format("must be an integer between 1 and {}", kMaxPageSize));
    } else {
      query.page_size = *value;
    }
  }
  if (const auto sort = single("sort")) {
    std::string_view rest = *sort;
    std::vector<std::string> seen;
    while (true) {
      const auto comma = rest.find(',');
      auto item = rest.substr(0, comma);
      SortKey key;
      if (!item.empty() && item.front() == '-') {
        key.descending = true;
        item.remove_prefix(1);
      }
      key.field = std::string(item);
      if (std::ranges::find(sortable, key.field) == sortable.end()) {
        errors.emplace("sort", sortable.empty() ? std::string("this list cannot be sorted")
                                                : fmt::format("fields must be among: {}",
                                                              fmt::join(sortable, ", ")));
        break;
      }
      if (std::ranges::find(seen, key.field) != seen.end()) {
        errors.emplace("sort", fmt::format("field {} is given twice", key.field));
        break;
      }
      seen.push_back(key.field);
      query.sort.push_back(std::move(key));
      if (comma == std::string_view::npos) {
        break;
      }
      rest.remove_prefix(comma + 1);
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  return query;
}

nlohmann::json list_envelope(nlohmann::json items, std::int64_t total, const ListQuery& query) {
  const std::int64_t pages = total == 0 ? 0 : (total + query.page_size - 1) / query.page_size;
  return {{"items", std::move(items)},
          {"total", total},
          {"page", query.page},
          {"page_size", query.page_size},
          {"pages", pages}};
}

}  // namespace qgp::http
