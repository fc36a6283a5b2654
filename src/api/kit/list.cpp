#include "api/kit/list.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "api/kit/json.hpp"
#include "core/errors.hpp"
#include "kit/text.hpp"

namespace qgp::api::kit {

namespace {

// The largest page whose offset still fits in 64 bits at the largest page size.
constexpr std::int64_t kMaxPage = std::numeric_limits<std::int64_t>::max() / qgp::kit::kMaxPageSize;

enum class Parsed : std::uint8_t { kOk, kNotANumber, kTooLarge };

// A non-negative decimal integer without sign or spaces.
Parsed parse_count(std::string_view text, std::int64_t& out) {
  if (text.empty()
      || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Parsed::kNotANumber;
  }
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] =
      std::from_chars(text.data(), end, out);  // NOLINT(bugprone-suspicious-stringview-data-usage)
  if (ec == std::errc::result_out_of_range) {
    return Parsed::kTooLarge;
  }
  return ec == std::errc() && ptr == end ? Parsed::kOk : Parsed::kNotANumber;
}

// A query boolean is spelled exactly "true" or "false": no 1/0, no other case.
std::optional<bool> parse_boolean(std::string_view text) {
  if (text == "true") {
    return true;
  }
  if (text == "false") {
    return false;
  }
  return std::nullopt;
}

std::string_view kind_word(ParamKind kind) {
  switch (kind) {
    case ParamKind::kEnum:
      return "one of the listed values";
    case ParamKind::kInteger:
      return "a positive integer";
    case ParamKind::kBoolean:
    case ParamKind::kFlag:
      return "true or false";
    case ParamKind::kDate:
      return "a date YYYY-MM-DD";
    case ParamKind::kTimestamp:
      return "a date-time (RFC 3339, e.g. 2026-01-31T09:30:00Z)";
    case ParamKind::kText:
      return "text";
  }
  return "text";
}

// One of the parameter's values, or for an any-of parameter a comma-separated list of them
// (none empty, none twice).
bool known_values(std::string_view value, const ListParam& param) {
  const auto known = [&](std::string_view item) {
    return std::ranges::find(param.values, item) != param.values.end();
  };
  if (!param.any) {
    return known(value);
  }
  std::vector<std::string_view> seen;
  while (true) {
    const auto comma = value.find(',');
    const auto item = value.substr(0, comma);
    if (!known(item) || std::ranges::find(seen, item) != seen.end()) {
      return false;
    }
    seen.push_back(item);
    if (comma == std::string_view::npos) {
      return true;
    }
    value.remove_prefix(comma + 1);
  }
}

}  // namespace

qgp::kit::ListQuery parse_list(const http::QueryParams& params, const ListSpec& spec) {
  qgp::kit::ListQuery query;
  core::FieldErrors errors;
  std::set<std::string_view> seen_names;
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& name = it->first;
    const std::string& value = it->second;
    if (params.count(name) > 1) {
      errors.emplace(name, "must be given at most once");
      continue;
    }
    if (name == "page") {
      std::int64_t page = 0;
      const auto parsed = parse_count(value, page);
      if (parsed == Parsed::kTooLarge || (parsed == Parsed::kOk && page > kMaxPage)) {
        errors.emplace(name, fmt::format("is too large: pages are numbered 1 to {}", kMaxPage));
      } else if (parsed != Parsed::kOk || page < 1) {
        errors.emplace(name, "must be an integer >= 1");
      } else {
        query.page = page;
      }
      continue;
    }
    if (name == "page_size") {
      std::int64_t size = 0;
      if (parse_count(value, size) != Parsed::kOk || size < 1 || size > qgp::kit::kMaxPageSize) {
        errors.emplace(name,
                       fmt::format("must be an integer between 1 and {}", qgp::kit::kMaxPageSize));
      } else {
        query.page_size = static_cast<int>(size);
      }
      continue;
    }
    if (name == "sort") {
      std::string_view rest = value;
      std::vector<std::string_view> seen;
      while (true) {
        const auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        const bool descending = !item.empty() && item.front() == '-';
        if (descending) {
          item.remove_prefix(1);
        }
        const auto known = std::ranges::find(spec.sortable, item);
        if (known == spec.sortable.end()) {
          errors.emplace(name, spec.sortable.empty() ? std::string("this list cannot be sorted")
                                                     : fmt::format("fields must be among: {}",
                                                                   fmt::join(spec.sortable, ", ")));
          break;
        }
        if (std::ranges::find(seen, item) != seen.end()) {
          errors.emplace(name, fmt::format("field {} is given twice", item));
          break;
        }
        seen.push_back(*known);
        query.sort.push_back(qgp::kit::SortKey{.field = *known, .descending = descending});
        if (comma == std::string_view::npos) {
          break;
        }
        rest.remove_prefix(comma + 1);
      }
      continue;
    }
    if (name == kExactTotal) {
      if (const auto exact = parse_boolean(value)) {
        query.exact_total = *exact;
      } else {
        errors.emplace(name, "must be true or false");
      }
      continue;
    }
    if (name == "q" && !spec.searchable.empty()) {
      if (qgp::kit::code_points(value) > 200) {
        errors.emplace(name, "must be at most 200 characters");
      } else if (!qgp::kit::is_blank(value)) {
        query.q = value;
      }
      continue;
    }
    const auto filter =
        std::ranges::find_if(spec.filters, [&](const ListParam& p) { return p.name == name; });
    if (filter == spec.filters.end()) {
      std::vector<std::string_view> known = {"page", "page_size", kExactTotal};
      if (!spec.sortable.empty()) {
        known.emplace_back("sort");
      }
      if (!spec.searchable.empty()) {
        known.emplace_back("q");
      }
      for (const auto& p : spec.filters) {
        known.push_back(p.name);
      }
      errors.emplace(name, fmt::format("unknown query parameter; this list takes: {}",
                                       fmt::join(known, ", ")));
      continue;
    }
    const auto bad = [&] {
      errors.emplace(name, fmt::format("must be {}", kind_word(filter->kind)));
    };
    switch (filter->kind) {
      case ParamKind::kEnum:
        if (!known_values(value, *filter)) {
          errors.emplace(name, fmt::format("must be {}: {}",
                                           filter->any ? "a comma-separated list of" : "one of",
                                           fmt::join(filter->values, ", ")));
        } else {
          query.conditions.push_back({.name = filter->name, .value = value});
        }
        break;
      case ParamKind::kInteger: {
        std::int64_t id = 0;
        if (parse_count(value, id) != Parsed::kOk || id < 1) {
          bad();
        } else {
          query.conditions.push_back({.name = filter->name, .value = id});
        }
        break;
      }
      case ParamKind::kBoolean:
      case ParamKind::kFlag: {
        const auto flag = parse_boolean(value);
        if (!flag) {
          bad();
        } else if (filter->kind == ParamKind::kBoolean || *flag) {
          query.conditions.push_back({.name = filter->name, .value = *flag});
        }
        break;
      }
      case ParamKind::kDate:
        if (!qgp::kit::is_iso_date(value)) {
          bad();
        } else {
          query.conditions.push_back({.name = filter->name, .value = value});
        }
        break;
      case ParamKind::kTimestamp:
        if (!detail::is_rfc3339(value)) {
          bad();
        } else {
          query.conditions.push_back({.name = filter->name, .value = value});
        }
        break;
      case ParamKind::kText:
        if (qgp::kit::code_points(value) > 200) {
          errors.emplace(name, "must be at most 200 characters");
        } else {
          query.conditions.push_back({.name = filter->name, .value = value});
        }
        break;
    }
  }
  if (!errors.empty()) {
    throw core::ValidationError(std::move(errors));
  }
  return query;
}

