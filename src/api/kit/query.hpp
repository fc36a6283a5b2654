#pragma once

// Query parameters of an operation that is not a list (GET /standards/{id}?include_archived=true),
// declared once like a body: a plain struct and its description, whose fields are the parameters.
// `Routes::add<Query<Q>, Out>` parses the query string by Q's declaration (an unknown, repeated or
// mistyped parameter is one 422 listing each, like a list's) and documents every field as an
// OpenAPI query parameter. Booleans are true/false, integers decimal; text, dates and enumerations
// are checked by the field's own rules.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "api/kit/json.hpp"
#include "api/kit/openapi.hpp"
#include "http/openapi.hpp"
#include "http/query.hpp"
#include "kit/field.hpp"

namespace qgp::api::kit {

template <qgp::kit::Described Q>
struct Query {
  Q values{};
};

template <class T>
struct IsQuery : std::false_type {};
template <class Q>
struct IsQuery<Query<Q>> : std::true_type {
  using Params = Q;
};

namespace detail {

std::optional<std::int64_t> query_integer(std::string_view text);

// The JSON value a query string value stands for, by the field's type; nullopt after recording a
// problem. Text, dates and enumerations stay strings: the field's own parsing checks them.
template <class V>
std::optional<nlohmann::json> query_json(const std::string& text, const std::string& name,
                                         Problems& problems) {
  if constexpr (std::is_same_v<V, bool>) {
    if (text != "true" && text != "false") {
      problems.add(name, "must be true or false");
      return std::nullopt;
    }
    return nlohmann::json(text == "true");
  } else if constexpr (qgp::kit::kIsInteger<V>) {
    const auto number = query_integer(text);
    if (!number) {
      problems.add(name, "must be an integer");
      return std::nullopt;
    }
    return nlohmann::json(*number);
  } else {
    static_assert(std::is_same_v<V, std::string> || std::is_same_v<V, qgp::kit::Date>
                      || qgp::kit::DeclaredEnum<V>,
                  "no query parameter form for this member type");
    return nlohmann::json(text);
  }
}

}  // namespace detail

// The query of an operation as Q; throws the 422 listing every problem.
template <qgp::kit::Described Q>
Query<Q> parse_query(const http::QueryParams& params) {
  Problems problems;
  nlohmann::json given = nlohmann::json::object();
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    const std::string& name = it->first;
    if (params.count(name) > 1) {
      problems.add(name, "must be given at most once");
      continue;
    }
    bool known = false;
    qgp::kit::for_each_field<Q>([&](const auto& f, std::size_t /*index*/) {
      using V = qgp::kit::UnwrappedT<typename std::remove_cvref_t<decltype(f)>::Member>;
      if (f.name != name) {
        return;
      }
      known = true;
      if (auto value = detail::query_json<V>(it->second, name, problems)) {
        given[name] = std::move(*value);
      }
    });
    if (!known) {
      std::vector<std::string_view> names;
      qgp::kit::for_each_field<Q>(
          [&](const auto& f, std::size_t /*index*/) { names.push_back(f.name); });
      problems.add(name, fmt::format("unknown query parameter; this operation takes: {}",
                                     fmt::join(names, ", ")));
    }
  }
  Query<Q> out{.values = parse_object<Q>(given, "", problems)};
  problems.raise();
  return out;
}

// The OpenAPI `parameters` of Q's fields.
template <qgp::kit::Described Q>
nlohmann::json query_parameters(http::SchemaRegistry& schemas) {
  nlohmann::json out = nlohmann::json::array();
  qgp::kit::for_each_field<Q>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    nlohmann::json parameter = {{"name", std::string(f.name)},
                                {"in", "query"},
                                {"required", qgp::kit::required_on_create<M>(f)},
                                {"schema", type_schema<M>(f, Shape::kCreate, schemas)}};
    if (!f.doc.empty()) {
      parameter["description"] = std::string(f.doc);
    }
    out.push_back(std::move(parameter));
  });
  return out;
}

}  // namespace qgp::api::kit
