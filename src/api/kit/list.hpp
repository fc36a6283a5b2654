#pragma once

// List requests of every collection, from the resource's declaration: page, page_size (1-100),
// sort over the declared sortable fields, q when fields are searchable, one parameter per
// filterable field (typed by the field) and per declared filter. Anything else is a 422. The same
// description documents the parameters in OpenAPI, so the document and the parser cannot differ.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/query.hpp"
#include "kit/field.hpp"
#include "kit/list.hpp"

namespace qgp::api::kit {

enum class ParamKind : std::uint8_t { kEnum, kInteger, kBoolean, kText, kDate, kFlag, kTimestamp };

struct ListParam {
  std::string_view name;
  ParamKind kind = ParamKind::kText;
  std::span<const std::string_view> values;  // kEnum
  std::string_view doc;
  bool any = false;  // kEnum: a comma-separated list, any of which matches
};

struct ListSpec {
  std::vector<ListParam> filters;
  std::vector<std::string_view> sortable;
  std::vector<std::string_view> searchable;
};

template <class T>
constexpr ParamKind param_kind() {
  using V = qgp::kit::UnwrappedT<T>;
  if constexpr (qgp::kit::DeclaredEnum<V>) {
    return ParamKind::kEnum;
  } else if constexpr (std::is_same_v<V, bool>) {
    return ParamKind::kBoolean;
  } else if constexpr (qgp::kit::kIsInteger<V> || std::is_same_v<V, std::vector<std::int64_t>>) {
    return ParamKind::kInteger;  // a linked id filters "linked to"
  } else if constexpr (std::is_same_v<V, qgp::kit::Date>) {
    return ParamKind::kDate;
  } else {
    return ParamKind::kText;
  }
}

template <qgp::kit::Described R>
const ListSpec& list_spec() {
  static const ListSpec spec = [] {
    ListSpec out;
    qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
      using M = typename std::remove_cvref_t<decltype(f)>::Member;
      if (f.has(qgp::kit::kFilter)) {
        ListParam param{.name = f.name,
                        .kind = param_kind<M>(),
                        .values = {},
                        .doc = f.doc,
                        .any = f.has(qgp::kit::kFilterAny)};
        if constexpr (qgp::kit::DeclaredEnum<qgp::kit::UnwrappedT<M>>) {
          param.values = qgp::kit::kWireNames<qgp::kit::UnwrappedT<M>>;
        }
        out.filters.push_back(param);
      }
      if (f.has(qgp::kit::kSort)) {
        out.sortable.push_back(f.name);
      }
      if (f.has(qgp::kit::kSearch)) {
        out.searchable.push_back(f.name);
      }
    });
    for (const auto& filter : qgp::kit::kResource<R>.filters) {
      if (filter.kind == qgp::kit::FilterKind::kSortKey) {
        out.sortable.push_back(filter.name);
        continue;
      }
      ParamKind kind = ParamKind::kText;
      switch (filter.kind) {
        case qgp::kit::FilterKind::kFlag:
        case qgp::kit::FilterKind::kWidens:
          kind = ParamKind::kFlag;
          break;
        case qgp::kit::FilterKind::kDate:
          kind = ParamKind::kDate;
          break;
        case qgp::kit::FilterKind::kInteger:
          kind = ParamKind::kInteger;
          break;
        case qgp::kit::FilterKind::kText:
        case qgp::kit::FilterKind::kSortKey:
          kind = ParamKind::kText;
          break;
        case qgp::kit::FilterKind::kTimestamp:
          kind = ParamKind::kTimestamp;
          break;
      }
      const ListParam param{.name = filter.name, .kind = kind, .values = {}, .doc = filter.doc};
      const auto same = std::ranges::find_if(
          out.filters, [&](const ListParam& known) { return known.name == filter.name; });
      if (same == out.filters.end()) {
        out.filters.push_back(param);
      } else {
        *same = param;  // a declared filter replaces the field's plain comparison
      }
    }
    return out;
  }();
  return spec;
}

// Validates every parameter at once (422 listing each problem).
qgp::kit::ListQuery parse_list(const http::QueryParams& params, const ListSpec& spec);

// The OpenAPI `parameters` of a list operation.
nlohmann::json list_parameters(const ListSpec& spec);

// The query parameter that asks for an exact total however large (ADR-0018).
inline constexpr std::string_view kExactTotal = "exact_total";

// {items, total, total_exact, page, page_size, pages}; `pages` counts the pages of `total` (when
// the total is not exact there are more).
nlohmann::json list_envelope(nlohmann::json items, std::int64_t total, bool total_exact,
                             const qgp::kit::ListQuery& query);

}  // namespace qgp::api::kit
