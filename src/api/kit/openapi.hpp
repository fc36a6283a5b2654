#pragma once

// OpenAPI 3.1 component schemas from a resource's declaration: the read shape (every key rendered,
// so all required; server-set ones readOnly), the create shape (what POST accepts; required unless
// nullable or defaulted) and the patch shape (nothing required but `version`), plus the list
// envelope. Nested declared types get their own components. Every object is closed
// (additionalProperties: false): the response validator (ADR-0007) then proves that handlers render
// exactly what is declared.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/openapi.hpp"
#include "kit/enums.hpp"
#include "kit/field.hpp"
#include "kit/values.hpp"

namespace qgp::api::kit {

// kReplace: a PUT body, the create shape plus the version read.
enum class Shape : std::uint8_t { kRead, kCreate, kPatch, kReplace };

// "Finding", "FindingCreate", "FindingPatch", "FindingReplace"; a type that is not stored on its
// own (a request or a view) keeps its plain name for the create shape.
std::string component_name(const qgp::kit::Meta& meta, Shape shape);
nlohmann::json component_ref(const qgp::kit::Meta& meta, Shape shape);
nlohmann::json nullable_schema(nlohmann::json schema);

template <qgp::kit::Described R>
std::string add_component(http::SchemaRegistry& schemas, Shape shape);

template <class T, class F>
nlohmann::json type_schema(const F& f, Shape shape, http::SchemaRegistry& schemas) {
  if constexpr (qgp::kit::kIsOptional<T>) {
    return nullable_schema(type_schema<typename qgp::kit::IsOptional<T>::Inner>(f, shape, schemas));
  } else if constexpr (std::is_same_v<T, bool>) {
    return {{"type", "boolean"}};
  } else if constexpr (qgp::kit::kIsInteger<T>) {
    constexpr bool kWide = sizeof(T) == sizeof(std::int64_t);
    nlohmann::json s = {{"type", "integer"}, {"format", kWide ? "int64" : "int32"}};
    if (f.bounded) {
      s["minimum"] = f.min;
      s["maximum"] = f.max;
    } else if (f.write_access != qgp::kit::Access::kServer) {
      s["minimum"] = kWide ? std::int64_t{1} : std::int64_t{std::numeric_limits<T>::min()};
    }
    return s;
  } else if constexpr (std::is_same_v<T, std::string>) {
    nlohmann::json s = {{"type", "string"}};
    if (f.bounded) {
      if (f.min > 0) {
        s["minLength"] = f.min;
      }
      s["maxLength"] = f.max;
    }
    if (!f.format.empty()) {
      s["format"] = std::string(f.format);
    }
    if (!f.pattern.empty()) {
      s["pattern"] = std::string(f.pattern);
    }
    return s;
  } else if constexpr (qgp::kit::kIsJson<T>) {
    return type_schema<typename qgp::kit::IsJson<T>::Document>(f, shape, schemas);
  } else if constexpr (std::is_same_v<T, qgp::kit::Value>) {
    // A value as the audit trail records it: null, a boolean, a number or a string.
    return {{"type", {"boolean", "number", "string", "null"}}};
  } else if constexpr (std::is_same_v<T, qgp::kit::Date>) {
    return {{"type", "string"}, {"format", "date"}};
  } else if constexpr (std::is_same_v<T, qgp::kit::Timestamp>) {
    return {{"type", "string"}, {"format", "date-time"}};
  } else if constexpr (std::is_same_v<T, qgp::kit::Decimal>) {
    nlohmann::json s = {{"type", "number"}};
    if (f.bounded) {
      s[f.exclusive_low ? "exclusiveMinimum" : "minimum"] = f.low;
      s["maximum"] = f.high;
    }
    return s;
  } else if constexpr (std::is_same_v<T, qgp::kit::Scalar>) {
    nlohmann::json s = {{"type", nlohmann::json::array({"boolean", "number", "string", "null"})}};
    if (f.bounded) {  // of the string form
      if (f.min > 0) {
        s["minLength"] = f.min;
      }
      s["maxLength"] = f.max;
    }
    return s;
  } else if constexpr (qgp::kit::DeclaredEnum<T>) {
    const auto& names = qgp::kit::kWireNames<T>;
    return {{"type", "string"},
            {"enum", std::vector<std::string_view>(names.begin(), names.end())}};
  } else if constexpr (qgp::kit::kIsVector<T>) {
    using Item = typename qgp::kit::IsVector<T>::Item;
    const auto item_field = qgp::kit::field(f.name, f.member);
    nlohmann::json s = {{"type", "array"},
                        {"items", type_schema<Item>(item_field, shape, schemas)}};
    if (f.bounded && shape != Shape::kRead) {
      s["maxItems"] = f.max;
    }
    if constexpr (std::is_same_v<Item, std::int64_t>) {
      s["uniqueItems"] = shape == Shape::kRead;
    }
    return s;
  } else if constexpr (qgp::kit::kIsEnumMap<T>) {
    using Mapped = typename qgp::kit::IsEnumMap<T>::Mapped;
    // The values are the field's: a server-set map of counts holds zeros (no id minimum).
    auto item_field = qgp::kit::field(f.name, f.member);
    item_field.write_access = f.write_access;
    nlohmann::json properties = nlohmann::json::object();
    nlohmann::json required = nlohmann::json::array();
    for (const auto name : qgp::kit::kWireNames<typename qgp::kit::IsEnumMap<T>::Key>) {
      properties[std::string(name)] = type_schema<Mapped>(item_field, shape, schemas);
      required.push_back(std::string(name));
    }
    return {{"type", "object"},
            {"properties", std::move(properties)},
            {"required", std::move(required)},
            {"additionalProperties", false}};
  } else if constexpr (qgp::kit::kIsMap<T>) {
    using Mapped = typename qgp::kit::IsCountMap<T>::Mapped;
    auto item_field = qgp::kit::field(f.name, f.member);
    item_field.write_access = f.write_access;
    return {{"type", "object"},
            {"additionalProperties", type_schema<Mapped>(item_field, shape, schemas)}};
  } else {
    static_assert(qgp::kit::Described<T>, "no OpenAPI schema for this member type");
    // Nested records of a request body are whole records (a PATCH replaces them): create shape.
    const auto nested = shape == Shape::kRead ? Shape::kRead : Shape::kCreate;
    add_component<T>(schemas, nested);
    return component_ref(qgp::kit::meta<T>(), nested);
  }
}

template <qgp::kit::Described R>
nlohmann::json object_schema(Shape shape, http::SchemaRegistry& schemas) {
  nlohmann::json properties = nlohmann::json::object();
  nlohmann::json required = nlohmann::json::array();
  qgp::kit::for_each_field<R>([&](const auto& f, std::size_t /*index*/) {
    using M = typename std::remove_cvref_t<decltype(f)>::Member;
    const bool is_version = f.role == qgp::kit::Role::kVersion;
    const bool whole = shape == Shape::kCreate || shape == Shape::kReplace;
    const bool replaced_version = is_version && shape == Shape::kReplace;
    if (whole && !f.writable_on_create() && !replaced_version) {
      return;
    }
    if (shape == Shape::kPatch && !f.writable_on_patch() && !is_version) {
      return;
    }
    if (shape == Shape::kRead && f.has(qgp::kit::kWriteOnly)) {
      return;
    }
    auto s = type_schema<M>(f, shape, schemas);
    if (!f.doc.empty()) {
      s["description"] = std::string(f.doc);
    }
    if (shape == Shape::kRead && f.write_access != qgp::kit::Access::kClient) {
      s["readOnly"] = true;
    }
    if (f.has(qgp::kit::kWriteOnly)) {
      s["writeOnly"] = true;
    }
    if (is_version && shape != Shape::kRead) {
      s = {{"type", "integer"}, {"minimum", 1}, {"description", "the version you read"}};
    }
    properties[std::string(f.name)] = std::move(s);
    const bool needed = shape == Shape::kRead || (is_version && shape != Shape::kCreate)
                        || (whole && !is_version && qgp::kit::required_on_create<M>(f));
    if (needed) {
      required.push_back(std::string(f.name));
    }
  });
  nlohmann::json schema = {
      {"type", "object"}, {"properties", std::move(properties)}, {"additionalProperties", false}};
  if (!required.empty()) {
    schema["required"] = std::move(required);
  }
  return schema;
}

// Registers R's component of `shape` (and those of nested declared types) once; returns its name.
template <qgp::kit::Described R>
std::string add_component(http::SchemaRegistry& schemas, Shape shape) {
  auto name = component_name(qgp::kit::meta<R>(), shape);
  if (!schemas.contains(name)) {
    schemas[name] = nlohmann::json::object();  // a placeholder stops recursion on cycles
    schemas[name] = object_schema<R>(shape, schemas);
  }
  return name;
}

// The list envelope of R's read shape, registered as <Name>List.
template <qgp::kit::Described R>
std::string add_list_component(http::SchemaRegistry& schemas) {
  add_component<R>(schemas, Shape::kRead);
  const std::string name = std::string(qgp::kit::meta<R>().name) + "List";
  const nlohmann::json count = {{"type", "integer"}, {"minimum", 0}};
  schemas[name] = {
      {"type", "object"},
      {"additionalProperties", false},
      {"required", {"items", "total", "total_exact", "page", "page_size", "pages"}},
      {"properties",
       {{"items", {{"type", "array"}, {"items", component_ref(qgp::kit::meta<R>(), Shape::kRead)}}},
        {"total", count},
        {"total_exact",
         {{"type", "boolean"},
          {"description", "false: the count stopped, there are more than `total` items"}}},
        {"page", {{"type", "integer"}, {"minimum", 1}}},
        {"page_size", {{"type", "integer"}, {"minimum", 1}}},
        {"pages", count}}}};
  return name;
}

}  // namespace qgp::api::kit