nlohmann::json list_parameters(const ListSpec& spec) {
  nlohmann::json out = nlohmann::json::array();
  const auto add = [&](std::string_view name, nlohmann::json schema, std::string_view description) {
    out.push_back({{"name", std::string(name)},
                   {"in", "query"},
                   {"required", false},
                   {"schema", std::move(schema)},
                   {"description", std::string(description)}});
    if (out.back().at("schema").value("type", std::string()) == "array") {
      // A comma-separated list in one parameter: ?status=a,b
      out.back()["style"] = "form";
      out.back()["explode"] = false;
    }
  };
  add("page",
      {{"type", "integer"},
       {"format", "int64"},
       {"minimum", 1},
       {"maximum", kMaxPage},
       {"default", 1}},
      "Page number, from 1.");
  add("page_size",
      {{"type", "integer"},
       {"minimum", 1},
       {"maximum", qgp::kit::kMaxPageSize},
       {"default", qgp::kit::kDefaultPageSize}},
      "Items per page.");
  add(kExactTotal, {{"type", "boolean"}, {"default", false}},
      fmt::format("Count every match for `total`. By default the count stops past {} items (or "
                  "past the end of the requested page, if that is further) and `total_exact` is "
                  "false: there are more than `total` items.",
                  qgp::kit::kExactTotalUpTo));
  if (!spec.sortable.empty()) {
    const auto keys = fmt::format("{}", fmt::join(spec.sortable, "|"));
    add("sort", {{"type", "string"}, {"pattern", fmt::format("^-?({0})(,-?({0}))*$", keys)}},
        fmt::format("Comma-separated fields, `-` for descending: {}. Ties are broken by id.",
                    fmt::join(spec.sortable, ", ")));
  }
  if (!spec.searchable.empty()) {
    add("q", {{"type", "string"}, {"maxLength", 200}},
        fmt::format("Text contained in any of: {} (case-insensitive).",
                    fmt::join(spec.searchable, ", ")));
  }
  for (const auto& p : spec.filters) {
    nlohmann::json schema;
    switch (p.kind) {
      case ParamKind::kEnum:
        schema = {{"type", "string"},
                  {"enum", std::vector<std::string_view>(p.values.begin(), p.values.end())}};
        if (p.any) {
          schema = {{"type", "array"}, {"items", std::move(schema)}, {"uniqueItems", true}};
        }
        break;
      case ParamKind::kInteger:
        schema = {{"type", "integer"}, {"format", "int64"}, {"minimum", 1}};
        break;
      case ParamKind::kBoolean:
      case ParamKind::kFlag:
        schema = {{"type", "boolean"}};
        break;
      case ParamKind::kDate:
        schema = {{"type", "string"}, {"format", "date"}};
        break;
      case ParamKind::kTimestamp:
        schema = {{"type", "string"}, {"format", "date-time"}};
        break;
      case ParamKind::kText:
        schema = {{"type", "string"}, {"maxLength", 200}};
        break;
    }
    std::string description(p.doc);
    if (description.empty()) {
      description = p.any ? fmt::format("Only items whose {} is one of these values (a,b).", p.name)
                          : fmt::format("Only items whose {} equals this value.", p.name);
    }
    add(p.name, std::move(schema), description);
  }
  return out;
}

nlohmann::json list_envelope(nlohmann::json items, std::int64_t total, bool total_exact,
                             const qgp::kit::ListQuery& query) {
  const std::int64_t pages = total == 0 ? 0 : ((total - 1) / query.page_size) + 1;
  return {{"items", std::move(items)},    {"total", total},
          {"total_exact", total_exact},   {"page", query.page},
          {"page_size", query.page_size}, {"pages", pages}};
}

}  // namespace qgp::api::kit
